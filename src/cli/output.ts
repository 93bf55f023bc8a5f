/** Where a command's output goes (stdout, or `-o FILE`), and the findings it prints on stderr. */
import {
  BudgetError,
  buildReport,
  encodeUserData,
  FORMATTERS,
  launchTemplateData,
  ruleMeta,
  shouldColor,
  toReportResult,
  VERSION,
  visible,
  type Compiled,
  type DocumentResult,
} from '../index.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { bool, str, type Parsed } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

function identity(path: string): string | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? `${st.dev}:${st.ino}` : undefined;
}

/**
 * Refuses an output file that is one of the inputs (the same file under any name or link): brud never
 * writes over what it reads. Also refuses an empty -o.
 */
export function refuseOutputOverInput(p: Parsed, io: Io, command: string, inputs: readonly string[]): void {
  const output = str(p, 'output');
  if (output === undefined) return;
  if (output === '') throw new UsageError('-o needs a file name', command);
  const target = identity(resolve(io.cwd, output));
  if (target === undefined) return;
  const same = inputs.find((input) => identity(resolve(io.cwd, input)) === target);
  if (same !== undefined) throw new UsageError(`-o ${output} is the input ${same}: brud never writes over what it reads`, command);
}

export function write(p: Parsed, io: Io, text: string): void {
  const output = str(p, 'output');
  if (output) io.writeFile(output, text);
  else io.stdout(text);
}

/** Colour for stdout: never into a file. */
export function stdoutColor(p: Parsed, io: Io): boolean {
  return str(p, 'output') ? false : shouldColor(bool(p, 'color'), io.env, io.stdoutIsTTY);
}

/** The errors and warnings of documents a command reads, on stderr as `brud check` prints them. */
export function printFindings(io: Io, p: Parsed, results: ReadonlyArray<{ result: DocumentResult; path: string }>): void {
  const shown = results
    .map(({ result, path }) => toReportResult({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity !== 'info') }, path))
    .filter((r) => r.diagnostics.length > 0);
  if (shown.length === 0) return;
  const color = shouldColor(bool(p, 'color'), io.env, false);
  io.stderr(FORMATTERS.text!(buildReport(shown).report, { color, toolVersion: VERSION, rules: ruleMeta }));
}

export type EmitForm = 'toml' | 'json' | 'base64' | 'launch-template';

/** Compiled user-data in the form asked for. Over EC2's size limit it is refused with the reason. */
export function userDataText(
  compiled: Compiled,
  emit: EmitForm,
  gzip: boolean,
): { ok: true; text: string } | { ok: false; reason: string } {
  if (emit === 'toml' || emit === 'json') return { ok: true, text: emit === 'toml' ? compiled.toml : compiled.json };
  try {
    const encoded = encodeUserData(compiled.toml, { gzip });
    return { ok: true, text: emit === 'base64' ? encoded.base64 + '\n' : launchTemplateData(encoded) };
  } catch (e) {
    if (e instanceof BudgetError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Writes compiled user-data; over EC2's size limit it writes nothing and returns 1 (`label` names the document). */
export function writeUserData(p: Parsed, io: Io, compiled: Compiled, form: { emit: EmitForm; gzip: boolean; label: string }): number {
  const out = userDataText(compiled, form.emit, form.gzip);
  if (!out.ok) {
    io.stderr(`brud: ${visible(form.label)}: ${out.reason}\n`);
    return 1;
  }
  write(p, io, out.text);
  return 0;
}
