import type { PinoLogger } from 'nestjs-pino';
import { DomainError } from '@app/domain';
import {
  CaseCommandGateway,
  runCaseCommand,
  type CaseCommand,
  type UndoFailure,
} from './case-command.gateway';

const CASE_ID = '00000000-0000-4000-8000-0000000000c1';

/** A command whose steps record what ran, in order; each step does what `behaviour` says. */
function recordedCommand(
  behaviour: { write?: () => Promise<string>; send?: () => Promise<string>; undo?: () => Promise<void> } = {},
): { command: CaseCommand<string, string>; steps: string[] } {
  const steps: string[] = [];
  const command: CaseCommand<string, string> = {
    caseId: CASE_ID,
    name: 'test command',
    write: async () => {
      steps.push('write');
      return behaviour.write ? behaviour.write() : 'note-1';
    },
    send: async (written) => {
      steps.push(`send ${written}`);
      return behaviour.send ? behaviour.send() : 'accepted';
    },
    undo: async (written) => {
      steps.push(`undo ${written}`);
      if (behaviour.undo) await behaviour.undo();
    },
  };
  return { command, steps };
}

describe(runCaseCommand.name, () => {
  let undoFailures: UndoFailure[];
  const report = (failure: UndoFailure): void => {
    undoFailures.push(failure);
  };

  beforeEach(() => {
    undoFailures = [];
  });

  it('writes, then sends what was written, and answers the send; nothing is undone', async () => {
    const { command, steps } = recordedCommand();
    await expect(runCaseCommand(command, report)).resolves.toBe('accepted');
    expect(steps).toEqual(['write', 'send note-1']);
    expect(undoFailures).toEqual([]);
  });

  it('undoes what was written when the workflow refuses, and answers the refusal itself', async () => {
    const refusal = new DomainError('invalid_state', 'This case does not wait for a decision.');
    const { command, steps } = recordedCommand({ send: () => Promise.reject(refusal) });
    await expect(runCaseCommand(command, report)).rejects.toBe(refusal);
    expect(steps).toEqual(['write', 'send note-1', 'undo note-1']);
    expect(undoFailures).toEqual([]);
  });

  it('keeps what was written when the workflow did not answer (it may still take it), and answers that', async () => {
    const away = new DomainError('unavailable', 'The service cannot handle this at the moment.');
    const { command, steps } = recordedCommand({ send: () => Promise.reject(away) });
    await expect(runCaseCommand(command, report)).rejects.toBe(away);
    expect(steps).toEqual(['write', 'send note-1']);
  });

  it('undoes without an answer too when the command says so (a start, an upload)', async () => {
    const away = new DomainError('unavailable', 'The service cannot handle this at the moment.');
    const { command, steps } = recordedCommand({ send: () => Promise.reject(away) });
    await expect(runCaseCommand({ ...command, undoWhenUnanswered: true }, report)).rejects.toBe(away);
    expect(steps).toEqual(['write', 'send note-1', 'undo note-1']);
  });

  it('undoes when the send fails in a way that is no answer of the workflow at all', async () => {
    const broken = new Error('14 UNAVAILABLE: connection refused');
    const { command, steps } = recordedCommand({ send: () => Promise.reject(broken) });
    await expect(runCaseCommand(command, report)).rejects.toBe(broken);
    expect(steps).toEqual(['write', 'send note-1', 'undo note-1']);
  });

  it('neither sends nor undoes when the write fails: the write error is the answer', async () => {
    const writeError = new Error('duplicate key value violates unique constraint');
    const { command, steps } = recordedCommand({ write: () => Promise.reject(writeError) });
    await expect(runCaseCommand(command, report)).rejects.toBe(writeError);
    expect(steps).toEqual(['write']);
  });

  it('answers the send error, not the undo error, when the undo fails too, and reports the undo error with the case id', async () => {
    const refusal = new DomainError('invalid_state', 'No more documents can be uploaded for this case.');
    const undoError = new Error('connection terminated');
    const { command, steps } = recordedCommand({
      send: () => Promise.reject(refusal),
      undo: () => Promise.reject(undoError),
    });
    await expect(runCaseCommand(command, report)).rejects.toBe(refusal);
    expect(steps).toEqual(['write', 'send note-1', 'undo note-1']);
    expect(undoFailures).toEqual([{ caseId: CASE_ID, name: 'test command', error: undoError }]);
  });
});

describe(CaseCommandGateway.name, () => {
  it('logs a failed undo with the case id and the command, never what was written', async () => {
    const error = jest.fn();
    const logger = { setContext: jest.fn(), error } as unknown as PinoLogger;
    const reason = 'Our administrator Jan Jansen is on holiday.';
    const refusal = new DomainError('invalid_state', 'This case is closed.');
    const undoError = new Error('connection terminated');
    const answer = new CaseCommandGateway(logger).run({
      caseId: CASE_ID,
      name: 'objection',
      write: () => Promise.resolve({ noteId: 'note-1', reason }),
      send: () => Promise.reject(refusal),
      undo: () => Promise.reject(undoError),
    });
    await expect(answer).rejects.toBe(refusal);
    expect(error.mock.calls).toEqual([
      [{ err: undoError, caseId: CASE_ID, command: 'objection' }, expect.any(String)],
    ]);
    expect(JSON.stringify(error.mock.calls)).not.toContain(reason);
  });
});
