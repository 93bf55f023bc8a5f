/** `brud check`: validate user-data files as Bottlerocket would, and report. */
import {
  buildReport,
  checkAsync,
  FORMAT_NAMES,
  FORMATTERS,
  ruleMeta,
  toReportResult,
  skippedEntry,
  unreadable,
  VERSION,
  type DocumentResult,
  type ReportResult,
} from '../../index.js';
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
an eksctl ClusterConfig: findings point into it, each document named file#EC2NodeClass/name or
file#nodeGroups/name); directories are searched for *.toml files; "-" reads stdin.

Options:
${TARGET_HELP}
${RULE_HELP}
  -f, --format FORMAT     text, json, sarif, github, junit, markdown (a pull-request comment)
                          or gitlab (GitLab code quality) (default: text)
  -o, --output FILE       write the report to FILE instead of stdout
  --stdin-filename NAME   the name to report for input read from stdin (default: <stdin>); its
                          directory is where brud.toml is looked for
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
  aws ec2 describe-launch-template-versions --launch-template-id lt-0abc1234 | brud check -
  helm template nodes/ | brud check -
`;

const OPTIONS = {
  ...TARGET_OPTIONS,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'stdin-filename': { type: 'string' },
  rule: { type: 'string', multiple: true },
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
  const inputs = collectInputs(operands, { cwd: io.cwd, readStdin: io.readStdin, stdinName, excluded: target.excluded });
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
    for (const d of await checkAsync(read.bytes, { name: input.name, ...options }))
      results.push(toReportResult(framed(d), input.name, variantFrom));
  }
  const { report, exitCode } = buildReport(results, {
    quiet: bool(p, 'quiet') === true,
    strict: bool(p, 'strict') === true,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
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

export const command = defineCommand({ help: CHECK_HELP, options: OPTIONS, run });
