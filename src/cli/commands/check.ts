/** `brud check`: validate user-data files as Bottlerocket would, and report. */
import type { DocumentResult } from '../../check.js';
import { FORMAT_NAMES, FORMATTERS } from '../../report/index.js';
import { summarize, type Report, type ReportResult } from '../../report/model.js';
import { shouldColor } from '../../report/color.js';
import { targetName } from '../../validate/target.js';
import { bool, nonNegativeInt, oneOf, parse, str } from '../args.js';
import { UsageError } from '../errors.js';
import { collectInputs } from '../inputs.js';
import type { Io } from '../io.js';
import { resolveTargetOptions, TARGET_HELP, TARGET_OPTIONS } from '../target-options.js';
import { toolVersion } from '../version.js';

export const CHECK_HELP = `brud check: validate Bottlerocket user-data before a node boots

Usage: brud check [options] <file|directory|glob|->...

Checks each input as Bottlerocket would: TOML 1.0 syntax, the settings model of the target
variant and release, and lints for bootstrap commands and containers that would never run,
reboot forever or halt boot. Inputs may be TOML, base64 or gzip user-data, or launch-template
JSON; directories are searched for *.toml files; "-" reads stdin.

Options:
${TARGET_HELP}
  -f, --format FORMAT     text, json, sarif, github or junit (default: text)
  -o, --output FILE       write the report to FILE instead of stdout
  --stdin-filename NAME   the name to report for input read from stdin (default: <stdin>)
  -q, --quiet             report errors only
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
`;

const OPTIONS = {
  ...TARGET_OPTIONS,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'stdin-filename': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  strict: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Rule ids whose findings mean "could not be checked" rather than "Bottlerocket rejects it". */
export function isFatal(ruleId: string): boolean {
  return ruleId.startsWith('io/') || ruleId.startsWith('internal/') || ruleId === 'input/too-large';
}

export function toReportResult(r: DocumentResult, path: string): ReportResult {
  return {
    file: r.file,
    path,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    diagnostics: r.diagnostics,
    source: r.source,
    ...(r.decoded ? { decoded: true } : {}),
    ...(r.target ? { target: { variant: targetName(r.target), variantSource: r.target.variantSource, osVersion: r.target.release } } : {}),
  };
}

function unreadable(name: string, why: string): ReportResult {
  return {
    file: name,
    path: name,
    errorCount: 1,
    warningCount: 0,
    diagnostics: [{ severity: 'error', ruleId: 'io/unreadable', message: `cannot read ${name}: ${why}`, pointer: '', keyPath: '', line: 1, column: 1, endLine: 1, endColumn: 1 }],
  };
}

function onlyErrors(r: ReportResult): ReportResult {
  const diagnostics = r.diagnostics.filter((d) => d.severity === 'error');
  return { ...r, diagnostics, warningCount: 0 };
}

export function exitCode(report: Report, opts: { strict?: boolean; maxWarnings?: number }): number {
  if (report.results.some((r) => r.diagnostics.some((d) => isFatal(d.ruleId)))) return 2;
  if (report.summary.errors > 0) return 1;
  if (opts.strict && report.summary.warnings > 0) return 1;
  if (opts.maxWarnings !== undefined && report.summary.warnings > opts.maxWarnings) return 1;
  return 0;
}

export async function runCheck(args: string[], io: Io): Promise<number> {
  const p = parse('check', args, OPTIONS);
  if (bool(p, 'help')) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const format = oneOf(p, 'format', FORMAT_NAMES, 'check') ?? 'text';
  const maxWarnings = nonNegativeInt(p, 'max-warnings', 'check');
  const target = await resolveTargetOptions(p, 'check', io);
  const operands = p.positionals.length > 0 ? p.positionals : target.include();
  if (operands.length === 0) throw new UsageError('no input given: name files, directories or glob patterns, "-" to read stdin, or list them under `include` in brud.toml', 'check');
  // the pipeline (and its precompiled validator) loads only once there is something to check
  // the check pipeline alone (not the whole library): compile, plan and emit are not needed here
  const { checkBytes } = await import('../../check.js');
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const inputs = collectInputs(operands, io.readStdin, stdinName, target.excluded);
  const results: ReportResult[] = [];
  for (const input of inputs) {
    if (!input.bytes) {
      results.push(unreadable(input.name, input.error ?? 'unreadable'));
      continue;
    }
    const docs = checkBytes(input.name, input.bytes, target.optionsFor(input.name === stdinName ? '-' : input.name));
    results.push(...docs.map((d) => toReportResult(d, input.name)));
  }
  const quiet = bool(p, 'quiet') === true;
  const full = summarize(results);
  // --quiet changes what is shown, never the exit status
  const report = quiet ? summarize(results.map(onlyErrors)) : full;
  const output = str(p, 'output');
  const color = output ? false : shouldColor(bool(p, 'color'), io.env, io.stdoutIsTTY);
  const text = FORMATTERS[format](report, { color, toolVersion: toolVersion() });
  if (output) io.writeFile(output, text);
  else io.stdout(text);
  return exitCode(full, { strict: bool(p, 'strict'), maxWarnings });
}

