// `brud schema --install` (issue 12, item 7): the schema where taplo and Even Better TOML find it, and a
// rule in .taplo.toml that a rerun replaces without touching the rest of the file. (taplo itself reads the
// result in test/conformance/taplo.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN_MARK, END_MARK, taploRule, withTaploRule } from '../src/cli/taplo.js';
import { runCli, tmpFiles } from './helpers.js';

const GOOD = readFileSync(new URL('../../examples/userdata.toml', import.meta.url), 'utf8');

test("--install writes the schema of brud.toml's target, and a .taplo.toml rule for its include", async () => {
  const dir = tmpFiles({
    'brud.toml': 'variant = "aws-k8s-1.31"\nos-version = "1.30.0"\ninclude = ["nodes", "extra/*.toml"]\n',
    'nodes/a.toml': GOOD,
    '.taplo.toml': '[formatting]\nalign_entries = true\n',
  });
  const r = await runCli(['schema', '--install'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  const schema = JSON.parse(readFileSync(join(dir, '.brud', 'bottlerocket.schema.json'), 'utf8')) as { title: string };
  assert.match(schema.title, /aws-k8s-1\.31 on Bottlerocket 1\.30\.0/);
  const taplo = readFileSync(join(dir, '.taplo.toml'), 'utf8');
  assert.ok(taplo.startsWith('[formatting]\nalign_entries = true\n\n'), taplo);
  assert.ok(
    taplo.includes('[[rule]]\ninclude = ["nodes/**/*.toml", "extra/*.toml"]\n\n[rule.schema]\npath = "./.brud/bottlerocket.schema.json"\n'),
    taplo,
  );
  assert.match(r.stderr, /wrote \.brud\/bottlerocket\.schema\.json \(aws-k8s-1\.31, Bottlerocket 1\.30\.0\)/);
  assert.match(r.stderr, /updated \.taplo\.toml: the schema applies to nodes\/\*\*\/\*\.toml, extra\/\*\.toml/);
  // a rerun gives the same file: the rule is replaced, not appended again
  await runCli(['schema', '--install'], { cwd: dir });
  assert.equal(readFileSync(join(dir, '.taplo.toml'), 'utf8'), taplo);
});

test('--install: flags and --include beat brud.toml; -o chooses the schema file', async () => {
  const dir = tmpFiles({ 'brud.toml': 'variant = "aws-k8s-1.31"\ninclude = ["nodes"]\n' });
  const r = await runCli(
    ['schema', '--install', '--variant', 'aws-ecs-2', '--include', 'ecs/*.toml', '--include', 'more/**/*.toml', '-o', 'tools/br.json'],
    { cwd: dir },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match((JSON.parse(readFileSync(join(dir, 'tools', 'br.json'), 'utf8')) as { title: string }).title, /aws-ecs-2/);
  const taplo = readFileSync(join(dir, '.taplo.toml'), 'utf8');
  assert.match(taplo, /^# >>> brud schema --install/);
  assert.match(taplo, /include = \["ecs\/\*\.toml", "more\/\*\*\/\*\.toml"\]\n/);
  assert.match(taplo, /path = "\.\/tools\/br\.json"\n/);
  assert.ok(!existsSync(join(dir, '.brud')));
});

test('--install without files to name leaves .taplo.toml alone and gives the #:schema line', async () => {
  const dir = tmpFiles({ 'x.toml': GOOD });
  const r = await runCli(['schema', '--install', '--no-config'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.ok(existsSync(join(dir, '.brud', 'bottlerocket.schema.json')));
  assert.ok(!existsSync(join(dir, '.taplo.toml')));
  assert.match(r.stderr, /\n#:schema \.\/\.brud\/bottlerocket\.schema\.json\n$/);
  const misuse = await runCli(['schema', '--include', 'x.toml'], { cwd: dir });
  assert.equal(misuse.status, 2);
  assert.match(misuse.stderr, /--include goes with --install/);
});

test('the .taplo.toml rule: replaced between its marks, patterns written as TOML strings', () => {
  const rule = taploRule(['a "b"\\c', 'x\u0001'], './s.json', 'aws-k8s');
  assert.match(rule, /^include = \["a \\"b\\"\\\\c", "x\\u0001"\]$/m);
  const before = `top = 1\n${BEGIN_MARK}\nold\n${END_MARK}\n[after]\nkept = true\n`;
  assert.equal(withTaploRule(before, 'NEW'), 'top = 1\nNEW\n[after]\nkept = true\n');
  assert.equal(withTaploRule(undefined, 'NEW'), 'NEW\n');
  assert.equal(withTaploRule('\n', 'NEW'), 'NEW\n');
  assert.equal(withTaploRule('a = 1\n\n\n', 'NEW'), 'a = 1\n\nNEW\n');
});
