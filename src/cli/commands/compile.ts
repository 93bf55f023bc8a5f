/** `brud compile`: normalized settings as canonical TOML or JSON, the boot plan, or EC2 user-data. */
import { compile, planJson, plan } from '../../index.js';
import { bool, oneOf, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { checkOperand, SINGLE_INPUT_HELP, SINGLE_INPUT_OPTIONS, WRAPPER_HELP, wrapOperand, wrapperFor, wrapperOption } from '../operand.js';
import { write, writeUserData } from '../output.js';
import { resolveTargetOptions, TARGET_HELP } from '../target-options.js';

export const COMPILE_HELP = `brud compile: normalized settings, the boot plan, or EC2 user-data from one document

Usage: brud compile [options] <file|->

Checks the document (a document with errors is refused, exit 1), then writes it normalized:
dotted keys, inline tables and table headers become one table per section, aliases become
their canonical names, keys are sorted (except maps whose order Bottlerocket keeps), values
stay exactly as written. Compiling the output again gives the same bytes.

Options:
  --emit FORM             toml (default), json (the same document as JSON; the API receives what is
                          inside "settings"), plan (the boot plan as JSON), base64 (for
                          run-instances --user-data), or launch-template (JSON with UserData, for
                          create-launch-template-version)
  --gzip                  gzip before base64 (with --emit base64 or launch-template)
${WRAPPER_HELP}
${TARGET_HELP}
${SINGLE_INPUT_HELP}
  -h, --help              show this help

EC2 accepts at most 16384 bytes of user-data before base64; brud refuses more, and says
whether --gzip would fit.

Examples:
  brud compile userdata.toml > userdata.normalized.toml
  brud compile --emit base64 --gzip userdata.toml
  brud compile --emit launch-template -o lt-data.json userdata.toml
  brud compile --wrapper karpenter nodeclass-userdata.toml
  aws ec2 create-launch-template-version --launch-template-id lt-0abc1234 \\
      --launch-template-data file://lt-data.json
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  emit: { type: 'string' },
  gzip: { type: 'boolean' },
  wrapper: { type: 'string' },
} as const;

const EMITS = ['toml', 'json', 'plan', 'base64', 'launch-template'] as const;

async function run(p: Parsed, io: Io): Promise<number> {
  const emit = (oneOf(p, 'emit', EMITS, 'compile') ?? 'toml') as (typeof EMITS)[number];
  const gzip = bool(p, 'gzip') === true;
  if (gzip && emit !== 'base64' && emit !== 'launch-template')
    throw new UsageError('--gzip goes with --emit base64 or --emit launch-template', 'compile');
  const given = wrapperOption(p, 'compile');
  if (p.positionals.length !== 1) throw new UsageError('give exactly one input: a file, or "-" for stdin', 'compile');
  const loaded = await checkOperand(
    { operand: p.positionals[0]!, command: 'compile', target: resolveTargetOptions(p, 'compile', io) },
    p,
    io,
  );
  if (!loaded.ok) return loaded.code;
  let result = loaded.result;
  let notes: string[] = [];
  const wrapper = wrapperFor(given, result);
  if (wrapper) {
    const wrapped = wrapOperand(loaded, wrapper, io, p);
    if (!wrapped.ok) return wrapped.code;
    ({ result, notes } = wrapped.wrapped);
  }
  if (emit === 'plan') {
    write(p, io, planJson(plan(result)));
    return 0;
  }
  return writeUserData(p, io, compile(result, { notes }), { emit, gzip, label: loaded.result.file });
}

export const command = defineCommand({ help: COMPILE_HELP, options: OPTIONS, run });
