/** Human output: compiler-style `file:line:col` lines, a code frame under each, and a summary line. */
import type { Severity } from '../diagnostics.js';
import { styler, type Style } from './color.js';
import { codeFrame } from './codeframe.js';
import type { Formatter, Report } from './model.js';

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
const SEVERITY_WORD: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export const formatText: Formatter = (report, ctx) => {
  const paint = styler(ctx.color);
  const blocks: string[] = [];
  for (const r of report.results) {
    const lines = r.source?.split(/\r?\n/);
    for (const d of r.diagnostics) {
      const head = `${paint('bold', `${r.file}:${d.line}:${d.column}`)}: ${paint(SEVERITY_STYLE[d.severity], SEVERITY_WORD[d.severity])}: ${d.message} ${paint('dim', `[${d.ruleId}]`)}`;
      // a zero-width span at 1:1 is about the whole input (encoding, target): no frame to show
      const whole = d.line === 1 && d.column === 1 && d.endLine === 1 && d.endColumn === 1;
      const frame = lines !== undefined && !whole ? codeFrame(lines, d, paint, SEVERITY_STYLE[d.severity]) : '';
      blocks.push(frame ? `${head}\n${frame}` : head);
    }
  }
  blocks.push(summaryLine(report, paint));
  return blocks.join('\n\n') + '\n';
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function targetsLine(report: Report): string {
  const seen = new Map<string, number>();
  for (const r of report.results) {
    if (!r.target) continue;
    // "inferred" covers both: the variant was not given, and brud chose it from the settings
    const how = r.target.variantSource === 'inferred' || r.target.variantSource === 'default' ? ' (inferred)' : '';
    const key = `${r.target.variant}${how}, Bottlerocket ${r.target.osVersion}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  if (seen.size === 0) return '';
  const parts = [...seen].map(([k, n]) => (seen.size > 1 ? `${k} (${plural(n, 'document')})` : k));
  return ` against ${parts.join('; ')}`;
}

function summaryLine(report: Report, paint: (s: Style, t: string) => string): string {
  const { files, errors, warnings } = report.summary;
  const unread = report.results.filter((r) => r.diagnostics.some((d) => d.ruleId.startsWith('io/') || d.ruleId === 'input/too-large')).length;
  const checked = `${plural(files - unread, 'document')} checked${targetsLine(report)}${unread > 0 ? `, ${unread} not read` : ''}`;
  if (errors === 0 && warnings === 0) return `${paint('green', '✔')} ${checked}: no problems`;
  const withProblems = report.results.filter((r) => r.errorCount + r.warningCount > 0).length;
  const mark = errors > 0 ? paint('red', '✖') : paint('yellow', '⚠');
  return `${mark} ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(withProblems, 'document')} (${checked})`;
}
