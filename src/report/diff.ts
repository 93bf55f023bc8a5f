/** `brud diff` output: a readable summary plus a unified diff of the canonical TOML, or stable JSON. */
import type { DiffReport } from '../diff/compare.js';
import type { Change, PlanChange } from '../diff/diff.js';
import { inlineValue } from '../emit/toml-writer.js';
import type { TomlValue } from '../model/value.js';
import { jsonText } from '../emit/json-text.js';
import { safeJson, visible } from '../util/escape.js';
import { plural } from '../util/words.js';
import { styler, type Paint } from './color.js';
import { FORMAT_VERSION } from './model.js';

export function diffJson(r: DiffReport): string {
  return (
    safeJson(
      jsonText({
        formatVersion: FORMAT_VERSION,
        equal: r.equal,
        changes: r.changes.map((c) => ({ op: c.op, pointer: c.pointer, keyPath: c.keyPath, old: c.old, new: c.new })),
        plan: { equal: r.plan.equal, oldDigest: r.plan.oldDigest, newDigest: r.plan.newDigest, changes: r.plan.changes },
      }),
    ) + '\n'
  );
}

function show(v: TomlValue | undefined): string {
  return v === undefined ? '' : visible(inlineValue(v));
}

function showPlain(v: unknown): string {
  if (Array.isArray(v) && v.every((x) => Array.isArray(x))) return visible(v.map((x) => (x as string[]).join(' ')).join('; '));
  return visible(JSON.stringify(v));
}

export function diffText(r: DiffReport, color: boolean): string {
  const paint = styler(color);
  if (r.equal && r.plan.equal) {
    return `${paint('green', '✔')} ${visible(r.oldName)} and ${visible(r.newName)} configure the node the same way (formatting, order, spelling and aliases aside)\n`;
  }
  const planWord = r.plan.equal ? ', same boot plan' : ', boot plan changed';
  const out = [
    `${paint('bold', `${visible(r.oldName)} → ${visible(r.newName)}`)}: ${plural(r.changes.length, 'setting')} changed${planWord}`,
  ];
  if (r.changes.length > 0) out.push('', paint('bold', 'settings'), ...r.changes.map((c) => settingLine(c, paint)));
  if (!r.plan.equal) {
    out.push('', `${paint('bold', 'boot plan')} ${paint('dim', `${r.plan.oldDigest} → ${r.plan.newDigest}`)}`);
    out.push(...r.plan.changes.map((c) => planLine(c, paint)));
  }
  if (r.patch)
    out.push(
      '',
      ...r.patch
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => patchLine(line, paint)),
    );
  return out.join('\n') + '\n';
}

function settingLine(c: Change, paint: Paint): string {
  const key = visible(c.keyPath);
  if (c.op === 'add') return `  ${paint('green', '+')} ${key} = ${show(c.new)}`;
  if (c.op === 'remove') return `  ${paint('red', '-')} ${key} (was ${show(c.old)})`;
  return `  ${paint('yellow', '~')} ${key}: ${show(c.old)} → ${show(c.new)}`;
}

function planLine(c: PlanChange, paint: Paint): string {
  const where = visible(`${c.stage}${c.step ? `: ${c.step}` : ''}`);
  if (c.op === 'add') return `  ${paint('green', '+')} ${where} now runs`;
  if (c.op === 'remove') return `  ${paint('red', '-')} ${where} no longer runs`;
  if (c.op === 'reorder') return `  ${paint('yellow', '~')} ${where} runs ${ordinal(c.new as number)} (was ${ordinal(c.old as number)})`;
  return `  ${paint('yellow', '~')} ${where}: ${c.field} ${showPlain(c.old)} → ${showPlain(c.new)}`;
}

function patchLine(raw: string, paint: Paint): string {
  const line = visible(raw);
  if (line.startsWith('+++') || line.startsWith('---')) return paint('bold', line);
  if (line.startsWith('@@')) return paint('cyan', line);
  if (line.startsWith('+')) return paint('green', line);
  if (line.startsWith('-')) return paint('red', line);
  return line;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] ?? s[v] ?? s[0]!);
}
