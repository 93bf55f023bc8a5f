/** `brud diff` output: a readable summary plus a unified diff of the canonical TOML, or stable JSON. */
import type { DiffReport } from '../diff/compare.js';
import { inlineValue } from '../emit/toml-writer.js';
import type { TomlValue } from '../model/value.js';
import { jsonText } from '../util/json-text.js';
import { plural } from '../util/words.js';
import { styler } from './color.js';
import { FORMAT_VERSION } from './model.js';

export function diffJson(r: DiffReport): string {
  return (
    jsonText({
      formatVersion: FORMAT_VERSION,
      equal: r.equal,
      changes: r.changes.map((c) => ({ op: c.op, pointer: c.pointer, keyPath: c.keyPath, old: c.old, new: c.new })),
      plan: { equal: r.plan.equal, oldDigest: r.plan.oldDigest, newDigest: r.plan.newDigest, changes: r.plan.changes },
    }) + '\n'
  );
}

function show(v: TomlValue | undefined): string {
  return v === undefined ? '' : inlineValue(v);
}

function showPlain(v: unknown): string {
  if (Array.isArray(v)) return v.every((x) => Array.isArray(x)) ? v.map((x) => (x as string[]).join(' ')).join('; ') : JSON.stringify(v);
  return JSON.stringify(v);
}

export function diffText(r: DiffReport, color: boolean): string {
  const paint = styler(color);
  const out: string[] = [];
  if (r.equal && r.plan.equal) {
    return `${paint('green', '✔')} ${r.oldName} and ${r.newName} configure the node the same way (formatting, order, spelling and aliases aside)\n`;
  }
  out.push(
    `${paint('bold', `${r.oldName} → ${r.newName}`)}: ${plural(r.changes.length, 'setting')} changed${r.plan.equal ? ', same boot plan' : ', boot plan changed'}`,
  );
  if (r.changes.length > 0) {
    out.push('', paint('bold', 'settings'));
    for (const c of r.changes) {
      if (c.op === 'add') out.push(`  ${paint('green', '+')} ${c.keyPath} = ${show(c.new)}`);
      else if (c.op === 'remove') out.push(`  ${paint('red', '-')} ${c.keyPath} (was ${show(c.old)})`);
      else out.push(`  ${paint('yellow', '~')} ${c.keyPath}: ${show(c.old)} → ${show(c.new)}`);
    }
  }
  if (!r.plan.equal) {
    out.push('', `${paint('bold', 'boot plan')} ${paint('dim', `${r.plan.oldDigest} → ${r.plan.newDigest}`)}`);
    for (const c of r.plan.changes) {
      const where = `${c.stage}${c.step ? `: ${c.step}` : ''}`;
      if (c.op === 'add') out.push(`  ${paint('green', '+')} ${where} now runs`);
      else if (c.op === 'remove') out.push(`  ${paint('red', '-')} ${where} no longer runs`);
      else if (c.op === 'reorder')
        out.push(`  ${paint('yellow', '~')} ${where} runs ${ordinal(c.new as number)} (was ${ordinal(c.old as number)})`);
      else out.push(`  ${paint('yellow', '~')} ${where}: ${c.field} ${showPlain(c.old)} → ${showPlain(c.new)}`);
    }
  }
  if (r.patch) {
    out.push('');
    for (const line of r.patch.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('+++') || line.startsWith('---')) out.push(paint('bold', line));
      else if (line.startsWith('@@')) out.push(paint('cyan', line));
      else if (line.startsWith('+')) out.push(paint('green', line));
      else if (line.startsWith('-')) out.push(paint('red', line));
      else out.push(line);
    }
  }
  return out.join('\n') + '\n';
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] ?? s[v] ?? s[0]);
}
