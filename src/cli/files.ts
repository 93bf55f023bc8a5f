/**
 * Turning command-line operands into inputs: files, directories (every `*.toml` inside, sorted), glob
 * patterns (for shells that do not expand them, and for quoted patterns in CI), and `-` for stdin.
 * Paths are resolved against the working directory the CLI was given, and shown as written.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join, normalize, relative, resolve, sep } from 'node:path';
import { byteOrder, CONFIG_NAMES, globToRegExp, MAX_INPUT_BYTES } from '../index.js';

export interface Input {
  /** Name shown in output. */
  name: string;
  bytes?: Uint8Array;
  /** Why the input could not be read. */
  error?: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(resolve(root, dir), { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(root, join(dir, entry.name), out);
    } else out.push(join(dir, entry.name));
  }
}

/**
 * Reads at most one byte more than brud accepts, so that an endless or huge input (/dev/zero, a pipe
 * that never ends) is refused without being read whole.
 */
export function readCapped(fd: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  while (total <= MAX_INPUT_BYTES) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, Math.min(buf.length, MAX_INPUT_BYTES + 1 - total), null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks);
}

function readFileCapped(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    return readCapped(fd);
  } finally {
    closeSync(fd);
  }
}

export function isGlob(s: string): boolean {
  return /[*?[]/.test(s);
}

function expandGlob(cwd: string, pattern: string): string[] {
  const parts = pattern.split('/');
  const firstGlob = parts.findIndex(isGlob);
  const base = parts.slice(0, firstGlob).join('/') || '.';
  const rest = parts.slice(firstGlob).join('/');
  const files: string[] = [];
  try {
    walk(cwd, base, files);
  } catch {
    return [];
  }
  const re = globToRegExp(rest); // throws GlobError for a pattern that is not a glob
  const matched = files.filter((f) => re.test(relative(base, f).split(sep).join('/')));
  return matched.map((f) => (base === '.' && !pattern.startsWith('./') ? relative('.', f) : f));
}

export interface CollectOptions {
  cwd: string;
  readStdin: () => Uint8Array;
  stdinName: string;
  /** Whether directory and glob expansion skips a path (the config's `exclude`). */
  excluded?: (path: string) => boolean;
}

/**
 * Expands operands to inputs, sorted by name and without duplicates (so output does not depend on the
 * order files were named in); unreadable operands carry an error.
 */
export function collectInputs(operands: readonly string[], options: CollectOptions): Input[] {
  const { cwd, excluded = () => false } = options;
  const files = new Map<string, string>();
  const inputs: Input[] = [];
  let stdinRead = false;
  const add = (f: string) => {
    const key = normalize(f);
    if (!files.has(key)) files.set(key, f);
  };
  for (const op of operands) {
    if (op === '-') {
      if (!stdinRead) inputs.push({ name: options.stdinName, bytes: options.readStdin() });
      stdinRead = true;
      continue;
    }
    const expanded = expandOperand(cwd, op, excluded);
    if ('error' in expanded) inputs.push({ name: op, error: expanded.error });
    else expanded.files.forEach(add);
  }
  for (const f of files.values()) {
    try {
      inputs.push({ name: f, bytes: readFileCapped(resolve(cwd, f)) });
    } catch (e) {
      inputs.push({ name: f, error: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message });
    }
  }
  return inputs.sort((a, b) => byteOrder(a.name, b.name));
}

/** The files one operand names: itself, the `*.toml` under a directory, or a glob's matches. */
function expandOperand(cwd: string, op: string, excluded: (path: string) => boolean): { files: string[] } | { error: string } {
  let stat;
  try {
    stat = statSync(resolve(cwd, op));
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) {
    const found: string[] = [];
    walk(cwd, op, found);
    // brud's own config files are not user-data
    const toml = found.filter((f) => f.endsWith('.toml') && !CONFIG_NAMES.includes(basename(f)) && !excluded(f));
    return toml.length > 0 ? { files: toml } : { error: 'the directory holds no *.toml files' };
  }
  if (stat) return { files: [op] };
  if (!isGlob(op)) return { error: 'no such file or directory' };
  try {
    const matched = expandGlob(cwd, op).filter((f) => !excluded(f));
    return matched.length > 0 ? { files: matched } : { error: 'no files match this pattern' };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
