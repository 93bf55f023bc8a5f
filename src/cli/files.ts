/**
 * Turning command-line operands into inputs: files, directories (every `*.toml` inside, sorted), glob
 * patterns (for shells that do not expand them, and for quoted patterns in CI), and `-` for stdin.
 * Paths are resolved against the working directory the CLI was given, and shown as written.
 *
 * Directory walks follow symbolic links to directories (each real directory once, so a link loop ends)
 * and skip, with a note, anything that is not a regular file: a FIFO named `x.toml` would block a read
 * forever.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, join, normalize, relative, resolve, sep } from 'node:path';
import { byteOrder, CONFIG_NAMES, globMatcher, isGlob, MAX_INPUT_BYTES } from '../index.js';

export type ReadResult = { bytes: Uint8Array } | { error: string } | { skipped: string };

export interface Input {
  /** Name shown in output. */
  name: string;
  /** A file (relative to the working directory), not stdin. */
  file: boolean;
  /** Reads the input now (files are read one at a time, when they are checked), or says why it cannot be read. */
  read: () => ReadResult;
  /** Found by walking a directory (not named): a file that turns out to hold no user-data is skipped. */
  discovered?: true;
}

function failed(name: string, error: string): Input {
  return { name, file: false, read: () => ({ error }) };
}

function skippedInput(name: string, kind: string): Input {
  return { name, file: false, read: () => ({ skipped: kind }) };
}

function fileInput(cwd: string, name: string): Input {
  return {
    name,
    file: true,
    read: () => {
      try {
        return { bytes: readFileCapped(resolve(cwd, name)) };
      } catch (e) {
        return { error: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message };
      }
    },
  };
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

interface Walk {
  root: string;
  files: string[];
  /** Entries that are not regular files, with what they are. */
  special: Array<{ path: string; kind: string }>;
  /** Real paths of the directories entered, so that a symlink loop ends. */
  visited: Set<string>;
}

/** One line of a .gitignore: whether it ignores (or, with `!`, keeps) a path relative to its directory. */
interface IgnoreRule {
  match: (rel: string) => boolean;
  negate: boolean;
  dirOnly: boolean;
}

/** The rules of a directory's .gitignore (git's syntax: `#` comments, `!` to keep, `/` to anchor, a trailing `/` for directories). */
function gitignoreRules(dir: string): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    // a pattern with a slash (other than at its end) is relative to the .gitignore; one without matches at any depth
    const anchored = line.includes('/');
    const glob = anchored ? line.replace(/^\//, '') : `**/${line}`;
    try {
      rules.push({ match: globMatcher(glob.replace(/\\([#! ])/g, '$1')), negate, dirOnly });
    } catch {
      // a pattern brud's globs cannot read is left out rather than guessed at
    }
  }
  return rules;
}

interface IgnoreScope {
  /** The directory of the .gitignore, relative to the walk's root. */
  dir: string;
  rules: IgnoreRule[];
}

/** Whether .gitignore files on the way to a path ignore it: the last matching rule decides, as in git. */
function ignored(scopes: readonly IgnoreScope[], path: string, isDir: boolean): boolean {
  let out = false;
  for (const scope of scopes) {
    const rel = relative(scope.dir, path).split(sep).join('/');
    for (const rule of scope.rules) if ((!rule.dirOnly || isDir) && rule.match(rel)) out = !rule.negate;
  }
  return out;
}

/** The .gitignore scopes inside a directory: those above it, and its own .gitignore if it has one. */
function withGitignore(scopes: readonly IgnoreScope[], root: string, dir: string): readonly IgnoreScope[] {
  const rules = gitignoreRules(resolve(root, dir));
  return rules.length > 0 ? [...scopes, { dir, rules }] : scopes;
}

function walk(w: Walk, dir: string, scopes: readonly IgnoreScope[] = []): void {
  const real = realpathSync(resolve(w.root, dir));
  if (w.visited.has(real)) return;
  w.visited.add(real);
  const here = withGitignore(scopes, w.root, dir);
  for (const entry of readdirSync(resolve(w.root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const st = entry.isSymbolicLink() ? statSync(resolve(w.root, path), { throwIfNoEntry: false }) : undefined;
    const isDir = entry.isDirectory() || st?.isDirectory() === true;
    if (ignored(here, path, isDir)) continue;
    if (isDir) {
      if (!SKIP_DIRS.has(entry.name)) walk(w, path, here);
    } else if (entry.isFile() || st?.isFile()) w.files.push(path);
    else if (st || !entry.isSymbolicLink()) w.special.push({ path, kind: kindOf(st ?? statSync(resolve(w.root, path))) });
  }
}

function walkFrom(root: string, dir: string): Walk {
  const w: Walk = { root, files: [], special: [], visited: new Set() };
  walk(w, dir);
  return w;
}

/** Something to wait on for a few milliseconds without a timer (readCapped is synchronous). */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads at most one byte more than brud accepts, so that an endless or huge input (/dev/zero, a pipe
 * that never ends) is refused without being read whole.
 */
export function readCapped(fd: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  // one buffer for every read: a fresh zero-filled 64 KB per file was 6 % of a bulk check and most of its GC
  const buf = (readBuffer ??= Buffer.allocUnsafe(64 * 1024));
  while (total <= MAX_INPUT_BYTES) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, Math.min(buf.length, MAX_INPUT_BYTES + 1 - total), null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        // a non-blocking pipe with nothing in it yet: wait a little instead of spinning on the CPU
        Atomics.wait(PAUSE, 0, 0, 5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

let readBuffer: Buffer | undefined;

function readFileCapped(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    return readCapped(fd);
  } finally {
    closeSync(fd);
  }
}

interface Expanded {
  files: string[];
  special: Array<{ path: string; kind: string }>;
}

function expandGlob(cwd: string, pattern: string): Expanded {
  const parts = pattern.split('/');
  const firstGlob = parts.findIndex(isGlob);
  const base = parts.slice(0, firstGlob).join('/') || '.';
  const matches = globMatcher(parts.slice(firstGlob).join('/')); // throws GlobError for a pattern that is not a glob
  let w: Walk;
  try {
    w = walkFrom(cwd, base);
  } catch {
    return { files: [], special: [] };
  }
  const shown = (f: string) => (base === '.' && !pattern.startsWith('./') ? relative('.', f) : f);
  const hit = (f: string) => matches(relative(base, f).split(sep).join('/'));
  return {
    files: w.files.filter(hit).map(shown),
    special: w.special.filter((s) => hit(s.path)).map((s) => ({ ...s, path: shown(s.path) })),
  };
}

export interface CollectOptions {
  cwd: string;
  readStdin: () => Uint8Array;
  stdinName: string;
  /** Whether directory and glob expansion skips a path (the config's `exclude`). */
  excluded?: (path: string) => boolean;
  /** A directory walk also finds the files user-data lives in: YAML, JSON and templates, not only *.toml. */
  hosts?: boolean;
  /** Counts the files a directory walk passed over (neither user-data nor a host format). */
  counts?: { other: number };
}

/**
 * Expands operands to inputs, sorted by name and without duplicates (so output does not depend on the
 * order files were named in); unreadable operands carry an error, skipped special files a note.
 */
export function collectInputs(operands: readonly string[], options: CollectOptions): Input[] {
  const { cwd, excluded = () => false } = options;
  const files = new Map<string, string>();
  const walked = new Set<string>();
  const inputs: Input[] = [];
  let stdinRead = false;
  for (const op of operands) {
    if (op === '-') {
      if (!stdinRead) {
        const bytes = options.readStdin();
        inputs.push({ name: options.stdinName, file: false, read: () => ({ bytes }) });
      }
      stdinRead = true;
      continue;
    }
    const expanded = expandOperand(cwd, op, excluded, options);
    if ('error' in expanded) inputs.push(failed(op, expanded.error));
    else {
      for (const f of expanded.files) if (!files.has(normalize(f))) files.set(normalize(f), f);
      for (const s of expanded.special) inputs.push(skippedInput(s.path, s.kind));
      if (expanded.walked) for (const f of expanded.files) walked.add(normalize(f));
    }
  }
  for (const f of files.values()) inputs.push(walked.has(normalize(f)) ? { ...fileInput(cwd, f), discovered: true } : fileInput(cwd, f));
  return inputs.sort((a, b) => byteOrder(a.name, b.name));
}

/** The files user-data lives in besides `*.toml`: manifests and templates (CloudFormation, Terraform JSON, Helm output…). */
const HOST_NAME = /\.(ya?ml|json|tpl|tftpl|tmpl)$/i;

/** User-data in a directory: `*.toml` files, but not brud's own config files; with `hosts`, host formats too. */
function isUserDataName(path: string, hosts: boolean): boolean {
  if (path.endsWith('.toml')) return !CONFIG_NAMES.includes(basename(path));
  return hosts && HOST_NAME.test(path);
}

/** The files one operand names: itself, the user-data files under a directory, or a glob's matches. */
function expandOperand(
  cwd: string,
  op: string,
  excluded: (path: string) => boolean,
  options: CollectOptions,
): (Expanded & { walked?: true }) | { error: string } {
  const stat = statSync(resolve(cwd, op), { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    const hosts = options.hosts === true;
    const w = walkFrom(cwd, op);
    const files = w.files.filter((f) => isUserDataName(f, hosts) && !excluded(f));
    const special = w.special.filter((s) => isUserDataName(s.path, hosts) && !excluded(s.path));
    if (options.counts) options.counts.other += w.files.filter((f) => !isUserDataName(f, hosts) && !excluded(f)).length;
    const what = hosts ? 'user-data files (*.toml, *.yaml, *.yml, *.json, *.tpl)' : '*.toml files';
    return files.length + special.length > 0 ? { files, special, walked: true } : { error: `the directory holds no ${what}` };
  }
  if (stat) return { files: [op], special: [] };
  if (!isGlob(op)) return { error: 'no such file or directory' };
  try {
    const matched = expandGlob(cwd, op);
    const files = matched.files.filter((f) => !excluded(f));
    const special = matched.special.filter((s) => !excluded(s.path));
    return files.length + special.length > 0 ? { files, special } : { error: 'no files match this pattern' };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
