// The README's pre-commit recipe, run by pre-commit itself (Debian's package; .ci/run installs it when
// the machine lacks it): the recipe's .pre-commit-config.yaml, pointed at this repository's commit
// instead of the published address, in a fresh repository with one good and one broken user-data file.
// pre-commit builds the hook's environment as it would for a user (npm install, npm pack, npm install -g
// of the tarball), so this also checks that `npm pack` prints nothing but the tarball's name. Both hooks
// run: brud-check fails on the broken file, brud-fmt rewrites the one out of layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT, tmpFiles } from '../helpers.js';

interface Config {
  repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string; files?: string }> }>;
}

test("the README's pre-commit recipe works as written, through pre-commit", () => {
  const found = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  assert.equal(found.status, 0, "pre-commit is installed (.ci/run installs Debian's package)");
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'the README has a .pre-commit-config.yaml recipe');
  const config = parse(block) as Config;
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  // the published address is not claimed yet: the same config, pointed at this clone's commit
  for (const r of config.repos) Object.assign(r, { repo: ROOT, rev: head });
  const broken = readFileSync(join(ROOT, 'examples', 'broken.toml'));
  const dir = tmpFiles({
    '.pre-commit-config.yaml': stringify(config),
    'nodes/good.toml': readFileSync(join(ROOT, 'examples', 'userdata.toml')),
    'nodes/bad.toml': broken,
    'nodes/ugly.toml': '[settings]\nmotd="x"   # kept\n',
    'elsewhere/not-user-data.toml': broken,
  });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  const env = { ...process.env, PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'brud-pre-commit-')), PRE_COMMIT_COLOR: 'never' };
  const run = spawnSync('pre-commit', ['run', '--all-files'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = run.stdout + run.stderr;
  assert.equal(run.status, 1, out);
  assert.match(out, /brud check \(Bottlerocket user-data\)\.+Failed/);
  assert.match(out, /^nodes\/bad\.toml:7:12: error: .*\[schema\/type\]$/m);
  assert.match(out, /3 documents checked/);
  assert.doesNotMatch(out, /elsewhere/);
  // brud-fmt rewrote the one file out of layout, so pre-commit fails it and leaves the change to add
  assert.match(out, /brud fmt \(Bottlerocket user-data layout\)\.+Failed/);
  assert.match(out, /files were modified by this hook/);
  assert.equal(readFileSync(join(dir, 'nodes', 'ugly.toml'), 'utf8'), '[settings]\nmotd = "x" # kept\n');
  // fixed, the hook passes
  writeFileSync(join(dir, 'nodes', 'bad.toml'), readFileSync(join(ROOT, 'examples', 'userdata.toml')));
  const again = spawnSync('pre-commit', ['run', '--all-files'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /brud check \(Bottlerocket user-data\)\.+Passed/);
  assert.match(again.stdout, /brud fmt \(Bottlerocket user-data layout\)\.+Passed/);
});
