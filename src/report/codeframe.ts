/** A code frame under a finding: the line before, the flagged line(s) and a caret underline. */
import type { Span } from '../model/diagnostic.js';
import type { Paint, Style } from './color.js';

/** `lines` is the source split once per file (splitting per finding made big reports quadratic). */
export function codeFrame(lines: readonly string[], span: Span, paint: Paint, caretStyle: Style): string {
  if (span.line < 1 || span.line > lines.length) return '';
  const first = Math.max(1, span.line - 1);
  const last = Math.min(lines.length, span.endLine, span.line + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const marker = n === span.line ? '>' : ' ';
    out.push(`${paint(n === span.line ? 'bold' : 'dim', marker)} ${paint('dim', String(n).padStart(width) + ' |')} ${text}`);
    if (n === span.line) {
      const start = span.column - 1;
      const end = span.endLine === span.line ? Math.max(span.endColumn - 1, start + 1) : text.length;
      const pad = text.slice(0, start).replace(/[^\t]/g, ' ');
      const carets = '^'.repeat(Math.max(1, Math.min(end, text.length) - start));
      out.push(`  ${' '.repeat(width)} ${paint('dim', '|')} ${pad}${paint(caretStyle, carets)}`);
    }
  }
  return out.join('\n');
}
