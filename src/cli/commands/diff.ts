/** `brud diff OLD NEW`: what changes on the node between two versions of user-data. */
import { diff, diffJson, diffMarkdown, diffText, type DocumentResult } from '../../index.js';
import { bool, oneOf, str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { checkOperand, SINGLE_INPUT_HELP, SINGLE_INPUT_OPTIONS, WRAPPER_HELP, wrapOperand, wrapperFor, wrapperOption } from '../operand.js';
import { stdoutColor, write } from '../output.js';
import { resolveTargetOptions, TARGET_HELP } from '../target-options.js';

export const DIFF_HELP = `brud diff: what changes on the node between two versions of user-data

Usage: brud diff [options] <old> <new>

Compares the normalized settings key by key and the boot plans step by step: formatting,
comments, key order, dotted keys versus tables, and aliases make no difference. Each side may
be a TOML file, base64 or gzip user-data, launch-template JSON (lt.json#3 picks version 3),
or "-" for stdin. Secrets (aws.credentials, registry passwords…) are masked.

Options:
  -f, --format FORMAT     text (a summary and a unified diff of the canonical TOML), json
                          or markdown (a pull-request comment)
  --show-secrets          print secret values instead of masking them
${WRAPPER_HELP}
${TARGET_HELP}
${SINGLE_INPUT_HELP}
  --color, --no-color     force colour on or off
  -h, --help              show this help

Exit status: 0 same settings and plan; 1 different; 2 usage error or unreadable input.

Examples:
  brud diff userdata.toml userdata.new.toml
  git show main:nodes/userdata.toml | brud diff - nodes/userdata.toml
  brud diff --format json lt.json#3 lt.json#4
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  format: { type: 'string', short: 'f' },
  'show-secrets': { type: 'boolean' },
  wrapper: { type: 'string' },
} as const;

async function run(p: Parsed, io: Io): Promise<number> {
  const format = oneOf(p, 'format', ['text', 'json', 'markdown'], 'diff') ?? 'text';
  const given = wrapperOption(p, 'diff');
  if (p.positionals.length !== 2) throw new UsageError('give two inputs: the old and the new user-data ("-" for stdin)', 'diff');
  if (p.positionals.filter((x) => x === '-').length > 1) throw new UsageError('only one side can be read from stdin', 'diff');
  const target = resolveTargetOptions(p, 'diff', io);
  const sides: DocumentResult[] = [];
  for (const operand of p.positionals) {
    const loaded = await checkOperand({ operand, command: 'diff', target, allowErrors: true }, p, io);
    if (!loaded.ok) return 2;
    const wrapper = wrapperFor(given, loaded.result);
    if (!wrapper) {
      sides.push(loaded.result);
      continue;
    }
    const wrapped = wrapOperand(loaded, wrapper, io, p);
    if (!wrapped.ok) return 2;
    sides.push(wrapped.wrapped.result);
  }
  const [oldName, newName] = p.positionals.map((x) => (x === '-' ? (str(p, 'stdin-filename') ?? '<stdin>') : x)) as [string, string];
  const report = diff(sides[0]!, sides[1]!, { showSecrets: bool(p, 'show-secrets') === true, oldName, newName });
  const out = format === 'json' ? diffJson(report) : format === 'markdown' ? diffMarkdown(report) : diffText(report, stdoutColor(p, io));
  write(p, io, out);
  return report.equal && report.plan.equal ? 0 : 1;
}

export const command = defineCommand({ help: DIFF_HELP, options: OPTIONS, run });
