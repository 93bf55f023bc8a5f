/** `brud plan`: what a node does at boot with this user-data, in order, and what a failure stops. */
import { planJson, planText } from '../../plan/format.js';
import { shouldColor } from '../../report/color.js';
import { bool, oneOf, str } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadOne, parse, SINGLE_INPUT_HELP, SINGLE_INPUT_OPTIONS, write } from '../single-input.js';
import { TARGET_HELP } from '../target-options.js';

export const PLAN_HELP = `brud plan: the boot execution plan of a user-data document

Usage: brud plan [options] <file|->

Shows what Bottlerocket's boot does with the document: user-data applied (first boot only),
settings committed, bootstrap commands (one at a time, in byte order of their names),
bootstrap containers (all at once), host containers and the orchestrator agent; for each
step when it runs, what its failure stops, where it logs, and what makes it slow.

Options:
  --boot N                show boot N, assuming every earlier boot succeeded (default: 1);
                          from boot 2, "once" entries have been switched off
  -f, --format FORMAT     text (a timeline) or json (default: text)
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

export async function runPlan(args: string[], io: Io): Promise<number> {
  const p = parse('plan', args, OPTIONS);
  if (bool(p, 'help')) {
    io.stdout(PLAN_HELP);
    return 0;
  }
  const format = oneOf(p, 'format', ['text', 'json'], 'plan') ?? 'text';
  const bootText = str(p, 'boot') ?? '1';
  if (!/^[1-9]\d*$/.test(bootText)) throw new UsageError(`--boot must be 1 or more, got "${bootText}"`, 'plan');
  const loaded = await loadOne(p, io, 'plan');
  if (!loaded.ok) return loaded.code;
  const { plan: buildPlan } = await import('../../index.js');
  const plan = buildPlan(loaded.result, { boot: Number(bootText) });
  const color = str(p, 'output') ? false : shouldColor(bool(p, 'color'), io.env, io.stdoutIsTTY);
  write(p, io, format === 'json' ? planJson(plan) : planText(plan, loaded.result.file, color));
  return 0;
}
