/**
 * Turning command-line operands into inputs: files, directories (every `*.toml` inside, sorted), glob
 * patterns (for shells that do not expand them, and for quoted patterns in CI), and `-` for stdin.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { globToRegExp } from '../glob.js';

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

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
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
  const re = globToRegExp(rest);
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
  const inputs: Input[] = [];
  for (const op of operands) {
    if (op === '-') {
      inputs.push({ name: stdinName, bytes: readStdin() });
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
      const toml = found.filter((f) => f.endsWith('.toml') && !excluded(f));
      if (toml.length === 0) inputs.push({ name: op, error: 'the directory holds no *.toml files' });
      toml.forEach((f) => files.add(f));
    } else if (stat) files.add(op);
    else if (isGlob(op)) {
      const matched = expandGlob(op).filter((f) => !excluded(f));
      if (matched.length === 0) inputs.push({ name: op, error: 'no files match this pattern' });
      matched.forEach((f) => files.add(f));
    } else inputs.push({ name: op, error: 'no such file or directory' });
  }
  for (const f of files) {
    try {
      inputs.push({ name: f, bytes: readFileSync(f) });
    } catch (e) {
      inputs.push({ name: f, error: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message });
    }
  }
  return inputs.sort((a, b) => byteOrder(a.name, b.name));
}
