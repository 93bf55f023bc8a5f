// bin/brud.cjs prints `brud`, `brud --help` and `brud --version` from text the build wrote beside the
// bundle, without loading the program: the text, stream and exit status must be the program's own.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli, spawnCli, tmpFiles } from './helpers.js';

test('the launcher prints help and version exactly as the program does, without loading it', async () => {
  for (const args of [[], ['--help'], ['-h'], ['help'], ['--version'], ['-v']]) {
    const inProcess = await runCli(args);
    const launched = spawnCli(args);
    assert.equal(launched.status, inProcess.status, args.join(' '));
    assert.equal(launched.stdout, inProcess.stdout, args.join(' '));
    assert.equal(launched.stderr, inProcess.stderr, args.join(' '));
  }
  // the same text is what the build stored for the launcher (so the quick path is the one tested above)
  const stored = JSON.parse(readFileSync(join(ROOT, 'dist', 'brud.json'), 'utf8')) as { help: string; version: string };
  assert.equal(stored.help, (await runCli(['--help'])).stdout);
  assert.equal(stored.version, (await runCli(['--version'])).stdout);
  // anything else still runs the program
  assert.equal(spawnCli(['help', 'check']).stdout, (await runCli(['help', 'check'])).stdout);
  assert.equal(spawnCli(['--help', 'extra']).status, 0);
});

test('a run whose files all parse never loads toml-eslint-parser; a syntax error loads it for its message', async () => {
  // a preload that says on stderr when toml-eslint-parser is required
  const dir = tmpFiles({
    'hook.cjs':
      "const Module = require('node:module');\nconst load = Module._load;\n" +
      "Module._load = function (request, ...rest) {\n  if (request === 'toml-eslint-parser') require('node:fs').writeSync(2, 'LOADED ' + request + '\\n');\n" +
      '  return load.call(this, request, ...rest);\n};\n',
    'clean.toml': '[settings.kubernetes]\ncluster-name = "a"\n',
    'broken.toml': '[settings.kubernetes]\ncluster-name = "a\n',
  });
  const env = { NODE_OPTIONS: `--require ${join(dir, 'hook.cjs')}` };
  const clean = spawnCli(['check', '--variant', 'aws-k8s-1.31', join(dir, 'clean.toml')], { env });
  assert.equal(clean.status, 0, clean.stderr);
  assert.doesNotMatch(clean.stderr, /LOADED/);
  const broken = spawnCli(['check', '-f', 'json', '--variant', 'aws-k8s-1.31', join(dir, 'broken.toml')], { env });
  assert.match(broken.stderr, /LOADED toml-eslint-parser/);
  // the message is toml-eslint-parser's, as the library (which imports it eagerly) gives it
  const inProcess = await runCli(['check', '-f', 'json', '--variant', 'aws-k8s-1.31', join(dir, 'broken.toml')]);
  assert.equal(broken.status, 1);
  assert.equal(broken.stdout, inProcess.stdout);
  assert.match(broken.stdout, /"ruleId": "parse\/syntax"/);
});

test('a check whose output goes to a pipe or to /dev/null never loads node:tty', () => {
  const dir = tmpFiles({
    'hook.cjs':
      "process.on('exit', () => { if (process.moduleLoadList.includes('NativeModule tty')) process.stderr.write('LOADED tty\\n'); });\n",
    'clean.toml': '[settings.kubernetes]\ncluster-name = "a"\n',
  });
  const env = { NODE_OPTIONS: `--require ${join(dir, 'hook.cjs')}` };
  const piped = spawnCli(['check', '--variant', 'aws-k8s-1.31', join(dir, 'clean.toml')], { env });
  assert.equal(piped.status, 0, piped.stderr);
  assert.match(piped.stdout, /no problems/);
  assert.doesNotMatch(piped.stderr, /LOADED/);
  const discarded = spawnSync(process.execPath, [BIN, 'check', '--variant', 'aws-k8s-1.31', join(dir, 'clean.toml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.equal(discarded.status, 0, discarded.stderr);
  assert.doesNotMatch(discarded.stderr, /LOADED/);
  // the hook itself sees node:tty when something loads it
  const loaded = spawnCli(['check', '--variant', 'aws-k8s-1.31', join(dir, 'clean.toml')], {
    env: { NODE_OPTIONS: `${env.NODE_OPTIONS} --require node:tty` },
  });
  assert.match(loaded.stderr, /LOADED tty/);
});

test('the launcher writes a code cache named for its bundle and Node, and removes the stale ones', (t) => {
  if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function') return t.skip("Node's own compile cache");
  const dir = mkdtempSync(join(tmpdir(), 'brud-launcher-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist', 'cache'), { recursive: true });
  copyFileSync(BIN, join(dir, 'bin', 'brud.cjs'));
  for (const f of ['brud.cjs', 'brud.json']) copyFileSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
  writeFileSync(join(dir, 'dist', 'cache', 'brud-0123456789abcdef-v0.0.0-x64.bin'), 'stale');
  writeFileSync(join(dir, 'clean.toml'), '[settings.kubernetes]\ncluster-name = "a"\n');
  const { id } = JSON.parse(readFileSync(join(dir, 'dist', 'brud.json'), 'utf8')) as { id: string };
  const run = () =>
    spawnSync(process.execPath, [join(dir, 'bin', 'brud.cjs'), 'check', '--variant', 'aws-k8s-1.31', join(dir, 'clean.toml')], {
      encoding: 'utf8',
    });
  const first = run();
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(readdirSync(join(dir, 'dist', 'cache')), [`brud-${id}-${process.version}-${process.arch}.bin`]);
  const second = run();
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stdout, first.stdout);
});
