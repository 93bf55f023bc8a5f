// Shared paths and helpers for the test suite (compiled to dist/test, run with node --test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** The repository root (tests run from dist/test). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');
export const GOLDEN = join(FIXTURES, 'golden');
const BIN = join(ROOT, 'bin', 'brud.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (`node bin/brud.js …`) from the repository root, without a terminal and with
 * colour variables cleared unless the test sets them.
 */
export function runCli(args: string[], opts: { stdin?: string | Uint8Array; env?: Record<string, string>; cwd?: string } = {}): CliRun {
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
  });
  if (res.error) throw res.error;
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/**
 * Compares output with a golden file under fixtures/golden. `UPDATE_GOLDEN=1 npm test` rewrites the
 * golden files; review the diff before committing it.
 */
export function assertGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file fixtures/golden/${name} is missing (run UPDATE_GOLDEN=1 npm test to create it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from fixtures/golden/${name}`);
}
