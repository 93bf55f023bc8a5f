/**
 * The packed-tarball test (`npm run test:package`, a step of `.ci/run`): packs brud as `npm publish`
 * would, installs the tarball into an empty project without the network (dependencies come from npm's
 * cache, which `npm ci` filled), and uses it the three ways a user does: the `brud` executable, the
 * library from ESM and from CommonJS, and its types with tsc. Slower than the unit tests (packing
 * builds), so it is not part of `npm test`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = join(import.meta.dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'brud-package-'));
const project = join(work, 'project');

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const env = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };
  return spawnSync(command, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

interface PackEntry {
  filename: string;
  integrity: string;
  files: Array<{ path: string }>;
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [field: string]: unknown;
}

/**
 * A lockfile for a project that depends on the tarball alone: brud's runtime dependencies pinned as
 * brud's own lockfile pins them (with their integrity), so `npm ci --offline` takes every package from
 * npm's cache and asks no registry for anything, as a fresh `npm install` of a published brud resolves.
 */
function projectLock(entry: PackEntry): object {
  const root = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const spec = `file:../${entry.filename}`;
  const runtime = Object.entries(root.packages).filter(([path, e]) => path !== '' && !e.dev && !e.devOptional);
  return {
    name: 'uses-brud',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'uses-brud', version: '1.0.0', dependencies: { brud: spec } },
      'node_modules/brud': {
        version: manifest.version,
        resolved: spec,
        integrity: entry.integrity,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
      },
      ...Object.fromEntries(runtime),
    },
  };
}

let packed: PackEntry;
let installLog = '';

before(() => {
  const pack = run(NPM, ['pack', '--json', '--pack-destination', work], ROOT);
  assert.equal(pack.status, 0, pack.stderr);
  // stdout is the JSON and nothing else: the build reports on stderr
  packed = (JSON.parse(pack.stdout) as PackEntry[])[0]!;
  mkdirSync(project);
  const dependencies = { brud: `file:../${packed.filename}` };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-brud', version: '1.0.0', private: true, dependencies }) + '\n');
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(projectLock(packed), null, 2) + '\n');
  const install = run(NPM, ['ci', '--offline', '--no-audit', '--no-fund'], project);
  installLog = install.stdout + install.stderr;
  assert.equal(install.status, 0, installLog);
});

after(() => rmSync(work, { recursive: true, force: true }));

void test('the tarball holds the licence, the built program, its types, and no tests or source maps', () => {
  const paths = packed.files.map((f) => f.path);
  for (const needed of [
    'LICENSE',
    'README.md',
    'bin/brud.cjs',
    'dist/brud.cjs',
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'action.yml',
    'action/run.mjs',
    'dist/src/action/action.js',
  ])
    assert.ok(paths.includes(needed), `${needed} is packed`);
  assert.ok(paths.includes('src/generated/version.d.ts'), 'the #generated types the declarations import are packed');
  assert.deepEqual(
    paths.filter((p) => p.endsWith('.map') || p.startsWith('test/') || p.startsWith('dist/test/') || p.endsWith('.tsbuildinfo')),
    [],
  );
});

void test('installing the tarball runs no install script (npm does not warn about one)', () => {
  assert.doesNotMatch(installLog, /install-scripts|prepare/);
});

void test('the installed executable checks user-data and exits as documented', () => {
  const brud = join(project, 'node_modules', '.bin', 'brud');
  const broken = run(brud, ['check', join(ROOT, 'examples', 'broken.toml')], project);
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stdout, /\[schema\/type\]/);
  const clean = run(brud, ['check', join(ROOT, 'examples', 'userdata.toml')], project);
  assert.equal(clean.status, 0, clean.stderr + clean.stdout);
  assert.equal(run(brud, ['--version'], project).stdout.trim(), `brud ${packed.filename.replace(/^brud-|\.tgz$/g, '')}`);
});

void test('the GitHub Action runs from the installed package (uses: ./node_modules/brud), as built, without building', () => {
  writeFileSync(join(project, 'broken.toml'), readFileSync(join(ROOT, 'examples', 'broken.toml')));
  const summary = join(work, 'summary.md');
  writeFileSync(summary, '');
  const env = { ...process.env, GITHUB_WORKSPACE: project, GITHUB_STEP_SUMMARY: summary, INPUT_PATHS: 'broken.toml' };
  const r = spawnSync(process.execPath, [join(project, 'node_modules', 'brud', 'action', 'run.mjs')], {
    cwd: project,
    env,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^::error file=broken\.toml,line=7,col=12,/m);
  assert.match(readFileSync(summary, 'utf8'), /^### brud check: ✖ 3 errors and 0 warnings\n/);
});

const USE = `const [r] = brud.check('[settings.kubernetes]\\nmax-pods = "58"\\n');
console.log(r.errorCount, r.diagnostics[0].ruleId, r.diagnostics[0].pointer);`;

void test('the library loads with import (ESM)', () => {
  writeFileSync(join(project, 'esm.mjs'), `import * as brud from 'brud';\n${USE}\n`);
  const r = run(process.execPath, ['esm.mjs'], project);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '1 schema/type /settings/kubernetes/max-pods');
});

void test('the library loads with require() (CommonJS, Node 20.19+)', () => {
  writeFileSync(join(project, 'cjs.cjs'), `const brud = require('brud');\n${USE}\n`);
  const r = run(process.execPath, ['cjs.cjs'], project);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '1 schema/type /settings/kubernetes/max-pods');
  assert.doesNotMatch(r.stderr, /ExperimentalWarning|ERR_REQUIRE/);
});

void test('the types resolve and check with tsc, from ESM and CommonJS (NodeNext, strict)', () => {
  const code = `const results: DocumentResult[] = check('[settings]\\n', { variant: 'aws-k8s-1.31' });
const first: Diagnostic | undefined = results[0]?.diagnostics[0];
const p: Plan = plan('[settings.kubernetes]\\ncluster-name = "a"\\n');
const c: Compiled = compile(results[0]!);
export const out = [first?.ruleId, p.stages.length, c.toml.length];
// @ts-expect-error: an unknown option is a type error
check('', { varient: 'x' });
`;
  writeFileSync(
    join(project, 'esm.mts'),
    `import { check, compile, plan, type Compiled, type Diagnostic, type DocumentResult, type Plan } from 'brud';\n${code}`,
  );
  writeFileSync(
    join(project, 'cjs.cts'),
    `import brud = require('brud');\nimport type { Compiled, Diagnostic, DocumentResult, Plan } from 'brud';\nconst { check, compile, plan } = brud;\n${code}`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] },
      files: ['esm.mts', 'cjs.cts'],
    }),
  );
  const tsc = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
