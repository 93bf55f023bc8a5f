/**
 * Markdown for a pull-request comment or a GitHub job summary: the check findings as a table, the boot
 * plan as a list, a diff as a table of changed settings plus the canonical TOML diff. Text from the input
 * is made visible (control characters as escapes) and then has every Markdown metacharacter escaped, so a
 * key cannot open a link, an image, raw HTML, a table cell, a mention (`@team`), an issue reference, math
 * or an emoji in the rendered comment. Fenced blocks take a fence longer than any backtick run inside.
 */
import type { DiffReport } from '../diff/compare.js';
import type { Change, PlanChange } from '../diff/diff.js';
import { inlineValue } from '../emit/toml-writer.js';
import type { Severity } from '../model/diagnostic.js';
import type { TomlValue } from '../model/value.js';
import type { Plan, Step } from '../plan/types.js';
import { visible } from '../util/escape.js';
import { plural } from '../util/words.js';
import type { Formatter, Report } from './model.js';
import { variantLabel } from './plan.js';
import { targetsLine } from './text.js';

/** Findings listed in one comment; GitHub caps a comment at 65,536 characters and a step summary at 1 MiB. */
export const MARKDOWN_MAX_ROWS = 200;

// the ASCII characters CommonMark or GitHub give a meaning inside a line: emphasis, code, links and
// images, raw HTML and entities, table cells, strike-through, mentions, issue references, math, and a
// colon that could start an emoji shortcode or a URL scheme. Escaped text is never put at the start of a
// line, so list and heading markers (`-`, `+`, `1.`) need no escape.
const META = /[\\`*_[\]<>#!|~@$&]|:(?=\S)/g;

/** Input text for Markdown: control characters visible, metacharacters backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return visible(text).replace(META, (c) => `\\${c}`);
}

/** A fenced code block that no backtick run in `body` can close; the body is made visible line by line. */
export function fenced(body: string, info = ''): string {
  const text = body
    .split('\n')
    .map((line) => visible(line))
    .join('\n');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

const SEVERITY_WORD: Record<Severity, string> = { error: '✖ error', warning: '⚠ warning', info: 'ℹ note' };

function verdict(report: Report): string {
  const { errors, warnings } = report.summary;
  const unread = report.results.filter((r) => r.fatal).length;
  if (unread > 0) return `✖ ${plural(unread, 'input')} could not be checked`;
  if (report.exitCode === 0 && warnings === 0) return '✔ no problems';
  const mark = report.exitCode === 0 ? '⚠' : '✖';
  return `${mark} ${plural(errors, 'error')} and ${plural(warnings, 'warning')}`;
}

export const formatMarkdown: Formatter = (report) => {
  const { files, hiddenWarnings } = report.summary;
  const out = [`### brud check: ${verdict(report)}`, ''];
  out.push(`${plural(files, 'document')} checked${escapeMarkdown(targetsLine(report))}.`);
  if (hiddenWarnings > 0) out.push('', `${plural(hiddenWarnings, 'warning')} not shown (--quiet).`);
  if (report.failure) out.push('', `The run fails: ${escapeMarkdown(report.failure)}.`);
  const rows = report.results.flatMap((r) =>
    r.diagnostics.map((d) => {
      const where = r.decoded ? `${r.file} (decoded) line ${d.line}, column ${d.column}` : `${r.file}:${d.line}:${d.column}`;
      return `| ${SEVERITY_WORD[d.severity]} | ${escapeMarkdown(where)} | ${escapeMarkdown(d.ruleId)} | ${escapeMarkdown(d.message)} |`;
    }),
  );
  if (rows.length > 0) {
    out.push('', '| | Where | Rule | Finding |', '| --- | --- | --- | --- |', ...rows.slice(0, MARKDOWN_MAX_ROWS));
    if (rows.length > MARKDOWN_MAX_ROWS) out.push('', `… and ${plural(rows.length - MARKDOWN_MAX_ROWS, 'more finding')} not listed here.`);
  }
  const omitted = report.results.reduce((n, r) => n + (r.omitted ?? 0), 0);
  if (omitted > 0) out.push('', `… and ${plural(omitted, 'more finding')} not listed (brud lists a bounded number per document).`);
  return out.join('\n') + '\n';
};

export function planMarkdown(plan: Plan, file: string): string {
  const boot = plan.boot === 1 ? 'boot 1 (first boot)' : `boot ${plan.boot} (assuming every earlier boot succeeded)`;
  const out = [
    `### Boot plan for ${escapeMarkdown(file)}`,
    '',
    `${escapeMarkdown(variantLabel(plan.variant, plan.variantSource))}, Bottlerocket ${plan.osVersion}, ${boot}. Digest ${plan.digest}.`,
  ];
  plan.stages.forEach((stage, n) => {
    const how = stage.order === 'sequential' ? 'one at a time' : 'all at once';
    out.push('', `**${n + 1}. ${escapeMarkdown(stage.title)}** (${how}, ${escapeMarkdown(stage.target)})`, '');
    if (stage.steps.length === 0) out.push('- nothing');
    for (const step of stage.steps) out.push(...stepLines(step));
  });
  if (plan.skipped.length > 0) {
    out.push('', '**Skipped**', '');
    for (const s of plan.skipped) out.push(`- ${escapeMarkdown(s.name)} (${escapeMarkdown(s.from)}): ${escapeMarkdown(s.reason)}`);
  }
  if (plan.notes.length > 0) out.push('', ...plan.notes.map((note) => `- note: ${escapeMarkdown(note)}`));
  return out.join('\n') + '\n';
}

function stepLines(step: Step): string[] {
  const flags = [step.mode ? `mode=${step.mode}` : '', step.essential ? 'essential' : ''].filter(Boolean).join(', ');
  const out = [`- **${escapeMarkdown(step.name)}**${flags ? ` (${flags})` : ''}, from ${escapeMarkdown(step.from)}`];
  out.push(`  - runs: ${escapeMarkdown(step.runs)}`);
  for (const c of step.commands ?? []) out.push(`  - runs command: ${escapeMarkdown(c.join(' '))}`);
  if (step.source) out.push(`  - image: ${escapeMarkdown(step.source)}`);
  if (step.command) out.push(`  - command: ${escapeMarkdown(step.command.join(' '))}`);
  out.push(`  - on failure: ${escapeMarkdown(step.failure)}`);
  for (const c of step.cost) out.push(`  - cost: ${escapeMarkdown(c)}`);
  for (const c of step.caveats) out.push(`  - note: ${escapeMarkdown(c)}`);
  return out;
}

function value(v: TomlValue | undefined): string {
  return v === undefined ? '' : escapeMarkdown(inlineValue(v));
}

function settingRow(c: Change): string {
  const op = c.op === 'add' ? '+ added' : c.op === 'remove' ? '− removed' : '~ changed';
  return `| ${op} | ${escapeMarkdown(c.keyPath)} | ${value(c.old)} | ${value(c.new)} |`;
}

function planValue(v: unknown): string {
  if (Array.isArray(v) && v.every((x) => Array.isArray(x))) return escapeMarkdown(v.map((x) => (x as string[]).join(' ')).join('; '));
  return escapeMarkdown(JSON.stringify(v));
}

function planItem(c: PlanChange): string {
  const where = escapeMarkdown(`${c.stage}${c.step ? `: ${c.step}` : ''}`);
  if (c.op === 'add') return `- ${where} now runs`;
  if (c.op === 'remove') return `- ${where} no longer runs`;
  if (c.op === 'reorder') return `- ${where} runs in position ${String(c.new)} (was ${String(c.old)})`;
  return `- ${where}: ${escapeMarkdown(c.field ?? '')} ${planValue(c.old)} → ${planValue(c.new)}`;
}

export function diffMarkdown(r: DiffReport): string {
  const names = `${escapeMarkdown(r.oldName)} → ${escapeMarkdown(r.newName)}`;
  if (r.equal && r.plan.equal)
    return `### brud diff: ${names}\n\n✔ Both configure the node the same way (formatting, order, spelling and aliases aside).\n`;
  const out = [
    `### brud diff: ${names}`,
    '',
    `${plural(r.changes.length, 'setting')} changed${r.plan.equal ? ', same boot plan' : ', boot plan changed'}.`,
  ];
  if (r.changes.length > 0) out.push('', '| | Setting | Old | New |', '| --- | --- | --- | --- |', ...r.changes.map(settingRow));
  if (!r.plan.equal) out.push('', `**Boot plan** ${r.plan.oldDigest} → ${r.plan.newDigest}`, '', ...r.plan.changes.map(planItem));
  if (r.patch)
    out.push('', '<details><summary>Canonical TOML diff</summary>', '', fenced(r.patch.replace(/\n$/, ''), 'diff'), '', '</details>');
  return out.join('\n') + '\n';
}
