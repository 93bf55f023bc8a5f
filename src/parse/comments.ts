/**
 * The comments of a TOML text, with where they are: for the directives brud reads from comments
 * (`# brud-disable-next-line`, `#:brud variant=…`) and for the formatter, which keeps them. A small
 * scanner that knows only what can hide a `#`: basic, literal and multi-line strings.
 */

export interface Comment {
  /** Offset of the `#` (UTF-16 code units). */
  start: number;
  /** Offset just past the comment's last character (before the line break). */
  end: number;
  /** 1-based line of the comment. */
  line: number;
  /** The comment's text after the `#`. */
  text: string;
  /** Nothing but whitespace before it on its line. */
  ownLine: boolean;
}

type Mode = 'code' | 'basic' | 'literal' | 'mlBasic' | 'mlLiteral';

/** Where a string that starts at `i` ends (or the mode it leaves open), as far as a `#` can hide in it. */
function opener(text: string, i: number): { mode: Mode; width: number } | undefined {
  const c = text[i];
  if (c === '"') return text.startsWith('"""', i) ? { mode: 'mlBasic', width: 3 } : { mode: 'basic', width: 1 };
  if (c === "'") return text.startsWith("'''", i) ? { mode: 'mlLiteral', width: 3 } : { mode: 'literal', width: 1 };
  return undefined;
}

/** Just past the `"""` or `'''` that closes a multi-line string continuing at `i` (or the end of the text). */
function closeMultiline(text: string, i: number, mode: 'mlBasic' | 'mlLiteral'): number {
  const quote = mode === 'mlBasic' ? '"""' : "'''";
  for (let j = i; j < text.length; j++) {
    if (mode === 'mlBasic' && text[j] === '\\') {
      j++;
      continue;
    }
    if (!text.startsWith(quote, j)) continue;
    let k = j + 3;
    // up to two quotes right before the closing delimiter belong to the string
    while (k < text.length && text[k] === quote[0] && k - j < 5) k++;
    return k;
  }
  return text.length;
}

/** Just past the quote that closes a one-line string continuing at `i`, or the line break where it (wrongly) ends. */
function closeSingle(text: string, i: number, mode: 'basic' | 'literal'): number {
  const quote = mode === 'basic' ? '"' : "'";
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return j;
    if (mode === 'basic' && c === '\\') j++;
    else if (c === quote) return j + 1;
  }
  return text.length;
}

function closeAt(text: string, i: number, mode: Exclude<Mode, 'code'>): number {
  return mode === 'mlBasic' || mode === 'mlLiteral' ? closeMultiline(text, i, mode) : closeSingle(text, i, mode);
}

export function scanComments(text: string): Comment[] {
  const out: Comment[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === '#') {
      let end = text.indexOf('\n', i);
      if (end === -1) end = text.length;
      if (text[end - 1] === '\r') end--;
      out.push({ start: i, end, line, text: text.slice(i + 1, end), ownLine: text.slice(lineStart, i).trim() === '' });
      i = end;
      continue;
    }
    const open = opener(text, i);
    if (!open) {
      i++;
      continue;
    }
    const close = closeAt(text, i + open.width, open.mode as Exclude<Mode, 'code'>);
    for (let j = i; j < close; j++) {
      if (text[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
    }
    i = close;
  }
  return out;
}
