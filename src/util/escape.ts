/**
 * Text from the input (keys, values, file names) made safe to print: C0 and C1 control characters,
 * DEL, line and paragraph separators, and the Unicode bidi controls (which can reorder what a reader
 * sees) are written as visible escapes. A key written `"\u001b[8mX"` in TOML holds a real ESC; printed
 * raw it would hide the rest of a terminal report, and a newline could forge a CI workflow command.
 */

// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex -- as above, for a test without the global flag's state
const HAS_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

function escapeChar(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every unsafe character written as an escape (`\n`, `\u001b`); tabs are kept. */
export function visible(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw (C1 controls, bidi controls, separators)
 * escaped as `\uXXXX`: the same value for a parser, nothing misleading in a log.
 */
export function safeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
