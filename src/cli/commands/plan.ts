/** `brud plan`: what a node does at boot with this user-data, in order, and what a failure stops. */
import { plan, planJson, planMarkdown, planText } from '../../index.js';
import { oneOf, str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { checkOperand, SINGLE_INPUT_HELP, SINGLE_INPUT_OPTIONS } from '../operand.js';
import { stdoutColor, write } from '../output.js';
import { resolveTargetOptions, TARGET_HELP } from '../target-options.js';

export const PLAN_HELP = `brud plan: the boot execution plan of a user-data document

Usage: brud plan [options] <file|->

Shows what Bottlerocket's boot does with the document: user-data applied (first boot only),
settings committed, bootstrap commands (one at a time, in byte order of their names),
bootstrap containers (all at once), host containers and the orchestrator agent; for each
step when it runs, what its failure stops, where it logs, and what makes it slow.

Options:
  --boot N                show boot N, assuming every earlier boot succeeded (default: 1);
                          from boot 2, "once" entries have been switched off
  -f, --format FORMAT     text (a timeline), json or markdown (default: text)
${TARGET_HELP}
${SINGLE_INPUT_HELP}
  --color, --no-color     force colour on or off
  -h, --help              show this help

The JSON carries a digest of the plan ("sha256:…"), so CI can pin what a node will do.

Examples:
  brud plan userdata.toml
  brud plan --boot 2 userdata.toml
  brud plan --format json userdata.toml | jq -r .digest
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  boot: { type: 'string' },
  format: { type: 'string', short: 'f' },
} as const;

async function run(p: Parsed, io: Io): Promise<number> {
  const format = oneOf(p, 'format', ['text', 'json', 'markdown'], 'plan') ?? 'text';
  const bootText = str(p, 'boot') ?? '1';
  if (!/^[1-9]\d*$/.test(bootText)) throw new UsageError(`--boot must be 1 or more, got "${bootText}"`, 'plan');
  if (p.positionals.length !== 1) throw new UsageError('give exactly one input: a file, or "-" for stdin', 'plan');
  const loaded = await checkOperand({ operand: p.positionals[0]!, command: 'plan', target: resolveTargetOptions(p, 'plan', io) }, p, io);
  if (!loaded.ok) return loaded.code;
  const result = plan(loaded.result, { boot: Number(bootText) });
  const file = loaded.result.file;
  const out =
    format === 'json' ? planJson(result) : format === 'markdown' ? planMarkdown(result, file) : planText(result, file, stdoutColor(p, io));
  write(p, io, out);
  return 0;
}

export const command = defineCommand({ help: PLAN_HELP, options: OPTIONS, run });
