/**
 * Commands that turn documents into something (compile, plan, diff, merge) share this: read an operand
 * (a file, "-" for stdin, base64/gzip user-data, launch-template JSON, where `lt.json#3` or --lt-version
 * picks a version), check it, and print its findings to stderr.
 */
import { existsSync } from 'node:fs';
import type { DocumentResult } from '../check.js';
import { FORMATTERS } from '../report/index.js';
import { summarize } from '../report/model.js';
import { shouldColor } from '../report/color.js';
import { WRAPPER_NAMES, WRAPPERS, type Wrapper } from '../wrappers/wrappers.js';
import { nonNegativeInt, oneOf, parse, str, type OptionSpec, type Parsed } from './args.js';
import { isFatal as isFatalRule, toReportResult } from './commands/check.js';
import { newTable } from '../parse/value.js';
import { UsageError } from './errors.js';
import { collectInputs } from './inputs.js';
import type { Io } from './io.js';
import { resolveTargetOptions, TARGET_OPTIONS, type ResolvedTarget } from './target-options.js';
import { toolVersion } from './version.js';

export const SINGLE_INPUT_OPTIONS = {
  ...TARGET_OPTIONS,
  'stdin-filename': { type: 'string' },
  'lt-version': { type: 'string' },
  output: { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const SINGLE_INPUT_HELP = `  --stdin-filename NAME   the name to report for input read from stdin (default: <stdin>)
  --lt-version N          with launch-template JSON listing several versions, the VersionNumber to use
                          (or name it in the operand: lt.json#3)
  -o, --output FILE       write to FILE instead of stdout`;

export const WRAPPER_HELP = `  --wrapper TOOL          what the node receives through a tool that wraps the user-data:
                          ${WRAPPER_NAMES.join(', ')}`;

export { parse };

export type Loaded = { ok: true; result: DocumentResult } | { ok: false; code: number };

function isFatal(result: DocumentResult): boolean {
  return result.diagnostics.some((d) => isFatalRule(d.ruleId));
}

export function printFindings(io: Io, p: Parsed, results: Array<{ result: DocumentResult; path: string }>): void {
  const shown = results
    .map(({ result, path }) => toReportResult({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity !== 'info') }, path))
    .filter((r) => r.diagnostics.length > 0);
  if (shown.length === 0) return;
  const color = shouldColor(p.values.color as boolean | undefined, io.env, false);
  io.stderr(FORMATTERS.text(summarize(shown), { color, toolVersion: toolVersion() }));
}

/**
 * Reads and checks one operand. With `allowErrors`, a document Bottlerocket would reject is still
 * returned (diff compares anything that parses); otherwise it stops the command with exit 1.
 */
export async function checkOperand(operand: string, io: Io, p: Parsed, command: string, target: ResolvedTarget, opts: { allowErrors?: boolean; quiet?: boolean } = {}): Promise<Loaded> {
  let name = operand;
  let wanted = nonNegativeInt(p, 'lt-version', command);
  const suffix = /^(.*)#(\d+)$/.exec(operand);
  if (suffix && !existsSync(operand) && existsSync(suffix[1])) {
    name = suffix[1];
    wanted = Number(suffix[2]);
  }
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const [input] = collectInputs([name], io.readStdin, stdinName);
  if (!input.bytes) {
    io.stderr(`brud: cannot read ${input.name}: ${input.error}\n`);
    return { ok: false, code: 2 };
  }
  const { check } = await import('../index.js');
  let docs = check(input.bytes, { name: input.name, ...target.optionsFor(input.name === stdinName ? '-' : input.name) });
  if (wanted !== undefined) {
    docs = docs.filter((d) => d.file.endsWith(`, version ${wanted})`));
    if (docs.length === 0) throw new UsageError(`${input.name} has no launch-template version ${wanted}`, command);
  }
  if (docs.length > 1) {
    throw new UsageError(`${input.name} holds ${docs.length} user-data documents (${docs.map((d) => d.file.slice(input.name.length + 1)).join(', ')}); choose one with --lt-version N or ${input.name}#N`, command);
  }
  let [result] = docs;
  if (!opts.quiet) printFindings(io, p, [{ result, path: input.name }]);
  if (isFatal(result)) return { ok: false, code: 2 };
  if (result.errorCount > 0 && !opts.allowErrors) return { ok: false, code: 1 };
  if (!result.document) {
    // empty user-data, or a launch-template version without any: no settings
    if (!opts.allowErrors) {
      io.stderr(`brud: ${result.file} holds no user-data: there is nothing to ${command}\n`);
      return { ok: false, code: 1 };
    }
    if (result.errorCount > 0) return { ok: false, code: 2 };
    result = { ...result, document: newTable() };
  }
  if (!result.target) {
    // no variant accepts the document (already reported): compare it as the default target would read it
    const { analyzeDocument } = await import('../check.js');
    result = { ...result, target: analyzeDocument(newTable(), target.optionsFor(input.name)).target };
  }
  return { ok: true, result };
}

export async function loadOne(p: Parsed, io: Io, command: string): Promise<Loaded> {
  if (p.positionals.length !== 1) throw new UsageError('give exactly one input: a file, or "-" for stdin', command);
  return checkOperand(p.positionals[0], io, p, command, await resolveTargetOptions(p, command, io));
}

export function wrapperOption(p: Parsed, command: string): Wrapper | undefined {
  const name = oneOf(p, 'wrapper', WRAPPER_NAMES, command);
  return name ? WRAPPERS[name] : undefined;
}

/**
 * Applies a wrapper to a checked document: its findings are printed (they point into the document),
 * and a refusal stops the command. Returns the wrapped result and header notes.
 */
export async function applyWrapper(
  wrapper: Wrapper,
  loaded: { result: DocumentResult; path: string },
  io: Io,
  p: Parsed,
): Promise<{ ok: true; result: DocumentResult; notes: string[] } | { ok: false; code: number }> {
  const { result } = loaded;
  const out = wrapper.apply(result.document!);
  const findings = [...out.findings, ...(wrapper.checkText && result.source !== undefined ? wrapper.checkText(result.source) : [])];
  const { finish } = await import('../check.js');
  const report = finish(result.file, findings, result.source, result.positions, {});
  const wrapped: DocumentResult = { ...result, ...report, document: out.document };
  printFindings(io, p, [{ result: wrapped, path: loaded.path }]);
  if (wrapped.errorCount > 0) return { ok: false, code: 1 };
  const notes = wrapperNotes(wrapper, out.toolSets);
  return { ok: true, result: { ...result, document: out.document }, notes };
}

/** The header lines that say which tool the output went through and what it fills in itself. */
export function wrapperNotes(wrapper: Wrapper, toolSets: string[]): string[] {
  return [`As received through ${wrapper.title}; the tool also sets:`, ...toolSets.map((s) => `  ${s}`)];
}

/**
 * Writes compiled user-data in the form asked for (toml, json, base64, launch-template). Over EC2's
 * size limit it writes nothing and returns 1; `label` names the document in that message.
 */
export async function writeUserData(p: Parsed, io: Io, compiled: { toml: string; json: string }, emit: string, gzip: boolean, label: string): Promise<number> {
  if (emit === 'toml' || emit === 'json') {
    write(p, io, emit === 'toml' ? compiled.toml : compiled.json);
    return 0;
  }
  const { BudgetError, encodeUserData, launchTemplateData } = await import('../emit/ec2.js');
  try {
    const encoded = encodeUserData(compiled.toml, { gzip });
    write(p, io, emit === 'base64' ? encoded.base64 + '\n' : launchTemplateData(encoded));
    return 0;
  } catch (e) {
    if (e instanceof BudgetError) {
      io.stderr(`brud: ${label}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function write(p: Parsed, io: Io, text: string): void {
  const output = str(p, 'output');
  if (output) io.writeFile(output, text);
  else io.stdout(text);
}
