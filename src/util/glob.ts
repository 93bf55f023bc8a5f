/**
 * Glob patterns for file operands and the project config's include/exclude lists, matched without
 * backtracking: a pattern is split into `/` segments and matched segment by segment with a table over
 * (pattern position, path position), so the cost is the product of their lengths whatever the pattern
 * (a regular expression of `**` and `*` backtracks exponentially on long paths).
 *
 * Syntax: `**` any number of directories, `*` any characters within a segment, `?` one character,
 * `[abc]`/`[a-z]`/`[!a-z]` a class, `{a,b}` alternatives (at most 64 in all).
 */

/** A pattern that cannot be read as a glob (e.g. a character range such as [z-a]). */
export class GlobError extends Error {}

const MAX_ALTERNATIVES = 64;

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; test: (c: string) => boolean };

/** The first `{…}` group with a comma at its top level: the text before, the alternatives, the text after. */
function braceGroup(pattern: string): { before: string; parts: string[]; after: string } | undefined {
  for (let open = pattern.indexOf('{'); open >= 0; open = pattern.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let i = open; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '{') depth++;
      else if (c === ',' && depth === 1) commas.push(i);
      else if (c === '}' && --depth === 0) {
        if (commas.length === 0) break; // `{a}` is literal
        const parts = [...commas, i].map((end, k) => pattern.slice(k === 0 ? open + 1 : commas[k - 1]! + 1, end));
        return { before: pattern.slice(0, open), parts, after: pattern.slice(i + 1) };
      }
    }
  }
  return undefined;
}

/** `{a,b}` alternatives expanded (nested ones too); refused past MAX_ALTERNATIVES, however they multiply. */
export function expandBraces(pattern: string): string[] {
  const done: string[] = [];
  const todo = [pattern];
  while (todo.length > 0) {
    const p = todo.pop()!;
    const group = braceGroup(p);
    if (group) todo.push(...group.parts.map((part) => group.before + part + group.after).reverse());
    else done.push(p);
    if (done.length + todo.length > MAX_ALTERNATIVES) throw new GlobError(`"${pattern}" has more than ${MAX_ALTERNATIVES} alternatives`);
  }
  return done;
}

function classToken(body: string, pattern: string): Token {
  const negated = body.startsWith('!') || body.startsWith('^');
  const source = negated ? body.slice(1) : body;
  let re: RegExp;
  try {
    re = new RegExp(`^[${source.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]$`, 'u');
  } catch {
    throw new GlobError(`"${pattern}" is not a valid glob pattern`);
  }
  return { kind: 'class', test: (c) => re.test(c) !== negated };
}

function tokenize(segment: string, pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[' && segment.indexOf(']', i + 2) > 0) {
      const close = segment.indexOf(']', i + 2);
      tokens.push(classToken(segment.slice(i + 1, close), pattern));
      i = close;
    } else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

/** Whether one path segment matches a segment's tokens: a row-by-row table, O(tokens × characters). */
function segmentMatches(tokens: readonly Token[], text: string): boolean {
  const chars = [...text];
  let row = new Array<boolean>(chars.length + 1).fill(false);
  row[0] = true;
  for (const t of tokens) {
    const next = new Array<boolean>(chars.length + 1).fill(false);
    if (t.kind === 'star') {
      let reached = false;
      for (let j = 0; j <= chars.length; j++) {
        reached ||= row[j]!;
        next[j] = reached;
      }
    } else {
      for (let j = 1; j <= chars.length; j++) {
        const c = chars[j - 1]!;
        next[j] = row[j - 1]! && (t.kind === 'any' || (t.kind === 'char' ? t.c === c : t.test(c)));
      }
    }
    row = next;
  }
  return row[chars.length]!;
}

type Segment = 'globstar' | Token[];

function compileOne(pattern: string): (segments: readonly string[]) => boolean {
  const parts: Segment[] = [];
  for (const s of pattern.split('/')) {
    if (s === '**') {
      if (parts[parts.length - 1] !== 'globstar') parts.push('globstar');
    } else parts.push(tokenize(s, pattern));
  }
  return (segments) => {
    // reach[j]: the first i pattern parts can match the first j path segments
    let reach = new Array<boolean>(segments.length + 1).fill(false);
    reach[0] = true;
    for (const part of parts) {
      const next = new Array<boolean>(segments.length + 1).fill(false);
      if (part === 'globstar') {
        let any = false;
        for (let j = 0; j <= segments.length; j++) {
          any ||= reach[j]!;
          next[j] = any;
        }
      } else {
        for (let j = 1; j <= segments.length; j++) next[j] = reach[j - 1]! && segmentMatches(part, segments[j - 1]!);
      }
      reach = next;
    }
    return reach[segments.length]!;
  };
}

/** A matcher for `/`-separated relative paths. Throws GlobError for a pattern that is not a glob. */
export function globMatcher(glob: string): (path: string) => boolean {
  const matchers = expandBraces(glob).map(compileOne);
  return (path) => {
    const segments = path.split('/');
    return matchers.some((m) => m(segments));
  };
}

/** Whether a string holds glob syntax. */
export function isGlob(s: string): boolean {
  return /[*?[{]/.test(s);
}
