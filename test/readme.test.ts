// The README documents what the program prints: its help blocks are the real --help output, and its
// rule table lists exactly the rules brud has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/rules/registry.js';
import { ROOT, runCli } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README opens with the set-up commands CI and new users run', async () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.equal(firstBlock, 'npm ci && npx brud check examples/userdata.toml\nnpm test\n');
  // CI runs both, the first on a tree that was never built (as a fresh clone is)
  assert.match(
    readFileSync(join(ROOT, '.ci', 'run'), 'utf8'),
    /\nnpm ci\nrm -rf dist\nnpx brud check examples\/userdata\.toml\nnpm test\nnpm run gates\nnpm run test:package\n$/,
  );
});

for (const command of ['check', 'compile', 'plan', 'diff', 'merge', 'schema', 'explain']) {
  test(`the README shows the real output of "brud ${command} --help"`, async () => {
    const help = (await runCli([command, '--help'])).stdout;
    assert.ok(readme.includes('```text\n' + help + '```'), `README.md must contain the output of brud ${command} --help in a text block`);
  });
}

test('the README rule table lists every rule, and only those', async () => {
  const section = readme.slice(readme.indexOf('\n## Rules\n'), readme.indexOf('\n## ', readme.indexOf('\n## Rules\n') + 1));
  const listed = [...section.matchAll(/^\| `([a-z-]+\/[a-z-]+)` \|/gm)].map((m) => m[1]).sort();
  const known = RULES.map((r) => r.id).sort();
  assert.deepEqual(listed, known);
});
