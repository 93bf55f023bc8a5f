/**
 * `npm run bench`: brud's speed as ratios against `node -e 0` measured in the same rounds (the
 * machines are shared and noisy: only same-run comparisons mean anything), printed as one table.
 *
 *  1. cold start of every command on a typical 2 KB file, and of a check of a Karpenter manifest (the only
 *     run that loads the YAML parser), interleaved with `node -e 0` (median ratio);
 *  2. one process checking 10,000 varied files (generated from the real-world corpus, about 40 % with
 *     errors): files/s, peak RSS, and the floor (read + parse + validate alone, no brud code);
 *  3. taplo (@taplo/cli) linting the same 1,000 files with brud's schema, against brud;
 *  4. the 1 MB worst cases: one line of unknown keys, one huge key, 100,000 findings, in every format;
 *  5. the playground (bench/playground.ts): page size, and time to the first verdict in headless Chromium.
 *
 * Never asserts (speed is not a test). `npm run bench -- --check` runs a shorter round and fails when a
 * ratio is worse than bench/baseline.json by more than its tolerance (CI runs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { mutatedDocument, schemaDocument } from '../test/fuzz/generators.js';
import { playgroundFigures } from './playground.js';

const REPO = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const BIN = join(REPO, 'bin', 'brud.cjs');
const TYPICAL = join(REPO, 'fixtures', 'bench', 'typical.toml');
// a Karpenter manifest: the YAML parser is loaded for it, and only for it
const MANIFEST = join(REPO, 'fixtures', 'hosts', 'karpenter', 'nodepool-and-nodeclasses.yaml');
const PEAK = join(REPO, 'bench', 'peak-rss.cjs');
const CHECK = process.argv.includes('--check');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (CHECK ? 5 : 25));
const BULK = Number(process.env.BENCH_FILES ?? (CHECK ? 500 : 10_000));

interface Timed {
  ms: number;
  rssMb: number;
  status: number;
}

/** Runs node with args, measuring wall time and (through a preload) the child's peak RSS. */
function run(args: string[], opts: { input?: string } = {}): Timed {
  const rssFile = join(tmpdir(), `brud-bench-rss-${process.pid}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', PEAK, ...args], {
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'],
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    env: { ...process.env, BRUD_BENCH_RSS: rssFile },
  });
  const ms = performance.now() - t0;
  let rssMb: number;
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    rssMb = Number.NaN;
  }
  return { ms, rssMb, status: r.status ?? -1 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const work = mkdtempSync(join(tmpdir(), 'brud-bench-'));
const other = join(work, 'other.toml');
writeFileSync(other, readFileSync(TYPICAL, 'utf8').replace('max-pods = 110', 'max-pods = 58'));

const COLD: Record<string, string[]> = {
  'brud --help': [BIN, '--help'],
  'brud --version': [BIN, '--version'],
  'brud check (2 KB)': [BIN, 'check', TYPICAL],
  'brud check -f sarif': [BIN, 'check', '-f', 'sarif', TYPICAL],
  'brud check nodeclass.yaml (loads YAML)': [BIN, 'check', MANIFEST],
  'brud plan': [BIN, 'plan', TYPICAL],
  'brud compile --emit launch-template': [BIN, 'compile', '--emit', 'launch-template', TYPICAL],
  'brud diff': [BIN, 'diff', TYPICAL, other],
  'brud explain': [BIN, 'explain', 'kubernetes.max-pods'],
};

/** Cold start: each command against `node -e 0` in the same round, in a shuffled order per round. */
function coldRatios(): Record<string, { ms: number; ratio: number; rssMb: number }> {
  for (const args of Object.values(COLD)) run(args); // warm the file cache (and write the code cache)
  const ratios: Record<string, number[]> = {};
  const times: Record<string, number[]> = {};
  const rss: Record<string, number[]> = {};
  const base: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(COLD).sort(() => Math.random() - 0.5);
    const b = run(['-e', '0']).ms;
    base.push(b);
    for (const name of names) {
      const t = run(COLD[name]!);
      (ratios[name] ??= []).push(t.ms / b);
      (times[name] ??= []).push(t.ms);
      (rss[name] ??= []).push(t.rssMb);
    }
  }
  const out: Record<string, { ms: number; ratio: number; rssMb: number }> = {
    'node -e 0': { ms: median(base), ratio: 1, rssMb: Number.NaN },
  };
  for (const name of Object.keys(COLD)) out[name] = { ms: median(times[name]!), ratio: median(ratios[name]!), rssMb: median(rss[name]!) };
  return out;
}

/** Varied files: mutations of the real-world corpus and documents written from the schema (seeded). */
function writeVaried(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const docs = [
    ...fc.sample(mutatedDocument, { numRuns: Math.ceil(n / 2), seed: 42 }),
    ...fc.sample(schemaDocument, { numRuns: Math.floor(n / 2), seed: 43 }),
  ];
  docs.forEach((text, i) => writeFileSync(join(dir, `node-${String(i).padStart(5, '0')}.toml`), text));
}

const FLOOR = `
const { readFileSync, readdirSync } = require('node:fs');
(async () => {
  const { parseTomlText } = await import(${JSON.stringify(join(REPO, 'dist/src/parse/toml.js'))});
  const { toJsonValue } = await import(${JSON.stringify(join(REPO, 'dist/src/validate/json-input.js'))});
  const validate = (await import(${JSON.stringify(join(REPO, 'dist/generated/validate-userdata.js'))})).default;
  const dir = process.argv[1];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const f of readdirSync(dir)) {
    let text;
    try { text = decoder.decode(readFileSync(dir + '/' + f)); } catch { continue; }
    const r = parseTomlText(text);
    if (r.ok) validate(toJsonValue(r.parsed.value));
  }
})();
`;

function bulk(dir: string, n: number): { brud: Timed; floor: Timed; filesPerSecond: number; floorPerSecond: number } {
  const brud = median3(() => run([BIN, 'check', '-f', 'json', '-o', join(work, 'bulk.json'), dir]));
  const floor = median3(() => run(['-e', FLOOR, dir]));
  return { brud, floor, filesPerSecond: n / (brud.ms / 1000), floorPerSecond: n / (floor.ms / 1000) };
}

/** The median of three runs (one in --check mode, which CI runs: its tolerance absorbs the noise). */
function median3(f: () => Timed): Timed {
  if (CHECK) return f();
  const runs = [f(), f(), f()].sort((a, b) => a.ms - b.ms);
  return runs[1]!;
}

function taplo(dir: string): { taploMs: number; brudMs: number } | undefined {
  const cli = join(REPO, 'node_modules', '@taplo', 'cli', 'dist', 'cli.js');
  const schema = join(work, 'schema.json');
  writeFileSync(schema, spawnSync(process.execPath, [BIN, 'schema', '--variant', 'aws-k8s-1.31'], { encoding: 'utf8' }).stdout);
  const files = Array.from({ length: 1000 }, (_, i) => join(dir, `node-${String(i).padStart(5, '0')}.toml`));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'lint', '--no-auto-config', '--schema', `file://${schema}`, ...files], { stdio: 'ignore' });
  const taploMs = performance.now() - t0;
  if (r.error) return undefined;
  const t1 = performance.now();
  spawnSync(process.execPath, [BIN, 'check', '--variant', 'aws-k8s-1.31', ...files], { stdio: 'ignore' });
  return { taploMs, brudMs: performance.now() - t1 };
}

/** 1 MB inputs shaped for the worst case. */
function worstCases(): Array<{ name: string; format: string; ms: number; rssMb: number; status: number }> {
  const MB = 1024 * 1024 - 64;
  const unknownLines: string[] = ['[settings.kubernetes]'];
  for (let i = 0, size = 0; size < MB; i++) {
    const line = `bad-key-${i} = ${i}`;
    unknownLines.push(line);
    size += line.length + 1;
  }
  const oneLine = `[settings]\nkubernetes = { ${Array.from({ length: 60_000 }, (_, i) => `x${i}=1`).join(', ')} }\n`
    .slice(0, MB)
    .replace(/, [^,]*$/, ' }\n');
  const cases: Record<string, string> = {
    '1 MB of unknown keys': unknownLines.join('\n') + '\n',
    'one 1 MB line of unknown keys': oneLine,
    'one huge key (1 MB)': `[settings]\n${'k'.repeat(MB - 20)} = 1\n`,
    '100,000 findings (sysctl values)':
      `[settings.kernel.sysctl]\n${Array.from({ length: 100_000 }, (_, i) => `"k${i}" = ${i % 10}`).join('\n')}\n`
        .slice(0, MB)
        .replace(/\n[^\n]*$/, '\n'),
  };
  const out: Array<{ name: string; format: string; ms: number; rssMb: number; status: number }> = [];
  for (const [name, text] of Object.entries(cases)) {
    const file = join(work, `${name.replace(/\W+/g, '-')}.toml`);
    writeFileSync(file, text);
    for (const format of ['text', 'json', 'sarif', 'github', 'junit']) {
      const t = run([BIN, 'check', '-f', format, '-o', join(work, 'worst.out'), file]);
      out.push({ name, format, ms: t.ms, rssMb: t.rssMb, status: t.status });
    }
  }
  return out;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';

try {
  const cold = coldRatios();
  const bulkDir = join(work, 'bulk');
  writeVaried(bulkDir, BULK);
  const b = bulk(bulkDir, BULK);
  const t = CHECK ? undefined : taplo(bulkDir);
  const worst = CHECK ? [] : worstCases();
  const pg = CHECK ? undefined : await playgroundFigures(REPO);

  const lines: string[] = [];
  lines.push(
    `brud bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  lines.push('', '| cold start (median of ' + ROUNDS + ' interleaved rounds) | ms | × node -e 0 | peak RSS MB |', '|---|---:|---:|---:|');
  for (const [name, c] of Object.entries(cold)) lines.push(`| ${name} | ${fmt(c.ms)} | ${fmt(c.ratio, 2)} | ${fmt(c.rssMb)} |`);
  lines.push('', `| bulk: ${fmt(BULK)} varied files in one process | ms | files/s | peak RSS MB |`, '|---|---:|---:|---:|');
  lines.push(`| brud check | ${fmt(b.brud.ms)} | ${fmt(b.filesPerSecond)} | ${fmt(b.brud.rssMb)} |`);
  lines.push(`| floor: read, parse, validate (no brud code) | ${fmt(b.floor.ms)} | ${fmt(b.floorPerSecond)} | ${fmt(b.floor.rssMb)} |`);
  lines.push(`| brud / floor | ${fmt(b.brud.ms / b.floor.ms, 2)}× | | |`);
  if (t)
    lines.push(
      `| taplo lint, 1,000 of the files (brud ${fmt(t.brudMs)} ms) | ${fmt(t.taploMs)} | brud is ${fmt(t.taploMs / t.brudMs, 1)}× faster | |`,
    );
  if (worst.length > 0) {
    lines.push('', '| 1 MB worst case | format | ms | peak RSS MB | exit |', '|---|---|---:|---:|---:|');
    for (const w of worst) lines.push(`| ${w.name} | ${w.format} | ${fmt(w.ms)} | ${fmt(w.rssMb)} | ${w.status} |`);
  }
  if (pg) {
    const verdict = pg.firstVerdictMs === undefined ? 'no /usr/bin/chromium' : `${fmt(pg.firstVerdictMs)} ms (median of ${pg.loads} loads)`;
    lines.push(
      '',
      '| playground (web/dist/index.html) | page KB | gzipped KB | first verdict, headless Chromium |',
      '|---|---:|---:|---:|',
    );
    lines.push(`| one file, all inline | ${fmt(pg.bytes / 1024)} | ${fmt(pg.gzipBytes / 1024)} | ${verdict} |`);
  }
  console.log(lines.join('\n'));

  const measured: Record<string, number> = Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, v.ratio]));
  measured['bulk brud/floor'] = b.brud.ms / b.floor.ms;
  const writing = process.argv.includes('--write-baseline');
  if (CHECK && !writing) {
    const baseline = JSON.parse(readFileSync(join(REPO, 'bench', 'baseline.json'), 'utf8')) as {
      tolerance: number;
      ratios: Record<string, number>;
    };
    const worse = Object.entries(baseline.ratios).filter(([k, v]) => (measured[k] ?? 0) > v * baseline.tolerance);
    for (const [k, v] of worse)
      console.log(`REGRESSION: ${k} is ${fmt(measured[k]!, 2)}× (baseline ${fmt(v, 2)}×, tolerance ${baseline.tolerance}×)`);
    if (worse.length === 0) console.log(`no ratio is worse than bench/baseline.json by more than ${baseline.tolerance}×`);
    process.exitCode = worse.length > 0 ? 1 : 0;
  }
  if (writing) {
    writeFileSync(join(REPO, 'bench', 'baseline.json'), JSON.stringify({ tolerance: 1.5, ratios: measured }, null, 2) + '\n');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
