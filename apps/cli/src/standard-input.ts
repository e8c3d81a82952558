import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * The first line of standard input, without its line ending; undefined when there is none. At a
 * terminal the person is asked with `prompt` (on standard error) and what they type is not shown.
 */
export async function readSecretLine(prompt: string): Promise<string | undefined> {
  const input = process.stdin;
  const atTerminal = input.isTTY;
  if (atTerminal) process.stderr.write(prompt);
  // At a terminal readline echoes what is typed to its output: a stream that drops everything.
  const reader = createInterface({
    input,
    output: atTerminal ? new Writable({ write: (_chunk, _encoding, done) => done() }) : undefined,
    terminal: atTerminal,
  });
  try {
    return await new Promise<string | undefined>((resolve) => {
      reader.once('line', resolve);
      // End of input (a pipe that was empty, Ctrl-D) or Ctrl-C: no line.
      reader.once('close', () => resolve(undefined));
      reader.once('SIGINT', () => reader.close());
    });
  } finally {
    reader.close();
    if (atTerminal) process.stderr.write('\n');
  }
}
