/**
 * `brud fmt`: a TOML file in the canonical layout, its comments, key order and value spellings kept
 * (what taplo's and Prettier's users expect of a formatter). The layout, as taplo's defaults have it:
 *
 * - top-level lines (keys, table headers, comments) start at column 1; `key = value` with one space
 *   around `=`; `[ a.b ]` is written `[a.b]`; a trailing comment is one space after the code;
 * - one blank line before each table header (before the comments directly above it), never two blank
 *   lines in a row, none at the start, and one line break at the end;
 * - no trailing whitespace; line breaks as the file has them (CRLF when every line ends in CRLF).
 *
 * Lines inside multi-line strings are content and are never touched; lines inside a multi-line array or
 * inline table keep their indentation. The output is parsed again and must hold the same values as the
 * input (else the input is returned unchanged): formatting never changes what the node receives.
 */
import { isTable, TomlDateTime, TomlFloat, type TomlValue } from '../model/value.js';
import type { Span } from '../model/diagnostic.js';
import { parseTomlText } from '../parse/toml.js';

type Mode = 'code' | 'mlBasic' | 'mlLiteral';

interface Line {
  /** The line without its line break. */
  text: string;
  /** It starts inside a multi-line string (its start is string content). */
  inString: boolean;
  /** It ends inside a multi-line string (its end is string content). */
  endsInString: boolean;
  /** Brackets open at its start (inside a multi-line array or inline table). */
  depth: number;
  /** Where a comment starts on it, outside strings (-1: none). */
  comment: number;
  /** Where the first `=` outside strings is (-1: none). */
  equals: number;
}

/** Past a string that opens at `i` (quote `c`): where scanning goes on, and the mode it leaves (a multi-line string may stay open). */
function skipString(text: string, i: number, c: string): { i: number; mode: Mode } {
  if (text.startsWith(c.repeat(3), i)) return { i: i + 3, mode: c === '"' ? 'mlBasic' : 'mlLiteral' };
  return { i: closeSingle(text, i + 1, c), mode: 'code' };
}

function bracketDepth(c: string, depth: number): number {
  if (c === '[' || c === '{') return depth + 1;
  return (c === ']' || c === '}') && depth > 0 ? depth - 1 : depth;
}

/** Scans one line from the state the previous line left. */
function scanLine(text: string, mode: Mode, depth: number): { mode: Mode; depth: number; comment: number; equals: number } {
  let comment = -1;
  let equals = -1;
  let i = 0;
  while (i < text.length) {
    if (mode !== 'code') {
      const at = findClose(text, i, mode === 'mlBasic' ? '"""' : "'''", mode === 'mlBasic');
      if (at === -1) break;
      i = at;
      mode = 'code';
      continue;
    }
    const c = text[i]!;
    if (c === '#') {
      comment = i;
      break;
    }
    if (c === '"' || c === "'") {
      ({ i, mode } = skipString(text, i, c));
      continue;
    }
    if (c === '=' && equals === -1 && depth === 0) equals = i;
    depth = bracketDepth(c, depth);
    i++;
  }
  return { mode, depth, comment, equals };
}

/** Just past the closing delimiter of a multi-line string (with up to two quotes of content before it), or -1. */
function findClose(text: string, from: number, close: string, escapes: boolean): number {
  for (let j = from; j < text.length; j++) {
    if (escapes && text[j] === '\\') {
      j++;
      continue;
    }
    if (!text.startsWith(close, j)) continue;
    let k = j + 3;
    while (k < text.length && text[k] === close[0] && k - j < 5) k++;
    return k;
  }
  return -1;
}

function closeSingle(text: string, from: number, quote: string): number {
  for (let j = from; j < text.length; j++) {
    if (quote === '"' && text[j] === '\\') j++;
    else if (text[j] === quote) return j + 1;
  }
  return text.length;
}

function splitLines(body: string): Line[] {
  const out: Line[] = [];
  let mode: Mode = 'code';
  let depth = 0;
  for (const text of body.split('\n')) {
    const inString = mode !== 'code';
    const startDepth = depth;
    const r = scanLine(text, mode, depth);
    out.push({ text, inString, endsInString: r.mode !== 'code', depth: startDepth, comment: r.comment, equals: r.equals });
    mode = r.mode;
    depth = r.depth;
  }
  return out;
}

/** A top-level line in the canonical layout. */
function layoutLine(line: Line): string {
  const { text } = line;
  const code = (line.comment === -1 ? text : text.slice(0, line.comment)).trim();
  const comment = line.comment === -1 ? '' : text.slice(line.comment).trimEnd();
  if (code === '') return comment;
  let body = code;
  const header = /^(\[\[?)\s*(.*?)\s*(\]\]?)$/.exec(code);
  if (header && header[1]!.length === header[3]!.length) body = `${header[1]}${header[2]}${header[3]}`;
  else if (line.equals !== -1) {
    const lead = text.length - text.trimStart().length;
    const key = text.slice(lead, line.equals).trim();
    const value = (line.comment === -1 ? text.slice(line.equals + 1) : text.slice(line.equals + 1, line.comment)).trimStart();
    // a value that opens a multi-line string ends in string content: keep its end as written
    body = `${key} = ${line.endsInString ? value : value.trimEnd()}`;
  }
  return comment === '' ? body : `${body} ${comment}`;
}

const isHeader = (s: string): boolean => s.startsWith('[');
const isComment = (s: string): boolean => s.startsWith('#');

/** The lines in the canonical layout (see the top of this file). */
function layout(lines: readonly Line[]): string[] {
  const out: string[] = [];
  // whether each output line is a comment on a line of its own at the top level (it belongs to what follows)
  const leading: boolean[] = [];
  let blank = false;
  for (const line of lines) {
    if (line.inString) {
      out.push(line.text);
      leading.push(false);
      continue;
    }
    const top = line.depth === 0;
    const text = top ? layoutLine(line) : line.endsInString ? line.text : line.text.trimEnd();
    if (text.trim() === '') {
      blank = out.length > 0;
      continue;
    }
    if (blank) {
      out.push('');
      leading.push(false);
    } else if (top && isHeader(text)) blankBefore(out, leading);
    blank = false;
    out.push(text);
    leading.push(top && isComment(text));
  }
  return out;
}

/** The formatted text; the input unchanged when formatting would change a value (it never should). */
export function formatToml(input: string): { ok: true; text: string } | { ok: false; message: string; span: Span | undefined } {
  const bom = input.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  let body = input.slice(bom.length);
  const before = parseTomlText(body);
  if (!before.ok)
    return { ok: false, message: before.finding.message, span: typeof before.finding.span === 'object' ? before.finding.span : undefined };
  // CRLF is kept when every line ends in it; a file that mixes them gets LF outside multi-line strings
  const crlf =
    body.includes('\r\n') &&
    body
      .split('\n')
      .slice(0, -1)
      .every((l) => l.endsWith('\r'));
  if (crlf) body = body.replace(/\r\n/g, '\n');
  const eol = crlf ? '\r\n' : '\n';
  const out = layout(splitLines(body));
  const text = out.length === 0 ? '' : out.join(eol) + eol;
  const after = parseTomlText(text);
  if (!after.ok || !sameValue(after.parsed.value, before.parsed.value)) return { ok: true, text: input };
  return { ok: true, text: bom + text };
}

/** One blank line before a header, above the comments written directly over it (unless they open the file). */
function blankBefore(out: string[], leading: boolean[]): void {
  let at = out.length;
  while (at > 0 && leading[at - 1]) at--;
  if (at === 0 || out[at - 1] === '') return;
  out.splice(at, 0, '');
  leading.splice(at, 0, false);
}

/** The same TOML values, in the same key order (a formatter must never change what the node receives). */
function sameValue(a: TomlValue | undefined, b: TomlValue | undefined): boolean {
  if (a instanceof TomlFloat) return b instanceof TomlFloat && Object.is(a.value, b.value);
  if (a instanceof TomlDateTime) return b instanceof TomlDateTime && a.kind === b.kind && a.text === b.text;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isTable(a)) {
    if (!isTable(b)) return false;
    const keys = Object.keys(a);
    const other = Object.keys(b);
    return keys.length === other.length && keys.every((k, i) => k === other[i] && sameValue(a[k], b[k]));
  }
  return a === b;
}
