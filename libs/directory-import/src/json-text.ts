import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where a JSON text stops being JSON: line and column count from 1. */
interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

// jsonc-parser (VS Code's) reports the offset of every error, which Node 20's JSON.parse often leaves out.
// Keyed by the code's name: the codes are a const enum, which isolated modules cannot read.
const MESSAGES: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: 'unexpected character (text values and field names need double quotes)',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a field name in double quotes (no trailing comma before "}")',
  ValueExpected: 'expected a value (no trailing comma before "]" or "}")',
  ColonExpected: "expected ':' after the field name",
  CommaExpected: "expected ',' between two values or fields",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the list",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of a number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

/** Parses a JSON text (RFC 8259: no comments, no trailing commas); on an error answers where and what. */
export function parseJson(text: string): JsonParseResult {
  // Editors on Windows may save a byte-order mark; it is not part of the JSON.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (json.trim() === '') return { ok: false, error: { line: 1, column: 1, message: 'the file is empty' } };
  const errors: ParseError[] = [];
  const value = parse(json, errors, { disallowComments: true, allowTrailingComma: false }) as unknown;
  const [first] = errors;
  if (!first) return { ok: true, value };
  return { ok: false, error: { ...lineAndColumn(json, first.offset), message: describe(json, first) } };
}

function describe(json: string, error: ParseError): string {
  const code = printParseErrorCode(error.error);
  const message = MESSAGES[code] ?? code;
  if (code !== 'InvalidSymbol') return message;
  // Show what stands there: usually a word that should have been quoted.
  const word = /[^\s,:[\]{}"]{1,40}/y;
  word.lastIndex = error.offset;
  const found = word.exec(json)?.[0];
  return found ? `unexpected ${found} (text values and field names need double quotes)` : message;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
