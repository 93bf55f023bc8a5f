// bin/brud.js prints `brud`, `brud --help` and `brud --version` from text the build wrote beside the
// bundle, without loading the program: the text, stream and exit status must be the program's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, spawnCli } from './helpers.js';

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
