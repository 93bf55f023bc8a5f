// The README is the front door: it opens with the two commands that work on a fresh clone, stays short,
// and sends readers to docs/ for the reference. (Its console examples are run by test/docs.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README opens with the set-up commands CI and new users run', async () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.equal(firstBlock, 'npm ci && npx brud check examples/userdata.toml\nnpm test\n');
  assert.ok(readme.indexOf('```sh') < readme.indexOf('\n## '), 'the commands come before any section');
  // CI runs both, the first on a tree that was never built (as a fresh clone is)
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  assert.match(ci, /\nnpm ci\nrm -rf dist\nnpx brud check examples\/userdata\.toml\nnpm test\n/);
});

test('the README links every page of docs/', () => {
  for (const page of readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')))
    assert.ok(readme.includes(`](docs/${page})`), `README links docs/${page}`);
});

test('the README stays a front door, not a manual (under 12 KB; the reference lives in docs/)', () => {
  assert.ok(Buffer.byteLength(readme) < 12 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
});
