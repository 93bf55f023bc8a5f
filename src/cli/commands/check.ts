/** `brud check`: validate user-data files as Bottlerocket would, and report. */
import {
  buildReport,
  checkAsync,
  fix,
  isHostFormat,
  maskSecretText,
  MAX_INPUT_BYTES,
  FORMAT_NAMES,
  FORMATTERS,
  ruleMeta,
  toReportResult,
  skippedEntry,
  unreadable,
  VERSION,
  visible,
  type CheckOptions,
  type DocumentResult,
  type ReportResult,
} from '../../index.js';
import { createTwoFilesPatch } from 'diff';
import { bool, nonNegativeInt, oneOf, str, type Parsed } from '../args.js';
import { UsageError } from '../errors.js';
import { collectInputs } from '../files.js';
import type { Io } from '../io.js';
import { defineCommand } from '../command.js';
import { refuseOutputOverInput, stdoutColor, write } from '../output.js';
import { resolveTargetOptions, RULE_HELP, TARGET_HELP, TARGET_OPTIONS } from '../target-options.js';

export const CHECK_HELP = `brud check: validate Bottlerocket user-data before a node boots

Usage: brud check [options] <file|directory|glob|->...

Checks each input as Bottlerocket would: TOML 1.0 syntax, the settings model of the target
variant and release, and lints for bootstrap commands and containers that would never run,
reboot forever or halt boot. Inputs may be TOML, base64 or gzip user-data, launch-template
JSON, or a file the user-data lives in (a Kubernetes manifest with Karpenter EC2NodeClasses,
an eksctl ClusterConfig, a CloudFormation or cdk synth template, terraform show -json output:
findings point into it, each document named file#EC2NodeClass/name, file#nodeGroups/name,
file#Resources/Id or file#address); templates with \${…} placeholders are checked with the placeholders as
unknown values (--var fills them); directories are searched for *.toml, *.yaml, *.yml, *.json
and *.tpl files (.gitignore respected; files without user-data skipped and counted); "-" reads stdin.

Options:
${TARGET_HELP}
${RULE_HELP}
  -f, --format FORMAT     text, json, sarif, github, junit, markdown (a pull-request comment)
                          or gitlab (GitLab code quality) (default: text)
  -o, --output FILE       write the report to FILE instead of stdout
  --stdin-filename NAME   the name to report for input read from stdin (default: <stdin>); its
                          directory is where brud.toml is looked for
  --fix                   apply the certain fixes (unquote a number, the one close key name, …) to
                          the files in place, keeping comments and layout, then report what is left
  --fix-dry-run           print the fixes as a unified diff instead of writing them (stdin too)
  -q, --quiet             report errors only (warnings are still counted)
  --strict                exit 1 on warnings too
  --max-warnings N        exit 1 when there are more than N warnings
  --color, --no-color     force colour on or off (default: on for a terminal unless NO_COLOR is set)
  -h, --help              show this help

Exit status: 0 no errors; 1 errors (or warnings with --strict or over --max-warnings);
2 usage error, unreadable input or internal error.

Examples:
  brud check userdata.toml
  brud check --variant aws-k8s-1.31 --os-version 1.30.0 nodes/
  brud check --format sarif -o brud.sarif 'nodes/**/*.toml'
  brud check --fix-dry-run nodes/
  aws ec2 describe-launch-template-versions --launch-template-id lt-0abc1234 | brud check -
  helm template nodes/ | brud check -
  brud check .
`;

const OPTIONS = {
  ...TARGET_OPTIONS,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'stdin-filename': { type: 'string' },
  rule: { type: 'string', multiple: true },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  strict: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(p: Parsed, io: Io): Promise<number> {
  const format = oneOf(p, 'format', FORMAT_NAMES, 'check') ?? 'text';
  const maxWarnings = nonNegativeInt(p, 'max-warnings', 'check');
  const target = resolveTargetOptions(p, 'check', io);
  const operands = p.positionals.length > 0 ? p.positionals : target.include();
  if (operands.length === 0)
    throw new UsageError(
      'no input given: name files, directories or glob patterns, "-" to read stdin, or list them under `include` in brud.toml',
      'check',
    );
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const mode = fixMode(p, operands);
  // as ESLint keeps --fix-dry-run out of a machine format's stdout: the diff goes to stderr beside one
  const fixing = mode && { mode, diffTo: format === 'text' ? io.stdout : io.stderr };
  const counts = { other: 0 };
  const inputs = collectInputs(operands, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    stdinName,
    excluded: target.excluded,
    hosts: true,
    counts,
  });
  refuseOutputOverInput(
    p,
    io,
    'check',
    inputs.filter((i) => i.file).map((i) => i.name),
  );
  const results: ReportResult[] = [];
  for (const input of inputs) {
    const read = input.read();
    if (!('bytes' in read)) {
      const result = 'error' in read ? unreadable(input.name, read.error) : skippedEntry(input.name, read.skipped);
      results.push(toReportResult(result, input.name));
      continue;
    }
    const { options, variantFrom } = target.optionsFor(input.file ? input.name : '-');
    const docs = await checkInput(io, input, read.bytes, { name: input.name, ...options }, fixing);
    // a file a directory walk found that holds no user-data is passed over, and counted
    if (docs.length === 0) counts.other++;
    for (const d of docs) results.push(toReportResult(framed(d), input.name, variantFrom));
  }
  const { report, exitCode } = buildReport(results, {
    quiet: bool(p, 'quiet') === true,
    strict: bool(p, 'strict') === true,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(counts.other > 0 ? { otherFiles: counts.other } : {}),
  });
  write(p, io, FORMATTERS[format]!(report, { color: stdoutColor(p, io), toolVersion: VERSION, rules: ruleMeta }));
  return exitCode;
}

/**
 * The text is kept only where a finding's code frame needs it: over 10,000 files, keeping every clean
 * file's text until the report is written held megabytes for nothing.
 */
function framed(d: DocumentResult): DocumentResult {
  if (d.source === undefined || d.diagnostics.length > 0) return d;
  const { source: _unused, ...rest } = d;
  return rest;
}

/** --fix writes files in place; --fix-dry-run prints what it would change. Neither writes stdin. */
function fixMode(p: Parsed, operands: readonly string[]): 'write' | 'dry-run' | undefined {
  const write = bool(p, 'fix') === true;
  const dry = bool(p, 'fix-dry-run') === true;
  if (write && dry) throw new UsageError('give --fix or --fix-dry-run, not both', 'check');
  if (write && operands.includes('-'))
    throw new UsageError('--fix writes files in place and never stdin; use --fix-dry-run to see the changes as a diff', 'check');
  return write ? 'write' : dry ? 'dry-run' : undefined;
}

/** --fix or --fix-dry-run, and where the dry run's diff is printed. */
interface Fixing {
  mode: 'write' | 'dry-run';
  diffTo: (text: string) => void;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Fixes one input (as ESLint's --fix: every certain edit, passes until stable, then the report of what is
 * left). Files are written atomically (a temporary file, then a rename; cli/io.ts writeFileAtomic), keeping their mode; with
 * --fix-dry-run the changes are printed as a unified diff instead. Input that is not UTF-8 text is only checked.
 */
/** One input's results: fixed (TOML named or found, with --fix), else checked; a walk's find may hold none. */
async function checkInput(
  io: Io,
  input: { name: string; file: boolean; discovered?: true },
  bytes: Uint8Array,
  options: CheckOptions & { name: string },
  fixing: Fixing | undefined,
) {
  const toml = !input.discovered || input.name.endsWith('.toml');
  const fixed = fixing && toml ? fixInput(io, input, bytes, options, fixing) : undefined;
  return fixed ?? (await checkAsync(bytes, { ...options, ...(input.discovered ? { discovered: true } : {}) }));
}

function fixInput(
  io: Io,
  input: { name: string; file: boolean },
  bytes: Uint8Array,
  options: CheckOptions & { name: string },
  { mode, diffTo }: Fixing,
) {
  // a manifest holds user-data indented or escaped: checked, never fixed; an input over the cap was read
  // only in part, and is checked (input/too-large), never fixed from its prefix
  if (bytes.length > MAX_INPUT_BYTES || isHostFormat(bytes, input.name)) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  const fixed = fix(text, options);
  if (!fixed.fixed) return fixed.results;
  if (mode === 'write' && input.file) {
    io.writeFile(input.name, fixed.output);
    io.stderr(`brud: fixed ${visible(input.name)} (${fixed.applied} ${fixed.applied === 1 ? 'edit' : 'edits'})\n`);
    return fixed.results;
  }
  diffTo(dryRunPatch(input.name, text, fixed.output));
  // nothing was written: the report and the exit status are those of the input as it is, as check gives
  // them, so that a CI step running --fix-dry-run does not pass a file whose errors are only fixable
  return undefined;
}

/**
 * The --fix-dry-run diff, as safe to print as the report: secret values masked in both texts before they
 * are compared, every line escaped (`visible`: control, C1 and bidi characters, a line break in a file
 * name), and a context line that would start with `::` once a GitHub runner trims its leading space (a
 * workflow command) has its first colon escaped.
 */
function dryRunPatch(name: string, before: string, after: string): string {
  const shown = visible(name);
  const patch = createTwoFilesPatch(shown, shown, maskSecretText(before), maskSecretText(after), undefined, undefined, { context: 3 });
  return patch
    .split('\n')
    .map((line) => visible(line).replace(/^(\s*)::/, '$1\\u003a:'))
    .join('\n');
}

export const command = defineCommand({ help: CHECK_HELP, options: OPTIONS, run });
