/**
 * Turns a finding's fix plan (stated by place in the document) into an edit of the checked text.
 */
import type { Fix, FixPlan, Finding, Span } from '../model/diagnostic.js';
import type { Locate } from './finish.js';

/** Offsets of line starts, for turning 1-based line/column spans (UTF-16 columns) into offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offset(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + column - 1;
}

/** The first non-blank character of a line. */
function lineStart(text: string, starts: readonly number[], line: number): number {
  let at = starts[line - 1] ?? 0;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/** Widens a range to the whole line(s) it is on, line break included, when only whitespace shares them. */
function wholeLines(text: string, from: number, to: number): [number, number] | undefined {
  let start = from;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = to;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\r')) end++;
  if ((start > 0 && text[start - 1] !== '\n') || (end < text.length && text[end] !== '\n')) return undefined;
  return [start, end < text.length ? end + 1 : end];
}

/** Widens a range leftwards over the whitespace before it (a trailing comment and its gap). */
function withGapBefore(text: string, from: number): number {
  let start = from;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return start;
}

export interface FixContext {
  source: string;
  starts: number[];
  locate: Locate | undefined;
}

function planOf(f: Finding): FixPlan | undefined {
  return typeof f.fix === 'function' ? f.fix() : f.fix;
}

/** Where a plan's edit lies in the text, before widening to lines; undefined when a place cannot be found. */
function planRange(plan: FixPlan, f: Finding, span: Span, ctx: FixContext): [number, number] | undefined {
  const { starts, locate } = ctx;
  const own = plan.path === undefined && plan.at === undefined;
  const first = plan.span ?? (own ? span : locate?.(plan.path ?? f.path, plan.at ?? f.at ?? 'value'));
  if (!first) return undefined;
  const from = plan.fromLineStart ? lineStart(ctx.source, starts, first.line) : offset(starts, first.line, first.column);
  let to = offset(starts, first.endLine, first.endColumn);
  if (plan.end) {
    if (!locate) return undefined;
    const last = locate(plan.end.path, plan.end.at);
    to = offset(starts, last.endLine, last.endColumn);
  }
  return from > to || to > ctx.source.length ? undefined : [from, to];
}

/** One edit of a plan, or undefined when its place was not written as expected. */
function resolveOne(plan: FixPlan, f: Finding, span: Span, ctx: FixContext): Fix | undefined {
  const range = planRange(plan, f, span, ctx);
  if (!range) return undefined;
  let [from, to] = range;
  if (plan.expect && !plan.expect(ctx.source.slice(from, to))) return undefined;
  if (plan.lines === 'whole') {
    const lines = wholeLines(ctx.source, from, to);
    if (!lines) return undefined;
    [from, to] = lines;
  } else if (plan.lines === 'trailing') from = withGapBefore(ctx.source, from);
  return { range: [from, to], text: plan.text };
}

/** Several edits as one: the text from the first to the last, with each edit made (overlapping ones skipped). */
function combine(source: string, edits: readonly Fix[]): Fix | undefined {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  const kept: Fix[] = [];
  for (const e of sorted) if (kept.length === 0 || e.range[0] >= kept[kept.length - 1]!.range[1]) kept.push(e);
  if (kept.length <= 1) return kept[0];
  const from = kept[0]!.range[0];
  let text = '';
  let at = from;
  for (const e of kept) {
    text += source.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return { range: [from, at], text };
}

/** The edit a finding proposes, or undefined when it has none or the place was not written as expected. */
export function resolveFix(f: Finding, span: Span, ctx: FixContext): Fix | undefined {
  const plan = f.fix === undefined ? undefined : planOf(f);
  if (!plan) return undefined;
  if (!plan.also) return resolveOne(plan, f, span, ctx);
  const edits = [plan, ...plan.also].flatMap((p) => resolveOne(p, f, span, ctx) ?? []);
  return combine(ctx.source, edits);
}
