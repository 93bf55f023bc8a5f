// Shared paths and helpers for the test suite (compiled to dist/test, run with node --test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { checkOne, type CheckOptions, type DocumentResult } from '../src/index.js';

/** The repository root (tests run from dist/test). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');
export const GOLDEN = join(FIXTURES, 'golden');
export const BIN = join(ROOT, 'bin', 'brud.cjs');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** Files the run wrote with -o, by the path it was given. */
  files: Map<string, string>;
}

export interface RunOptions {
  stdin?: string | Uint8Array;
  env?: Record<string, string>;
  cwd?: string;
  /** Whether stdout is a terminal (for colour). */
  tty?: boolean;
}

/**
 * Runs the CLI in-process through `main(argv, io)`, from the repository root unless `cwd` says
 * otherwise, without a terminal and without colour variables unless the test sets them. Files named by
 * -o are written for real (tests read them back) and also recorded in `files`.
 */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const cwd = opts.cwd ?? ROOT;
  const stdin =
    opts.stdin === undefined ? new Uint8Array() : typeof opts.stdin === 'string' ? new TextEncoder().encode(opts.stdin) : opts.stdin;
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => stdin,
    writeFile: (path, text) => {
      writeFileSync(resolve(cwd, path), text);
      files.set(path, text);
    },
    env: { ...(opts.env ?? {}) },
    stdoutIsTTY: opts.tty === true,
    cwd,
  };
  const status = await main(args, io);
  return { status, stdout, stderr, files };
}

/** Runs the real executable (`node bin/brud.cjs …`): for what only a process shows (exit codes, stdin, pipes). */
export function spawnCli(args: string[], opts: Omit<RunOptions, 'tty'> & { timeout?: number } = {}): Omit<CliRun, 'files'> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.BRUD_DEBUG;
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.stdin,
    env: { ...env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.timeout ? { timeout: opts.timeout } : {}),
  });
  if (res.error) throw res.error;
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** A fresh temporary directory holding the given files (name → content). */
export function tmpFiles(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brud-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/**
 * Compares output with a golden file under fixtures/golden. `UPDATE_GOLDEN=1 npm test` rewrites the
 * golden files (refused under CI, so a leaked variable cannot make the suite vacuous); review the diff
 * before committing it.
 */
export function assertGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    assert.ok(!process.env.CI, 'UPDATE_GOLDEN is refused when CI is set');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file fixtures/golden/${name} is missing (run UPDATE_GOLDEN=1 npm test to create it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from fixtures/golden/${name}`);
}

/** Checks TOML text through the library, as the CLI would a file of that name. */
export function checkText(name: string, text: string, options: CheckOptions = {}): DocumentResult {
  return checkOne(text, { name, ...options });
}
