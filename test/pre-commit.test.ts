// pre-commit (issue 12, item 3): the hook in .pre-commit-hooks.yaml, run the way pre-commit runs it: the
// files of the commit filtered by the hook's `types` and `exclude`, passed as arguments to its `entry`.
// (test/conformance/pre-commit.test.ts runs the README's recipe through pre-commit itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, spawnCli, tmpFiles } from './helpers.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types?: string[];
  files?: string;
  exclude?: string;
  pass_filenames?: boolean;
}

const HOOKS = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** pre-commit's selection: `files` and `exclude` are Python regular expressions searched in the path; `types: [toml]` is the extension. */
function selected(hook: Hook, paths: string[]): string[] {
  return paths.filter(
    (p) =>
      new RegExp(hook.files ?? '').test(p) &&
      !(hook.exclude !== undefined && new RegExp(hook.exclude).test(p)) &&
      (hook.types ?? []).every((t) => t === 'toml' && p.endsWith('.toml')),
  );
}

test('brud-check runs "brud check" on the commit\'s TOML files, not on brud.toml or .taplo.toml', () => {
  const hook = HOOKS.find((h) => h.id === 'brud-check')!;
  assert.equal(hook.language, 'node');
  assert.notEqual(hook.pass_filenames, false);
  const [program, ...args] = hook.entry.split(' ');
  assert.equal(program, 'brud');
  const broken = readFileSync(join(ROOT, 'examples', 'broken.toml'));
  const good = readFileSync(join(ROOT, 'examples', 'userdata.toml'));
  const files = {
    'brud.toml': 'variant = "aws-k8s-1.31"\n',
    '.taplo.toml': '[formatting]\n',
    'sub/taplo.toml': '[formatting]\n',
    'nodes/bad.toml': broken,
    'nodes/good.toml': good,
    'README.md': '# x\n',
  };
  const dir = tmpFiles(files);
  const chosen = selected(hook, Object.keys(files));
  assert.deepEqual(chosen, ['nodes/bad.toml', 'nodes/good.toml']);
  const r = spawnCli([...args, ...chosen], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^nodes\/bad\.toml:7:12: error: .*\[schema\/type\]$/m);
  // brud.toml beside the files is the project config: the variant it names is the target
  assert.match(r.stdout, /2 documents checked against aws-k8s-1\.31,/);
  const clean = spawnCli([...args, 'nodes/good.toml'], { cwd: dir });
  assert.equal(clean.status, 0);
});

test('every hook names a brud command that exists', () => {
  const commands = spawnCli(['--help']).stdout;
  for (const hook of HOOKS) {
    const command = hook.entry.split(' ')[1]!;
    assert.match(commands, new RegExp(`^  ${command} `, 'm'), hook.id);
  }
});

test('brud-fmt rewrites what pre-commit passes it, in place, and leaves formatted files alone', () => {
  const hook = HOOKS.find((h) => h.id === 'brud-fmt')!;
  assert.equal(hook.language, 'node');
  const [program, ...args] = hook.entry.split(' ');
  assert.equal(program, 'brud');
  const good = readFileSync(join(ROOT, 'examples', 'userdata.toml'), 'utf8');
  const files = { 'brud.toml': 'variant="aws-k8s-1.31"\n', 'nodes/ugly.toml': '[settings]\nmotd="x"   # kept\n', 'nodes/good.toml': good };
  const dir = tmpFiles(files);
  const chosen = selected(hook, Object.keys(files));
  assert.deepEqual(chosen, ['nodes/ugly.toml', 'nodes/good.toml']);
  const r = spawnCli([...args, ...chosen], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'nodes', 'ugly.toml'), 'utf8'), '[settings]\nmotd = "x" # kept\n');
  assert.equal(readFileSync(join(dir, 'nodes', 'good.toml'), 'utf8'), good);
  assert.equal(readFileSync(join(dir, 'brud.toml'), 'utf8'), 'variant="aws-k8s-1.31"\n');
});
