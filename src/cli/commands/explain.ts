/** `brud explain KEY`: what a setting is, from the same schema data brud validates with. */
import { explainKey, UnknownKeyError, type Explanation } from '../../schema/explain.js';
import { NEWEST_RELEASE } from '../../targets/releases.js';
import { bool, oneOf, parse } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

export const EXPLAIN_HELP = `brud explain: describe a Bottlerocket setting

Usage: brud explain [options] <key>

Prints what a setting is, its type and rule, its default, the variants that have it, the
release it appeared in, an example and the source of the rule. The key is a TOML key path;
the leading "settings." is optional, and any name stands for a map entry.

Options:
  -f, --format FORMAT     text or json (default: text)
  -h, --help              show this help

Examples:
  brud explain kubernetes.max-pods
  brud explain settings.bootstrap-commands.my-command.mode
  brud explain 'kubernetes.node-labels."team.example.com/owner"'
  brud explain --format json container-registry.mirrors
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

function text(e: Explanation): string {
  const lines = [e.keyPath, ''];
  if (e.description) lines.push(`  ${e.description}`, '');
  const row = (label: string, value: string | undefined) => {
    if (value) lines.push(`  ${label.padEnd(11)}${value}`);
  };
  row('type:', e.type + (e.modeledType ? ` (${e.modeledType})` : ''));
  row('rule:', e.rule);
  row('values:', e.constraints.join('; '));
  if (e.mapOf) row('entries:', `keys: ${e.mapOf.key}; values: ${e.mapOf.value}`);
  row('default:', e.default !== undefined ? JSON.stringify(e.default) : e.defaultNote ? undefined : 'none (unset)');
  row('default:', e.defaultNote);
  row('since:', e.since ? `Bottlerocket ${e.since}` : 'every release brud knows');
  if (e.deprecated) row('deprecated:', `since ${e.deprecated.since}${e.deprecated.message ? `: ${e.deprecated.message}` : ''}${e.deprecated.replacement ? `; use ${e.deprecated.replacement}` : ''}`);
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

export function runExplain(args: string[], io: Io): number {
  const p = parse('explain', args, OPTIONS);
  if (bool(p, 'help')) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  const format = oneOf(p, 'format', ['text', 'json'], 'explain') ?? 'text';
  if (p.positionals.length !== 1) throw new UsageError('give exactly one key, e.g. brud explain kubernetes.max-pods', 'explain');
  let e: Explanation;
  try {
    e = explainKey(p.positionals[0]);
  } catch (err) {
    if (err instanceof UnknownKeyError) throw new UsageError(`${err.message} (Bottlerocket ${NEWEST_RELEASE})`, 'explain');
    throw err;
  }
  io.stdout(format === 'json' ? JSON.stringify({ formatVersion: 1, ...e }, null, 2) + '\n' : text(e));
  return 0;
}
