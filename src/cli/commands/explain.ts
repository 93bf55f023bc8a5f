/** `brud explain KEY`: what a setting is, from the same schema data brud validates with. */
import { explain, explainJson, explainText, NEWEST_RELEASE, OptionError, type Explanation } from '../../index.js';
import { oneOf, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
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

function run(p: Parsed, io: Io): number {
  const format = oneOf(p, 'format', ['text', 'json'], 'explain') ?? 'text';
  if (p.positionals.length !== 1) throw new UsageError('give exactly one key, e.g. brud explain kubernetes.max-pods', 'explain');
  let e: Explanation;
  try {
    e = explain(p.positionals[0]!);
  } catch (err) {
    if (err instanceof OptionError) throw new UsageError(`${err.message} (Bottlerocket ${NEWEST_RELEASE})`, 'explain');
    throw err;
  }
  io.stdout(format === 'json' ? explainJson(e) : explainText(e));
  return 0;
}

export const command = defineCommand({ help: EXPLAIN_HELP, options: OPTIONS, run });
