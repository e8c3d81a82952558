import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DomainError } from '@app/domain';

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
  /** Tells the workflow. A refusal undoes the write; a send the workflow did not answer, see below. */
  readonly send: (written: Written) => Promise<Answer>;
  /** Takes back what `write` stored. */
  readonly undo: (written: Written) => Promise<void>;
  /**
   * Whether a send the workflow did not answer (Temporal away, the deadline passed) undoes the write too.
   * Not by default: an update that got no answer may still be taken once a worker runs it, and must then
   * find what it was told of (a decision's reason, an objection). A start, whose undo checks whether the
   * workflow began, and an upload, whose undo spares a document the workflow took, say yes. The caller gets
   * the error either way.
   */
  readonly undoWhenUnanswered?: boolean;
}

/** The workflow did not answer: Temporal was away, or the deadline passed (not a refusal). */
export function isUnanswered(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'unavailable';
}

export interface UndoFailure {
  caseId: string;
  name: string;
  error: unknown;
}

/**
 * Write, send, and undo when the workflow refuses; the caller gets the send's own error, also when the undo
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
    if (isUnanswered(error) && !command.undoWhenUnanswered) throw error;
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
