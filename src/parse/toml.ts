/**
 * TOML 1.0 parsing, in two parts. The verdict and the values come from brud's own parser
 * (`./fast.ts`), which follows Bottlerocket's (toml 0.8.19 / toml_edit 0.22.22) and is iterative and
 * linear. Positions are needed only when something is reported: the same parser runs again with a
 * position sink the first time a finding is located (Butane correlates positions late the same way).
 * A document that does not parse is described by toml-eslint-parser, whose messages brud has always
 * shown, as long as that parser rejects it too; where only Bottlerocket's rules reject it (a float
 * that overflows, an integer beyond 64 bits, nesting past the limit, a toml_edit table rule), the
 * message is brud's own.
 *
 * We never call toml-eslint-parser's `getStaticTOMLValue` (it writes through `__proto__` keys and
 * rounds large integers).
 */
import type { Finding, MessageData, Span } from '../model/diagnostic.js';
import { toPointer } from '../model/diagnostic.js';
import { TOML_RECURSION_LIMIT } from '../model/limits.js';
import type { TomlTable } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';
import { eslintParser } from './eslint-parser.js';
import { parseToml, withoutStack, type FastError } from './fast.js';
import { findNestingViolation } from './nesting.js';
import { PositionIndex, type Range } from './positions.js';

export interface ParsedToml {
  value: TomlTable;
  positions: PositionIndex;
  /** The `[table]` and `[[array]]` headers as written: where, and whether a part of the key is quoted. */
  readonly headers: Array<{ span: Span; quoted: boolean }>;
}

export type ParseResult = { ok: true; parsed: ParsedToml } | { ok: false; finding: Finding };

export function parseTomlText(text: string): ParseResult {
  const r = parseToml(text);
  if (!r.ok) return { ok: false, finding: describeFailure(text, r.error) };
  let headers: Array<{ span: Span; quoted: boolean }> | undefined;
  const toSpan = spanMaker(text);
  const positions = new PositionIndex(toSpan, (index) => {
    headers = recordPositions(text, index, toSpan);
  });
  return {
    ok: true,
    parsed: {
      value: r.value,
      positions,
      get headers() {
        if (!headers) positions.pointers();
        return headers ?? [];
      },
    },
  };
}

/** Runs the parser again with a sink that turns offsets into spans; returns the headers it saw. */
function recordPositions(text: string, index: PositionIndex, toSpan: (range: Range) => Span): Array<{ span: Span; quoted: boolean }> {
  const headers: Array<{ span: Span; quoted: boolean }> = [];
  parseToml(text, {
    record(path, key, value, definitive) {
      index.record(toPointer(path), key, value, definitive);
    },
    header(key, quoted) {
      headers.push({ span: toSpan(key), quoted });
    },
  });
  return headers;
}

/** Offsets to 1-based line/column spans (columns in UTF-16 code units, as toml-eslint-parser counts). */
function spanMaker(text: string): (range: Range) => Span {
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (starts) return starts;
    starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  };
  const locate = (offset: number): [number, number] => {
    const starts = lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - starts[lo]! + 1];
  };
  return ([from, to]) => {
    const [line, column] = locate(from);
    const [endLine, endColumn] = locate(to);
    return { line, column, endLine, endColumn };
  };
}

/**
 * The finding for a document brud's parser rejected. Checked in the order brud always reported them
 * (bare CR, nesting, toml-eslint-parser's syntax error); if none of those applies, brud's own parser's
 * reason.
 */
function describeFailure(text: string, error: FastError): Finding {
  const bareCr = /\r(?!\n)/.exec(text);
  if (bareCr) return failAt(text, bareCr.index, 'parse/syntax', 'bareCr');
  const deep = findNestingViolation(text);
  if (deep) return failAt(text, deep.offset, 'parse/too-deep', deep.kind, { limit: TOML_RECURSION_LIMIT, max: TOML_RECURSION_LIMIT - 1 });
  if (error.kind === 'tooDeepValue' || error.kind === 'tooDeepKey') {
    return failAt(text, error.offset, 'parse/too-deep', error.kind === 'tooDeepValue' ? 'value' : 'key', {
      limit: TOML_RECURSION_LIMIT,
      max: TOML_RECURSION_LIMIT - 1,
    });
  }
  try {
    // only its message and offset are read: no stack is recorded for its error
    withoutStack(() => eslintParser().parseTOML(text, { tomlVersion: '1.0' }));
  } catch (e) {
    const err = e as { message?: unknown; index?: unknown };
    // a RangeError (a stack or string limit of that parser) is not a reason: fall back to ours
    if (!(e instanceof RangeError) && typeof err.index === 'number' && typeof err.message === 'string') {
      return failAt(text, err.index, 'parse/syntax', 'syntax', { detail: lowerFirst(err.message) + syntaxHint(text, err.index) });
    }
  }
  if (error.kind === 'integerRange') return failAt(text, error.offset, 'parse/syntax', 'integerRange');
  return failAt(text, error.offset, 'parse/syntax', 'syntax', { detail: error.message + syntaxHint(text, error.offset) });
}

function failAt(
  text: string,
  offset: number,
  ruleId: 'parse/syntax',
  messageId: 'syntax' | 'bareCr' | 'integerRange',
  data?: MessageData,
): Finding;
function failAt(text: string, offset: number, ruleId: 'parse/too-deep', messageId: 'value' | 'key', data: MessageData): Finding;
function failAt(
  text: string,
  offset: number,
  ruleId: 'parse/syntax' | 'parse/too-deep',
  messageId: string,
  data: MessageData = {},
): Finding {
  const span = spanAtOffset(text, offset);
  return verdict(ruleId, messageId as never, data, { span });
}

/** The common mistakes behind a syntax error: label and taint keys with `/` or `:` written bare. */
function syntaxHint(text: string, offset: number): string {
  const ch = text[offset];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if ((ch === '/' || ch === ':') && /^\s*[A-Za-z0-9_.-]+$/.test(before)) {
    return `: a key that contains "${ch}" (a label or taint key) must be quoted, e.g. "example.com${ch === '/' ? '/' : ':'}team" = …`;
  }
  return '';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The 1-based line/column of an offset, spanning one character (or none at the end). */
export function spanAtOffset(text: string, offset: number): Span {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  const column = offset - lineStart + 1;
  const hasChar = offset < text.length && text[offset] !== '\n';
  return { line, column, endLine: line, endColumn: column + (hasChar ? 1 : 0) };
}
