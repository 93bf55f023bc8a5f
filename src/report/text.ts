/** Human output: compiler-style `file:line:col` lines, a code frame under each, and a summary line. */
import type { Diagnostic, Severity, Span } from '../model/diagnostic.js';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from '../model/limits.js';
import { visible } from '../util/escape.js';
import { plural } from '../util/words.js';
import { codeFrame } from './codeframe.js';
import { styler, type Paint, type Style } from './color.js';
import type { Formatter, Report, ReportResult } from './model.js';

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
const SEVERITY_WORD: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export const formatText: Formatter = (report, ctx) => {
  const paint = styler(ctx.color);
  // the documents of a manifest each carry the whole file as `source`: split it once, not once per document
  const lines = linesOnce();
  const blocks = report.results.flatMap((r) => resultBlocks(r, paint, lines));
  blocks.push(summaryLine(report, paint) + fixableLine(report));
  if (report.failure) blocks.push(`${paint('red', '✖')} brud: ${report.failure}`);
  return blocks.join('\n\n') + '\n';
};

/** A source's lines, split once for a run of results that share it (the last source is kept). */
export function linesOnce(): (source: string) => string[] {
  let last: { source: string; lines: string[] } | undefined;
  return (source) => {
    if (last?.source !== source) last = { source, lines: source.split(/\r?\n/) };
    return last.lines;
  };
}

/**
 * The findings of one document, each with a code frame where it points into the text; `split` gives the
 * lines of its source (pass one `linesOnce()` for all the results of a report).
 */
export function resultBlocks(r: ReportResult, paint: Paint, split: (source: string) => string[] = linesOnce()): string[] {
  const lines = r.source === undefined ? undefined : split(r.source);
  const blocks = r.diagnostics.map((d) => {
    const where = `${visible(r.file)}:${d.line}:${d.column}`;
    const head = `${paint('bold', where)}: ${paint(SEVERITY_STYLE[d.severity], SEVERITY_WORD[d.severity])}: ${visible(d.message)} ${paint('dim', `[${d.ruleId}]`)}`;
    const frame = lines !== undefined && !d.wholeInput ? codeFrame(lines, d, paint, SEVERITY_STYLE[d.severity], secretsOf(r, d)) : '';
    return frame ? `${head}\n${frame}` : head;
  });
  if (r.omitted) blocks.push(`${paint('bold', visible(r.file))}: … and ${plural(r.omitted, 'more finding')} not listed (${omittedWhy})`);
  return blocks;
}

/** The spans a frame masks: the document's secrets, and the finding's own place when it is a secret. */
function secretsOf(r: ReportResult, d: Diagnostic): readonly Span[] {
  const known = r.secrets ?? [];
  return d.secret ? [...known, d] : known;
}

const omittedWhy = `brud lists at most ${MAX_DIAGNOSTICS_PER_DOCUMENT} per document; fix these first`;

/**
 * "against aws-k8s (inferred), Bottlerocket 1.66.0": each target once. A variant nobody named is
 * "(inferred)" when some document's namespaces chose it, "(default)" when none could tell.
 */
export function targetsLine(report: Report): string {
  const groups = new Map<string, { variant: string; release: string; named: boolean; inferred: boolean; count: number }>();
  for (const r of report.results) {
    if (!r.target) continue;
    const { variant, variantSource, osVersion } = r.target;
    const named = variantSource !== 'inferred' && variantSource !== 'default';
    const key = `${variant}\u0000${osVersion}\u0000${named}`;
    const g = groups.get(key) ?? { variant, release: osVersion, named, inferred: false, count: 0 };
    g.inferred ||= variantSource === 'inferred';
    g.count++;
    groups.set(key, g);
  }
  if (groups.size === 0) return '';
  const parts = [...groups.values()].map((g) => {
    const how = g.named ? '' : g.inferred ? ' (inferred)' : ' (default)';
    const text = `${g.variant}${how}, Bottlerocket ${g.release}`;
    return groups.size > 1 ? `${text} (${plural(g.count, 'document')})` : text;
  });
  return ` against ${parts.join('; ')}`;
}

/** As ESLint's "potentially fixable with the `--fix` option": how many listed findings carry a certain edit. */
function fixableLine(report: Report): string {
  const fixable = report.results.reduce((n, r) => n + r.diagnostics.filter((d) => d.fix).length, 0);
  return fixable === 0 ? '' : `\n  ${fixable} fixable with brud check --fix (--fix-dry-run shows the edits)`;
}

function summaryLine(report: Report, paint: Paint): string {
  const { files, errors, warnings, hiddenWarnings } = report.summary;
  const unread = report.results.filter((r) => r.fatal).length;
  const skipped = report.results.filter((r) => r.skipped).length;
  const other = report.summary.otherFiles ?? 0;
  const notes = `${unread > 0 ? `, ${unread} not read` : ''}${skipped > 0 ? `, ${plural(skipped, 'special file')} skipped` : ''}${other > 0 ? `, ${plural(other, 'other file')} skipped` : ''}`;
  const checked = `${plural(files - unread - skipped, 'document')} checked${targetsLine(report)}${notes}`;
  const hidden = hiddenWarnings > 0 ? ` (${plural(hiddenWarnings, 'warning')} not shown: --quiet)` : '';
  // the mark follows the exit status, so a run that fails (--strict, --max-warnings) never shows a tick
  const passed = report.exitCode === 0;
  if (passed && warnings === 0) return `${paint('green', '✔')} ${checked}: no problems`;
  if (passed && hiddenWarnings === warnings) return `${paint('green', '✔')} ${checked}: no errors${hidden}`;
  const withProblems = report.results.filter((r) => r.errorCount + r.warningCount > 0).length;
  const mark = passed ? paint('yellow', '⚠') : paint('red', '✖');
  return `${mark} ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(withProblems, 'document')} (${checked})${hidden}`;
}
