/**
 * Commands that turn one document into something (compile, plan, diff) share this: read an operand
 * (a file, "-" for stdin, base64/gzip user-data, launch-template JSON, where `lt.json#3` or --lt-version
 * picks a version), check it, and print its findings to stderr.
 */
import type * as NodeChildProcess from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkOne,
  MAX_INPUT_BYTES,
  InputError,
  isHostFormat,
  loadHostFormats,
  visible,
  WRAPPER_NAMES,
  wrap,
  type DocumentResult,
  type Wrapped,
} from '../index.js';
import { nonNegativeInt, oneOf, str, type OptionSpec, type Parsed } from './args.js';
import { UsageError } from './errors.js';
import { collectInputs, type Input, type ReadResult } from './files.js';
import type { Io } from './io.js';
import { printFindings, refuseOutputOverInput } from './output.js';
import { TARGET_OPTIONS, type ResolvedTarget } from './target-options.js';

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

export type Loaded = { ok: true; result: DocumentResult; path: string } | { ok: false; code: number };

/**
 * `lt.json#3` names version 3 of a launch-template listing, `nodeclass.yaml#EC2NodeClass/gpu` one
 * document of a manifest, unless a file has that very name.
 */
function splitVersion(operand: string, cwd: string): { name: string; version?: number; document?: string } {
  const suffix = /^(.*?)#(.+)$/.exec(operand);
  if (!suffix || existsSync(resolve(cwd, operand)) || !existsSync(resolve(cwd, suffix[1]!))) return { name: operand };
  return /^\d+$/.test(suffix[2]!) ? { name: suffix[1]!, version: Number(suffix[2]) } : { name: suffix[1]!, document: suffix[2]! };
}

export interface OperandRequest {
  operand: string;
  command: string;
  target: ResolvedTarget;
  /** Return a document Bottlerocket would reject too (diff compares anything that parses). */
  allowErrors?: boolean;
}

/**
 * Reads and checks one operand. Unless `allowErrors`, a document Bottlerocket would reject stops the
 * command with exit 1.
 */
export async function checkOperand({ operand, command, target, allowErrors = false }: OperandRequest, p: Parsed, io: Io): Promise<Loaded> {
  const split = splitVersion(operand, io.cwd);
  const version = nonNegativeInt(p, 'lt-version', command) ?? split.version;
  const input = operandInput(split.name, { operand, command, target }, p, io);
  if (input.file) refuseOutputOverInput(p, io, command, [input.name]);
  const read = input.read();
  if (!('bytes' in read)) {
    io.stderr(`brud: cannot read ${visible(input.name)}: ${visible('error' in read ? read.error : `it is ${read.skipped}`)}\n`);
    return { ok: false, code: 2 };
  }
  const { options } = target.optionsFor(input.file ? input.name : '-');
  if (isHostFormat(read.bytes, input.name)) await loadHostFormats();
  const chosen = { ...(version !== undefined ? { version } : {}), ...(split.document !== undefined ? { document: split.document } : {}) };
  const result = checkOneOperand(read.bytes, { name: input.name, ...options, ...chosen }, command);
  printFindings(io, p, [{ result, path: input.name }]);
  const stop = stopCode(result, allowErrors);
  if (stop === 'empty') io.stderr(`brud: ${visible(result.file)} holds no user-data: there is nothing to ${command}\n`);
  if (stop === 'template') {
    const what = result.template!.directive ?? result.template!.unknown.join(', ');
    io.stderr(
      `brud: ${visible(result.file)} is a template (${visible(what)}): fill its placeholders with --var NAME=VALUE, or render it first\n`,
    );
  }
  return stop === undefined ? { ok: true, result, path: input.name } : { ok: false, code: typeof stop === 'number' ? stop : 1 };
}

/** Checks the one document an operand names; several without a choice is a usage error that lists them. */
function checkOneOperand(bytes: Uint8Array, options: Parameters<typeof checkOne>[1] & { name: string }, command: string): DocumentResult {
  try {
    return checkOne(bytes, options);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const how = e.message.includes('#') ? 'name one as it is named above' : `choose one with --lt-version N or ${options.name}#N`;
    throw new UsageError(`${e.message}; ${how}`, command);
  }
}

/** What an operand names: a git revision's file, stdin, or exactly one file. */
function operandInput(name: string, { operand, command, target }: Omit<OperandRequest, 'allowErrors'>, p: Parsed, io: Io): Input {
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const collect = { cwd: io.cwd, readStdin: io.readStdin, stdinName, excluded: target.excluded };
  return gitRevisionInput(name, io.cwd) ?? oneInput(collectInputs([name], collect), operand, command);
}

/**
 * `main:nodes/a.toml` (REV:PATH, as git writes it) is that file as the git revision has it, read with
 * `git cat-file`, when no file has that very name: what a reviewer compares with `brud diff main:f f`.
 * PATH is relative to the repository's top, or to the working directory when written `REV:./PATH`.
 */
function gitRevisionInput(operand: string, cwd: string): Input | undefined {
  // a revision never starts with "-" (an option to git) and a one-letter "C:" is a Windows drive;
  // the path may hold any character git allows, a newline too
  const spec = /^([^-:][^:]+):([\s\S]+)$/.exec(operand);
  if (!spec || existsSync(resolve(cwd, operand))) return undefined;
  return { name: operand, file: false, read: () => gitBlob(spec[1]!, spec[2]!, cwd) };
}

type Git = { ok: true; out: Buffer } | { ok: false; error: string };

function git(args: string[], cwd: string, maxBuffer = 16 * 1024 * 1024): Git {
  // loaded here only: node:child_process (with net and dgram) costs compile, plan and diff ~2 ms at start-up
  const { spawnSync }: typeof NodeChildProcess = process.getBuiltinModule('node:child_process');
  const r = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer, windowsHide: true });
  // one byte past the input limit is enough for the check to refuse it as too large
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOBUFS') return { ok: true, out: r.stdout };
  if (r.error) return { ok: false, error: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : r.error.message };
  if (r.status !== 0) {
    // the whole message: a path with a newline in it would cut the first line short (visible() escapes it)
    const why = r.stderr.toString('utf8').trim().slice(0, 500) || `git exited with ${r.status}`;
    return { ok: false, error: why.replace(/^fatal: /, '') };
  }
  return { ok: true, out: r.stdout };
}

/**
 * The file REV:PATH names, as `git cat-file blob` reads it, once git says it is one: a directory
 * (a tree) or a symbolic link (a blob whose tree entry has mode 120000, holding the link's target)
 * is said to be one, never parsed as user-data.
 */
function gitBlob(rev: string, path: string, cwd: string): ReadResult {
  const spec = `${rev}:${path}`;
  const type = git(['cat-file', '-t', spec], cwd);
  if (!type.ok) return { error: `git cat-file ${spec}: ${type.error}` };
  const kind = type.out.toString('utf8').trim();
  if (kind === 'tree') return { error: `${path} is a directory in ${rev}, not a file; name a file in it` };
  if (kind !== 'blob') return { error: `${path} is a ${kind} in ${rev}, not a file` };
  const link = symlinkTarget(rev, path, cwd);
  if (link !== undefined) return { error: `${path} is a symbolic link in ${rev} (to ${link}); name the file it points to` };
  const blob = git(['cat-file', 'blob', spec], cwd, MAX_INPUT_BYTES + 1);
  return blob.ok ? { bytes: blob.out } : { error: `git cat-file ${spec}: ${blob.error}` };
}

/** The target of PATH in REV when its tree entry is a symbolic link (mode 120000). */
function symlinkTarget(rev: string, path: string, cwd: string): string | undefined {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  const parent = `${rev}:${trimmed.slice(0, slash + 1)}`;
  const name = trimmed.slice(slash + 1);
  const listing = git(['ls-tree', '--full-tree', '-z', parent], cwd);
  if (!listing.ok) return undefined;
  const entry = listing.out
    .toString('utf8')
    .split('\0')
    .find((e) => e.startsWith('120000 ') && e.slice(e.indexOf('\t') + 1) === name);
  if (!entry) return undefined;
  const target = git(['cat-file', 'blob', entry.split(/\s/)[2]!], cwd);
  return target.ok ? target.out.toString('utf8') : '?';
}

/** The one input an operand names; a directory or glob that names several is a usage error, never a silent pick. */
function oneInput(inputs: readonly Input[], operand: string, command: string): Input {
  if (inputs.length > 1) {
    const names = inputs.slice(0, 3).map((i) => i.name);
    const listed = `${names.join(', ')}${inputs.length > 3 ? ', …' : ''}`;
    throw new UsageError(`${command} takes one document, but ${operand} names ${inputs.length} files (${listed}); name one file`, command);
  }
  return inputs[0]!;
}

/** Why a checked operand stops the command: not checked (2), rejected (1), or empty (nothing to work on). */
function stopCode(result: DocumentResult, allowErrors: boolean): 1 | 2 | 'empty' | 'template' | undefined {
  if (result.fatal) return 2;
  if (result.errorCount > 0 && !allowErrors) return 1;
  if (result.template) return 'template';
  if (result.document) return undefined;
  // no document: it did not parse, or it is empty user-data (or a launch-template version without any)
  if (result.errorCount > 0) return 2;
  return allowErrors ? undefined : 'empty';
}

export function wrapperOption(p: Parsed, command: string): string | undefined {
  return oneOf(p, 'wrapper', WRAPPER_NAMES, command);
}

/** The wrapper to apply: the one given, else the one the host file implies (a Karpenter or eksctl manifest). */
export function wrapperFor(given: string | undefined, result: DocumentResult): string | undefined {
  return given ?? result.host?.wrapper;
}

/** Applies a wrapper; its findings are printed (they point into the document), and a refusal stops the command. */
export function wrapOperand(
  loaded: { result: DocumentResult; path: string },
  wrapper: string,
  io: Io,
  p: Parsed,
): { ok: true; wrapped: Wrapped } | { ok: false; code: number } {
  const wrapped = wrap(loaded.result, wrapper);
  // the wrapper a manifest implies was part of the check, and its findings are printed already
  if (wrapper !== loaded.result.host?.wrapper) printFindings(io, p, [{ result: wrapped.findings, path: loaded.path }]);
  return wrapped.findings.errorCount > 0 ? { ok: false, code: 1 } : { ok: true, wrapped };
}
