import { parseJson } from './json-text';

function syntaxErrorOf(text: string) {
  const result = parseJson(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe(parseJson.name, () => {
  it('answers the value of valid JSON, ignoring a byte-order mark', () => {
    expect(parseJson('\uFEFF{ "a": [1, true, null, "x"] }')).toEqual({
      ok: true,
      value: { a: [1, true, null, 'x'] },
    });
  });

  it('names line and column of a word without quotes, which JSON.parse reports without a position', () => {
    expect(syntaxErrorOf('{\n  "a": 1,\n  "b": x\n}')).toEqual({
      line: 3,
      column: 8,
      message: 'unexpected x (text values and field names need double quotes)',
    });
  });

  it('points at the bracket after a trailing comma', () => {
    expect(syntaxErrorOf('{\n  "a": [1, 2,]\n}')).toMatchObject({ line: 2, column: 14 });
    expect(syntaxErrorOf('{ "a": 1, }').message).toContain('no trailing comma');
  });

  it('points at the field after a missing comma', () => {
    expect(syntaxErrorOf('{ "a": 1\n  "b": 2 }')).toEqual({
      line: 2,
      column: 3,
      message: "expected ',' between two values or fields",
    });
  });

  it('points at the opening quote of an unterminated string', () => {
    expect(syntaxErrorOf('[ "abc')).toEqual({ line: 1, column: 3, message: 'unterminated string' });
  });

  it('reports an empty file, a cut-off file and text after the value', () => {
    expect(syntaxErrorOf('  \n').message).toBe('the file is empty');
    expect(syntaxErrorOf('{ "a":').message).toContain('expected a value');
    expect(syntaxErrorOf('{}\n}')).toMatchObject({ line: 2, column: 1 });
  });

  it('refuses what JSON refuses: single quotes, bad escapes, leading zeros, comments', () => {
    expect(syntaxErrorOf("{ 'a': 1 }")).toMatchObject({ line: 1, column: 3 });
    expect(syntaxErrorOf('["\\x"]').message).toBe('invalid escape sequence in a string');
    expect(syntaxErrorOf('[01]')).toMatchObject({ line: 1, column: 3 });
    expect(syntaxErrorOf('[1] // note').message).toBe('comments are not allowed in JSON');
  });
});
