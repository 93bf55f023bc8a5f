/**
 * Turning command-line operands into inputs: files, directories (every `*.toml` inside, sorted), glob
 * patterns (for shells that do not expand them, and for quoted patterns in CI), and `-` for stdin.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join, normalize, relative, sep } from 'node:path';
import { MAX_INPUT_BYTES } from '../parse/input.js';
import { CONFIG_NAMES } from '../config/names.js';
import { globToRegExp } from '../glob.js';
import { byteOrder } from '../order.js';

export interface Input {
  /** Name shown in output. */
  name: string;
  bytes?: Uint8Array;
  /** Why the input could not be read. */
  error?: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name), out);
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

function isGlob(s: string): boolean {
  return /[*?[]/.test(s);
}

function expandGlob(pattern: string): string[] {
  const parts = pattern.split('/');
  const firstGlob = parts.findIndex(isGlob);
  const base = parts.slice(0, firstGlob).join('/') || '.';
  const rest = parts.slice(firstGlob).join('/');
  let files: string[] = [];
  try {
    walk(base, files);
  } catch {
    return [];
  }
  const re = globToRegExp(rest); // throws GlobError for a pattern that is not a glob
  files = files.filter((f) => re.test(relative(base, f).split(sep).join('/')));
  return files.map((f) => (base === '.' && !pattern.startsWith('./') ? relative('.', f) : f));
}

/**
 * Expands operands to inputs, sorted by name and without duplicates (so output does not depend on the
 * order files were named in); unreadable operands carry an error. With `inOrder`, inputs keep the
 * command-line order instead (merge layers).
 */
export function collectInputs(
  operands: string[],
  readStdin: () => Uint8Array,
  stdinName: string,
  excluded: (path: string) => boolean = () => false,
  inOrder = false,
): Input[] {
  if (inOrder) return operands.flatMap((op) => collectInputs([op], readStdin, stdinName, excluded));
  const files = new Set<string>();
  const seen = new Set<string>();
  const inputs: Input[] = [];
  let stdinRead = false;
  const add = (f: string) => {
    const key = normalize(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.add(f);
    }
  };
  for (const op of operands) {
    if (op === '-') {
      if (!stdinRead) inputs.push({ name: stdinName, bytes: readStdin() });
      stdinRead = true;
      continue;
    }
    let stat;
    try {
      stat = statSync(op);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(op, found);
      // brud's own config files are not user-data
      const toml = found.filter((f) => f.endsWith('.toml') && !CONFIG_NAMES.includes(basename(f)) && !excluded(f));
      if (toml.length === 0) inputs.push({ name: op, error: 'the directory holds no *.toml files' });
      toml.forEach(add);
    } else if (stat) add(op);
    else if (isGlob(op)) {
      let matched: string[];
      try {
        matched = expandGlob(op).filter((f) => !excluded(f));
      } catch (e) {
        inputs.push({ name: op, error: (e as Error).message });
        continue;
      }
      if (matched.length === 0) inputs.push({ name: op, error: 'no files match this pattern' });
      matched.forEach(add);
    } else inputs.push({ name: op, error: 'no such file or directory' });
  }
  for (const f of files) {
    try {
      inputs.push({ name: f, bytes: readFileCapped(f) });
    } catch (e) {
      inputs.push({ name: f, error: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message });
    }
  }
  return inputs.sort((a, b) => byteOrder(a.name, b.name));
}
