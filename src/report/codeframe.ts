/**
 * A code frame under a finding: the line before, the flagged line(s) and a caret underline. Long lines
 * are shown through a window around the flagged column (a 1 MB single-line document must not be
 * printed once per finding), and every character from the input is made visible (`util/escape.ts`).
 */
import type { Span } from '../model/diagnostic.js';
import { visible } from '../util/escape.js';
import type { Paint, Style } from './color.js';

/** Columns of source shown per line; longer lines get a window with `…` at the cut ends. */
export const FRAME_WIDTH = 100;

/** Context columns kept before the flagged column when a line is cut. */
const LEAD = 30;

/** Line n with the span's characters replaced by `*` (a secret is never printed, not even in a frame). */
function masked(text: string, n: number, span: Span): string {
  if (n < span.line || n > span.endLine) return text;
  const from = n === span.line ? span.column - 1 : 0;
  const to = n === span.endLine ? span.endColumn - 1 : text.length;
  return text.slice(0, from) + '*'.repeat(Math.max(0, Math.min(to, text.length) - from)) + text.slice(to);
}

/**
 * `lines` is the source split once per file (splitting per finding made big reports quadratic); the
 * characters of every span in `secrets` (where the document's secrets are written, and the finding's own
 * span when it is about a secret) are shown as `*` on any line the frame shows, whatever the finding is about.
 */
export function codeFrame(source: readonly string[], span: Span, paint: Paint, caretStyle: Style, secrets: readonly Span[] = []): string {
  if (span.line < 1 || span.line > source.length) return '';
  const first = Math.max(1, span.line - 1);
  const last = Math.min(source.length, span.endLine, span.line + 2);
  const width = String(last).length;
  const start = span.column - 1;
  // a flagged column near the start keeps the line's start in view
  const from = start <= FRAME_WIDTH - LEAD ? 0 : start - LEAD;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = source[n - 1] ?? '';
    const text = secrets.reduce((t, s) => masked(t, n, s), line);
    const marker = n === span.line ? '>' : ' ';
    const cut = window(text, text.length <= FRAME_WIDTH ? 0 : from);
    out.push(`${paint(n === span.line ? 'bold' : 'dim', marker)} ${paint('dim', String(n).padStart(width) + ' |')} ${cut.shown}`);
    if (n !== span.line) continue;
    const end = span.endLine === span.line ? Math.max(span.endColumn - 1, start + 1) : text.length;
    const caretFrom = Math.max(start, cut.from);
    const caretTo = Math.min(end, text.length, cut.to);
    const pad = cut.lead + visible(text.slice(cut.from, caretFrom)).replace(/[^\t]/g, ' ');
    const carets = '^'.repeat(Math.max(1, visible(text.slice(caretFrom, caretTo)).length));
    out.push(`  ${' '.repeat(width)} ${paint('dim', '|')} ${pad}${paint(caretStyle, carets)}`);
  }
  return out.join('\n');
}

/** The part of a line shown from `from` on, at most FRAME_WIDTH columns, with `…` where it is cut. */
function window(text: string, from: number): { shown: string; from: number; to: number; lead: string } {
  const to = Math.min(text.length, from + FRAME_WIDTH);
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  return { shown: lead + visible(text.slice(from, to)) + tail, from, to, lead: lead ? ' ' : '' };
}
