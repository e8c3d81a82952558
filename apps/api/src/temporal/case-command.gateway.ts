import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

/**
 * Something the api stores in PostgreSQL before the case's workflow hears of it (a new case, a reason, a
 * document: the workflow gets their ids, never their contents), and takes back when the workflow does not
 * take it, so that a failed command leaves nothing behind.
 */
export interface CaseCommand<Written, Answer> {
  /** The case the command is about: with `name`, all that is logged of a failed undo. */
  readonly caseId: string;
  /** What the command is, for the log ("objection", "decision"). */
  readonly name: string;
  /** Stores what the workflow is told of. A write of several rows makes them in one transaction of its own. */
  readonly write: () => Promise<Written>;
  /** Tells the workflow. Any failure (refused, Temporal away, a timeout) undoes the write. */
  readonly send: (written: Written) => Promise<Answer>;
  /** Takes back what `write` stored. */
  readonly undo: (written: Written) => Promise<void>;
  /**
   * A failure of the send after which the write stays (the workflow finds it later by itself); none by
   * default. The caller still gets the error.
   */
  readonly keepWhen?: (error: unknown) => boolean;
}

export interface UndoFailure {
  caseId: string;
  name: string;
  error: unknown;
}

/**
 * Write, send, and undo when the send fails; the caller gets the send's own error, also when the undo
 * fails too (that one goes to `reportUndoFailure`). A write that fails is the caller's: it wrote nothing
 * that would need an undo, and nothing is sent.
 */
export async function runCaseCommand<Written, Answer>(
  command: CaseCommand<Written, Answer>,
  reportUndoFailure: (failure: UndoFailure) => void,
): Promise<Answer> {
  const written = await command.write();
  try {
    return await command.send(written);
  } catch (error) {
    if (command.keepWhen?.(error)) throw error;
    try {
      await command.undo(written);
    } catch (undoError) {
      reportUndoFailure({ caseId: command.caseId, name: command.name, error: undoError });
    }
    throw error;
  }
}

/** The api's one way to write, send the workflow an update (or start it), and undo on refusal. */
@Injectable()
export class CaseCommandGateway {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(CaseCommandGateway.name);
  }

  run<Written, Answer>(command: CaseCommand<Written, Answer>): Promise<Answer> {
    return runCaseCommand(command, ({ caseId, name, error }) => {
      // The case id and the command's name only: what was written may be personal (a reason, a request).
      this.logger.error(
        { err: error, caseId, command: name },
        'could not undo a case command the workflow did not take',
      );
    });
  }
}
