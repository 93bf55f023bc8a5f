/**
 * Positions in the host file. User-data written in a YAML block scalar (`userData: |`) keeps its lines:
 * a finding at line 3, column 5 of the TOML points at the third content line of the block, shifted by
 * its indentation. User-data in a quoted or folded scalar, or in a JSON string, has no line of its own
 * in the file: its findings point at the start of the value.
 */
import type { Span } from '../../model/diagnostic.js';
import type { YamlModule } from './yaml.js';

export type SpanMap = (span: Span) => Span;

/** The lines and columns of offsets in a text. */
export interface LineIndex {
  pos(offset: number): { line: number; col: number };
}

export function spanOf(lines: LineIndex, start: number, end: number): Span {
  const a = lines.pos(start);
  const b = lines.pos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** Every span at one place. */
export function toPlace(place: Span): SpanMap {
  return () => place;
}

interface BlockToken {
  type: string;
  offset: number;
  props?: Array<{ source: string; offset: number }>;
  source?: string;
}

/**
 * The map from the value of a scalar node to the host file: line by line for a literal block scalar,
 * else every span at the value's start.
 */
export function scalarMap(yaml: YamlModule, node: unknown, lines: LineIndex, text?: string): SpanMap {
  if (!yaml.isScalar(node) || !node.range) return toPlace({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  const start = spanOf(lines, node.range[0], node.range[0] + 1);
  const token = node.srcToken as BlockToken | undefined;
  if (node.type === 'QUOTE_DOUBLE' && text !== undefined) {
    const quoted = quotedMap(text.slice(node.range[0], node.range[1]), node.range[0], lines);
    if (quoted) return quoted;
  }
  if (node.type !== 'BLOCK_LITERAL' || token?.type !== 'block-scalar' || typeof node.value !== 'string')
    return toPlace({ ...start, endLine: start.line, endColumn: start.column });
  const last = token.props?.[token.props.length - 1];
  const bodyStart = last ? last.offset + last.source.length : token.offset;
  const first = lines.pos(bodyStart).line;
  const raw = (token.source ?? '').split('\n');
  const value = node.value.split('\n');
  // the indentation removed from each line: what the raw line has more than the value's line
  const shift = (line: number): number => {
    const r = raw[line - 1];
    const v = value[line - 1];
    return r !== undefined && v !== undefined && r.endsWith(v) ? r.length - v.length : 0;
  };
  const at = (line: number, column: number) => ({ line: first + line - 1, column: column + shift(line) });
  return (span) => {
    const a = at(span.line, span.column);
    const b = at(span.endLine, span.endColumn);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
}

/** Escapes of one character: `\n`, `\"`, … */
const SHORT_ESCAPES = new Set(['n', 't', 'r', 'b', 'f', '"', '\\', '/', '0', 'e', ' ']);

/**
 * A double-quoted string written on one line (JSON, or YAML's "…"): each character of its value comes from
 * one character or escape of the source, so a place in the value maps to its exact place in the file.
 */
function quotedMap(raw: string, at: number, lines: LineIndex): SpanMap | undefined {
  if (/[\r\n]/.test(raw) || !raw.startsWith('"')) return undefined;
  // offsets[k]: where the k-th UTF-16 unit of the value is written; starts[l]: the index its line l+1 starts at
  const offsets: number[] = [];
  const starts: number[] = [0];
  for (let i = 1; i < raw.length - 1;) {
    offsets.push(at + i);
    if (raw[i] !== '\\') {
      i++;
      continue;
    }
    const e = raw[i + 1]!;
    if (e === 'n') starts.push(offsets.length);
    if (e === 'u') i += 6;
    else if (e === 'x') i += 4;
    else if (SHORT_ESCAPES.has(e)) i += 2;
    else return undefined;
  }
  offsets.push(at + raw.length - 1);
  const place = (line: number, column: number) => {
    const k = (starts[line - 1] ?? starts[starts.length - 1]!) + column - 1;
    return lines.pos(offsets[Math.min(Math.max(0, k), offsets.length - 1)]!);
  };
  return (span) => {
    const a = place(span.line, span.column);
    const b = place(span.endLine, span.endColumn);
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
}
