/**
 * Commands that turn one document into something (compile, plan) share this: read one input (a file,
 * "-" for stdin, base64/gzip user-data, or one version of launch-template JSON), check it, and print
 * its findings to stderr. A document with errors stops the command (exit 1).
 */
import type { DocumentResult } from '../check.js';
import { FORMATTERS } from '../report/index.js';
import { summarize } from '../report/model.js';
import { shouldColor } from '../report/color.js';
import { nonNegativeInt, parse, str, type OptionSpec, type Parsed } from './args.js';
import { toReportResult } from './commands/check.js';
import { UsageError } from './errors.js';
import { collectInputs } from './inputs.js';
import type { Io } from './io.js';
import { resolveTargetOptions, TARGET_OPTIONS } from './target-options.js';
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
  -o, --output FILE       write to FILE instead of stdout`;

export { parse };

export type Loaded = { ok: true; result: DocumentResult } | { ok: false; code: number };

export async function loadOne(p: Parsed, io: Io, command: string): Promise<Loaded> {
  if (p.positionals.length !== 1) throw new UsageError('give exactly one input: a file, or "-" for stdin', command);
  const target = resolveTargetOptions(p, command, io);
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const [input] = collectInputs(p.positionals, io.readStdin, stdinName);
  if (!input.bytes) {
    io.stderr(`brud: cannot read ${input.name}: ${input.error}\n`);
    return { ok: false, code: 2 };
  }
  const { check } = await import('../index.js');
  let docs = check(input.bytes, { name: input.name, ...target.optionsFor(input.name === stdinName ? '-' : input.name) });
  const wanted = nonNegativeInt(p, 'lt-version', command);
  if (wanted !== undefined) {
    docs = docs.filter((d) => d.file.endsWith(`, version ${wanted})`));
    if (docs.length === 0) throw new UsageError(`${input.name} has no launch-template version ${wanted}`, command);
  }
  if (docs.length > 1) {
    throw new UsageError(`${input.name} holds ${docs.length} user-data documents (${docs.map((d) => d.file.slice(input.name.length + 1)).join(', ')}); choose one with --lt-version N`, command);
  }
  const [result] = docs;
  const shown = { ...result, diagnostics: result.diagnostics.filter((d) => d.severity !== 'info') };
  if (shown.diagnostics.length > 0) {
    const color = shouldColor(p.values.color as boolean | undefined, io.env, false);
    io.stderr(FORMATTERS.text(summarize([toReportResult(shown, input.name)]), { color, toolVersion: toolVersion() }));
  }
  if (result.errorCount > 0 || result.diagnostics.some((d) => d.ruleId.startsWith('internal/') || d.ruleId === 'input/too-large')) {
    return { ok: false, code: result.diagnostics.some((d) => d.ruleId.startsWith('internal/') || d.ruleId === 'input/too-large') ? 2 : 1 };
  }
  return { ok: true, result };
}

export function write(p: Parsed, io: Io, text: string): void {
  const output = str(p, 'output');
  if (output) io.writeFile(output, text);
  else io.stdout(text);
}
