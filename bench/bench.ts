/**
 * `npm run bench`: start-up cost and throughput of the real CLI, as ratios against `node -e 0` measured
 * in the same rounds (the machines are shared and noisy: only same-run comparisons mean anything).
 *
 *  1. cold `brud check` of a typical 2 KB file, and `brud --help`, interleaved with `node -e 0`;
 *  2. one process checking 1,000 such files.
 * Prints medians; never asserts (speed is not a test).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const BIN = join(REPO_ROOT, 'bin', 'brud.js');
const TYPICAL = join(REPO_ROOT, 'fixtures', 'bench', 'typical.toml');

function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const commands: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'brud check typical.toml': [BIN, 'check', TYPICAL],
  'brud --help': [BIN, '--help'],
};

// warm the file cache once
for (const args of Object.values(commands)) time(args);

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const diffs: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = Object.keys(commands).sort(() => Math.random() - 0.5);
  const t: Record<string, number> = {};
  for (const name of order) t[name] = time(commands[name]!);
  for (const name of order) {
    samples[name]!.push(t[name]!);
    diffs[name]!.push(t[name]! - t['node -e 0']!);
  }
}

const base = median(samples['node -e 0']!);
console.log(`cold start, ${ROUNDS} interleaved rounds (median)`);
for (const name of Object.keys(commands)) {
  const m = median(samples[name]!);
  const d = median(diffs[name]!);
  console.log(
    `  ${name.padEnd(26)} ${m.toFixed(1).padStart(7)} ms   ${name === 'node -e 0' ? '  baseline' : `+${d.toFixed(1)} ms vs node -e 0, ratio ${(m / base).toFixed(2)}`}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'brud-bench-'));
try {
  mkdirSync(join(dir, 'files'));
  for (let i = 0; i < 1000; i++) copyFileSync(TYPICAL, join(dir, 'files', `node-${String(i).padStart(4, '0')}.toml`));
  const runs = [0, 1, 2].map(() => time([BIN, 'check', '--format', 'json', '-o', join(dir, 'out.json'), join(dir, 'files')]));
  const wall = median(runs);
  console.log(`throughput: 1,000 files in one process`);
  console.log(
    `  ${wall.toFixed(0)} ms wall (median of 3, start-up included), ${(1000 / (wall / 1000)).toFixed(0)} files/s, ratio ${(wall / base).toFixed(1)} × node -e 0`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
