// The package as npm publishes it: licence, metadata, no install scripts. Packing and installing the
// tarball is `npm run test:package` (scripts/test-package.ts, a step of .ci/run), too slow for npm test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISSUES_URL, PROJECT_URL } from '../src/index.js';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { ROOT } from './helpers.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('LICENSE holds the Apache License 2.0 that package.json declares', () => {
  assert.equal(manifest.license, 'Apache-2.0');
  const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  assert.match(text, /^\s*Apache License\s+Version 2\.0, January 2004/);
  assert.match(text, /END OF TERMS AND CONDITIONS/);
  assert.ok(manifest.files.includes('LICENSE'));
});

test('package.json names the same (placeholder) address as the program, and says it is a placeholder', () => {
  assert.equal(manifest.bugs.url, ISSUES_URL);
  assert.equal(manifest.homepage, `${PROJECT_URL}#readme`);
  assert.equal(manifest.repository.url, `git+${PROJECT_URL}.git`);
  assert.match(manifest['//'], /PLACEHOLDER/);
});

test('no install-time script: the build runs before packing (prepack), not on every install', () => {
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(manifest.scripts[hook], undefined, hook);
  assert.match(manifest.scripts.prepack, /npm run build/);
  assert.match(manifest.scripts.prepack, /build:types/);
  assert.ok(manifest.files.includes('!dist/**/*.map'), 'source maps stay out of the tarball');
});

test('an internal error names where to report it', async () => {
  let stderr = '';
  const io: Io = {
    stdout: () => {
      throw new Error('boom');
    },
    stderr: (t) => void (stderr += t),
    readStdin: () => new Uint8Array(),
    writeFile: () => undefined,
    env: {},
    stdoutIsTTY: false,
    cwd: ROOT,
  };
  assert.equal(await main(['--version'], io), 2);
  assert.equal(stderr, `brud: internal error: boom\nSet BRUD_DEBUG=1 for details, and please report it at ${ISSUES_URL}\n`);
});
