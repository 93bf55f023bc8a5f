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
  const from = offset(starts, first.line, first.column);
  let to = offset(starts, first.endLine, first.endColumn);
  if (plan.end) {
    if (!locate) return undefined;
    const last = locate(plan.end.path, plan.end.at);
    to = offset(starts, last.endLine, last.endColumn);
  }
  return from > to || to > ctx.source.length ? undefined : [from, to];
}

/** The edit a finding proposes, or undefined when it has none or the place was not written as expected. */
export function resolveFix(f: Finding, span: Span, ctx: FixContext): Fix | undefined {
  const plan = f.fix === undefined ? undefined : planOf(f);
  const range = plan ? planRange(plan, f, span, ctx) : undefined;
  if (!plan || !range) return undefined;
  let [from, to] = range;
  if (plan.expect && !plan.expect(ctx.source.slice(from, to))) return undefined;
  if (plan.lines === 'whole') {
    const lines = wholeLines(ctx.source, from, to);
    if (!lines) return undefined;
    [from, to] = lines;
  } else if (plan.lines === 'trailing') from = withGapBefore(ctx.source, from);
  return { range: [from, to], text: plan.text };
}
