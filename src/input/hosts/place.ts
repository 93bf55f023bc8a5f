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
export function scalarMap(yaml: YamlModule, node: unknown, lines: LineIndex): SpanMap {
  if (!yaml.isScalar(node) || !node.range) return toPlace({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  const start = spanOf(lines, node.range[0], node.range[0] + 1);
  const token = node.srcToken as BlockToken | undefined;
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
