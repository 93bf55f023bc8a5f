/** `brud explain` output: what a setting is, as text or stable JSON. */
import type { Explanation } from '../schema/explain.js';
import { FORMAT_VERSION } from './model.js';

export function explainJson(e: Explanation): string {
  return JSON.stringify({ formatVersion: FORMAT_VERSION, ...e }, null, 2) + '\n';
}

export function explainText(e: Explanation): string {
  const lines = [e.keyPath, ''];
  if (e.description) lines.push(`  ${e.description}`, '');
  const row = (label: string, value: string | undefined) => {
    if (value) lines.push(`  ${label.padEnd(12)}${value}`);
  };
  row('type:', e.type + (e.modeledType ? ` (${e.modeledType})` : ''));
  row('rule:', e.rule);
  row('values:', e.constraints.join('; '));
  if (e.mapOf) row('entries:', `keys: ${e.mapOf.key}; values: ${e.mapOf.value}`);
  row('default:', e.default !== undefined ? JSON.stringify(e.default) : e.defaultNote ? undefined : 'none (unset)');
  row('default:', e.defaultNote);
  row('since:', e.since ? `Bottlerocket ${e.since}` : 'every release brud knows');
  if (e.deprecated) row('deprecated:', deprecatedText(e.deprecated));
  row('alias of:', e.aliasOf);
  if (e.secret) row('secret:', 'yes (masked by brud diff)');
  row('variants:', e.variants.join(', '));
  if (e.children && e.children.length > 0) {
    lines.push('', '  keys:');
    const w = Math.max(...e.children.map((c) => c.key.length));
    for (const c of e.children) lines.push(`    ${c.key.padEnd(w)}  ${c.summary}${c.since ? ` (since ${c.since})` : ''}`);
  }
  if (e.example) lines.push('', '  example:', ...e.example.split('\n').map((l) => `    ${l}`));
  if (e.sources.length > 0) lines.push('', '  source:', ...e.sources.map((s) => `    ${s}`));
  return lines.join('\n') + '\n';
}

function deprecatedText(d: NonNullable<Explanation['deprecated']>): string {
  return `since ${d.since}${d.message ? `: ${d.message}` : ''}${d.replacement ? `; use ${d.replacement}` : ''}`;
}
