/** `brud merge BASE OVERLAY… [--set key=value]`: layered user-data, validated and normalized. */
import { merge, OptionError, InputError, visible, type MergeInput } from '../../index.js';
import { bool, oneOf, str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { collectInputs } from '../files.js';
import type { Io } from '../io.js';
import { SINGLE_INPUT_OPTIONS, WRAPPER_HELP, wrapperOption } from '../operand.js';
import { printFindings, refuseOutputOverInput, writeUserData, type EmitForm } from '../output.js';
import { resolveTargetOptions, TARGET_HELP } from '../target-options.js';

export const MERGE_HELP = `brud merge: build user-data from a base and overlays

Usage: brud merge [options] <base> [<overlay>...] [--set key=value...]

Merges the inputs in order, as Bottlerocket applies several user-data sources: tables are
merged, and for any other value (arrays included) the later layer wins. --set adds one more
layer per key; its value is a TOML value (quote strings). The result is checked and written
normalized, as brud compile writes it. Every finding points at the file and line that set the
value; a key that is a table in one layer and a value in another is an error at both places.

Options:
  --set KEY=VALUE         a TOML value for a key path, e.g. --set settings.kubernetes.max-pods=110
                          or --set 'settings.motd="hello"' (repeatable; applied after the files)
  --emit FORM             toml (default), json, base64 or launch-template
  --gzip                  gzip before base64 (with --emit base64 or launch-template)
${WRAPPER_HELP}
${TARGET_HELP}
  --stdin-filename NAME   the name to report for a layer read from stdin (default: <stdin>)
  -o, --output FILE       write to FILE instead of stdout
  --color, --no-color     force colour on or off
  -h, --help              show this help

Exit status: 0 merged; 1 the result has errors or the layers conflict; 2 usage or unreadable input.

Examples:
  brud merge base.toml clusters/prod.toml > prod.toml
  brud merge base.toml --set settings.kubernetes.max-pods=110 --set 'settings.motd="prod"'
  brud merge --wrapper karpenter --emit launch-template base.toml nodeclass.toml
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  set: { type: 'string', multiple: true },
  emit: { type: 'string' },
  gzip: { type: 'boolean' },
  wrapper: { type: 'string' },
} as const;

function run(p: Parsed, io: Io): number {
  const emit = (oneOf(p, 'emit', ['toml', 'json', 'base64', 'launch-template'], 'merge') ?? 'toml') as EmitForm;
  const gzip = bool(p, 'gzip') === true;
  if (gzip && emit !== 'base64' && emit !== 'launch-template') {
    throw new UsageError('--gzip goes with --emit base64 or --emit launch-template', 'merge');
  }
  const wrapper = wrapperOption(p, 'merge');
  if (p.positionals.length === 0) throw new UsageError('give at least a base file ("-" for stdin)', 'merge');
  if (p.positionals.filter((x) => x === '-').length > 1) throw new UsageError('only one layer can be read from stdin', 'merge');
  const target = resolveTargetOptions(p, 'merge', io);
  const layers = readLayers(p, io);
  if (!layers.ok) return 2;
  const first = layers.inputs[0]!;
  const { options } = target.optionsFor(first.file ? first.name : '-');
  let result;
  try {
    result = merge(layers.inputs, { ...options, set: (p.values.set as string[] | undefined) ?? [], ...(wrapper ? { wrapper } : {}) });
  } catch (e) {
    if (e instanceof OptionError || e instanceof InputError) throw new UsageError(e.message, 'merge');
    throw e;
  }
  printFindings(
    io,
    p,
    result.layers.map((r) => ({ result: r, path: r.file })),
  );
  if (!result.compiled) return 1;
  return writeUserData(p, io, result.compiled, { emit, gzip, label: 'merged user-data' });
}

/** The layers in command-line order (each operand read, and a directory expanded, on its own). */
function readLayers(p: Parsed, io: Io): { ok: true; inputs: Array<MergeInput & { file: boolean }> } | { ok: false } {
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const found = p.positionals.flatMap((operand) => collectInputs([operand], { cwd: io.cwd, readStdin: io.readStdin, stdinName }));
  refuseOutputOverInput(
    p,
    io,
    'merge',
    found.filter((i) => i.file).map((i) => i.name),
  );
  const inputs: Array<MergeInput & { file: boolean }> = [];
  for (const input of found) {
    const read = input.read();
    if (!('bytes' in read)) {
      io.stderr(`brud: cannot read ${visible(input.name)}: ${visible('error' in read ? read.error : `it is ${read.skipped}`)}\n`);
      return { ok: false };
    }
    inputs.push({ name: input.name, bytes: read.bytes, file: input.file });
  }
  return { ok: true, inputs };
}

export const command = defineCommand({ help: MERGE_HELP, options: OPTIONS, run });
