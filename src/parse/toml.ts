/**
 * TOML 1.0 parsing with toml-eslint-parser as the single parser: it gives both values and the
 * position of every key and value. Bottlerocket reads user-data with Rust `toml` 0.8 (TOML 1.0),
 * so TOML 1.1 syntax is rejected here as it is on the node.
 *
 * We never call the library's `getStaticTOMLValue` (it writes through `__proto__` keys and
 * rounds large integers); `convert` below builds null-prototype tables instead.
 */
import { parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import type { Finding, MessageData, Span } from '../model/diagnostic.js';
import { toPointer } from '../model/diagnostic.js';
import { TOML_RECURSION_LIMIT } from '../model/limits.js';
import { newTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';
import { findNestingViolation } from './nesting.js';
import { PositionIndex } from './positions.js';

export interface ParsedToml {
  value: TomlTable;
  positions: PositionIndex;
  /** The `[table]` and `[[array]]` headers as written: where, and whether a part of the key is quoted. */
  headers: Array<{ span: Span; quoted: boolean }>;
}

export type ParseResult = { ok: true; parsed: ParsedToml } | { ok: false; finding: Finding };

export function parseTomlText(text: string): ParseResult {
  const bareCr = /\r(?!\n)/.exec(text);
  if (bareCr) return fail(text, bareCr.index, 'parse/syntax', 'bareCr');
  const deep = findNestingViolation(text);
  if (deep) return fail(text, deep.offset, 'parse/too-deep', deep.kind, { limit: TOML_RECURSION_LIMIT, max: TOML_RECURSION_LIMIT - 1 });
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text, { tomlVersion: '1.0' });
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, finding: verdict('internal/parser-limit', 'stringTooLong', {}, { span: 'input' }) };
    const err = e as { message: string; index?: number; lineNumber?: number; column?: number };
    if (typeof err.index === 'number')
      return fail(text, err.index, 'parse/syntax', 'syntax', { detail: lowerFirst(err.message) + syntaxHint(text, err.index) });
    throw e;
  }
  let value: TomlTable;
  try {
    value = convertProgram(ast);
  } catch (e) {
    if (e instanceof OutOfRange) return fail(text, e.offset, 'parse/syntax', 'integerRange');
    throw e;
  }
  const positions = new PositionIndex((index) => convertProgram(ast, index));
  const headers = ast.body[0].body
    .filter((item): item is AST.TOMLTable => item.type === 'TOMLTable')
    .map((t) => ({ span: spanOf(t.key), quoted: t.key.keys.some((k) => k.type === 'TOMLQuoted') }));
  return { ok: true, parsed: { value, positions, headers } };
}

function fail(
  text: string,
  offset: number,
  ruleId: 'parse/syntax',
  messageId: 'syntax' | 'bareCr' | 'integerRange',
  data?: MessageData,
): ParseResult;
function fail(text: string, offset: number, ruleId: 'parse/too-deep', messageId: 'value' | 'key', data: MessageData): ParseResult;
function fail(
  text: string,
  offset: number,
  ruleId: 'parse/syntax' | 'parse/too-deep',
  messageId: string,
  data: MessageData = {},
): ParseResult {
  const span = spanAtOffset(text, offset);
  return { ok: false, finding: verdict(ruleId, messageId as never, data, { span }) };
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

function spanOf(node: AST.TOMLNode): Span {
  return {
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

type Container = TomlTable | TomlValue[];

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/** TOML integers are 64-bit: the spec (and Bottlerocket's parser) rejects larger ones. */
class OutOfRange extends Error {
  constructor(readonly offset: number) {
    super('integer out of range');
  }
}

/** Builds the value tree; with `positions`, also records where every key and value was written. */
function convertProgram(ast: AST.TOMLProgram, positions?: PositionIndex): TomlTable {
  const root = newTable();
  const top = ast.body[0];
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      setKeyValue(root, [], item, positions);
      continue;
    }
    const table = openTable(root, item, positions);
    for (const kv of item.body) setKeyValue(table.value, table.path, kv, positions);
  }
  return root;
}

/** Creates (or finds) the table a `[header]` or `[[header]]` names, recording header positions. */
function openTable(
  root: TomlTable,
  item: AST.TOMLTable,
  positions: PositionIndex | undefined,
): { value: TomlTable; path: Array<string | number> } {
  const resolved = item.resolvedKey;
  const headerSpan = spanOf(item.key);
  const segments = item.key.keys;
  let cur: Container = root;
  const path: Array<string | number> = [];
  let seg = 0; // index into the header's written key segments
  for (let i = 0; i < resolved.length; i++) {
    const k = resolved[i]!;
    path.push(k);
    const isLast = i === resolved.length - 1;
    if (typeof k === 'number') {
      const arr = cur as TomlValue[];
      if (arr[k] === undefined) arr[k] = newTable();
      cur = arr[k] as TomlTable;
      positions?.record(toPointer(path), { key: headerSpan, value: headerSpan });
      continue;
    }
    const writtenKey = segments[seg++];
    const keySpan = writtenKey ? spanOf(writtenKey) : headerSpan;
    const table = cur as TomlTable;
    const nextIsIndex = typeof resolved[i + 1] === 'number';
    if (!(k in table)) table[k] = nextIsIndex ? [] : newTable();
    cur = table[k] as Container;
    if (isLast || nextIsIndex) {
      // the table (or array of tables) this header defines: point at the whole header key
      positions?.record(toPointer(path), { key: keySpan, value: headerSpan }, isLast);
    } else {
      positions?.record(toPointer(path), { key: keySpan, value: keySpan });
    }
  }
  return { value: cur as TomlTable, path };
}

function setKeyValue(base: TomlTable, basePath: Array<string | number>, kv: AST.TOMLKeyValue, positions: PositionIndex | undefined): void {
  let table = base;
  const path = [...basePath];
  const keys = kv.key.keys;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keyName(keys[i]!);
    path.push(k);
    if (!(k in table)) table[k] = newTable();
    table = table[k] as TomlTable;
    positions?.record(toPointer(path), { key: spanOf(keys[i]!), value: spanOf(keys[i]!) });
  }
  const last = keys[keys.length - 1]!;
  const k = keyName(last);
  path.push(k);
  table[k] = convertValue(kv.value, path, positions);
  positions?.record(toPointer(path), { key: spanOf(last), value: spanOf(kv.value) }, true);
}

function convertValue(node: AST.TOMLContentNode, path: Array<string | number>, positions: PositionIndex | undefined): TomlValue {
  switch (node.type) {
    case 'TOMLArray':
      return node.elements.map((el, i) => {
        const p = [...path, i];
        const v = convertValue(el, p, positions);
        positions?.record(toPointer(p), { key: spanOf(el), value: spanOf(el) }, true);
        return v;
      });
    case 'TOMLInlineTable': {
      const t = newTable();
      for (const kv of node.body) setKeyValue(t, path, kv, positions);
      return t;
    }
    case 'TOMLValue':
      return convertScalar(node);
  }
}

function convertScalar(node: AST.TOMLValue): TomlValue {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'boolean':
      return node.value;
    case 'integer': {
      const big = node.bigint;
      if (big > I64_MAX || big < I64_MIN) throw new OutOfRange(node.range[0]);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    case 'float':
      return new TomlFloat(node.value, node.number);
    case 'offset-date-time':
    case 'local-date-time':
    case 'local-date':
    case 'local-time':
      return new TomlDateTime(node.kind, node.datetime);
  }
}
