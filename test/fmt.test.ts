// brud fmt: the canonical layout, comments, key order and values kept; --check for CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { format, InputError, parse } from '../src/index.js';
import { scanComments } from '../src/parse/comments.js';
import { canonicalJson } from '../src/util/canonical-json.js';
import { FIXTURES, ROOT, runCli, tmpFiles } from './helpers.js';

const MESSY = [
  '',
  '  # the cluster',
  '[ settings.kubernetes ]',
  '   cluster-name="demo"     # inline   ',
  'max-pods =    58',
  '',
  '',
  '',
  '    "node-labels" . team = "a"',
  '# attached to the next header',
  '[[settings.container-registry.mirrors]]',
  'registry = "docker.io"',
  'endpoint = [',
  '    "https://a.example",   ',
  '  "https://b.example",',
  ']',
  '[settings]',
  'motd = """',
  'keep   ',
  '   # not a comment',
  '[not a header]"""',
  '',
].join('\n');

const TIDY = [
  '# the cluster',
  '[settings.kubernetes]',
  'cluster-name = "demo" # inline',
  'max-pods = 58',
  '',
  '"node-labels" . team = "a"',
  '',
  '# attached to the next header',
  '[[settings.container-registry.mirrors]]',
  'registry = "docker.io"',
  'endpoint = [',
  '    "https://a.example",',
  '  "https://b.example",',
  ']',
  '',
  '[settings]',
  'motd = """',
  'keep   ',
  '   # not a comment',
  '[not a header]"""',
  '',
].join('\n');

test('format: top-level lines at column 1, one space around =, tidy headers, one blank line before a header and its comments', () => {
  assert.equal(format(MESSY), TIDY);
  assert.equal(format(TIDY), TIDY, 'formatting is idempotent');
});

test('format keeps CRLF line breaks and a byte-order mark', () => {
  const crlf = '\uFEFF[settings]  \r\nmotd="x"\r\n';
  assert.equal(format(crlf), '\uFEFF[settings]\r\nmotd = "x"\r\n');
});

test('format refuses what does not parse, with the parser’s place', () => {
  assert.throws(
    () => format('[settings\nmotd = 1\n'),
    (e: unknown) => e instanceof InputError && /^it does not parse as TOML: 2:1: /.test(e.message),
  );
});

function tomlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return tomlFiles(path);
    return f.endsWith('.toml') ? [path] : [];
  });
}

test('every example and fixture that parses: same values, every comment kept, idempotent', () => {
  const files = [
    ...tomlFiles(join(ROOT, 'examples')),
    ...tomlFiles(join(FIXTURES, 'userdata')),
    ...tomlFiles(join(FIXTURES, 'corpus', 'real-world')),
  ];
  let changed = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const before = parse(text.replace(/^\uFEFF/, ''));
    if (!before.ok) continue;
    const out = format(text);
    const after = parse(out.replace(/^\uFEFF/, ''));
    assert.ok(after.ok, file);
    assert.equal(canonicalJson(after.value), canonicalJson(before.value), `${file}: values changed`);
    assert.deepEqual(
      scanComments(out).map((c) => c.text.trimEnd()),
      scanComments(text).map((c) => c.text.trimEnd()),
      `${file}: comments`,
    );
    assert.equal(format(out), out, `${file}: not idempotent`);
    if (out !== text) changed++;
  }
  assert.ok(changed > 0, 'no file needed formatting: the test shows nothing');
});

test('brud fmt rewrites files in place and names them; --check names them and exits 1 without writing', async () => {
  const dir = tmpFiles({ 'a.toml': MESSY, 'b.toml': TIDY });
  const check = await runCli(['fmt', '--check', '.'], { cwd: dir });
  assert.equal(check.status, 1);
  assert.equal(check.stdout, 'would reformat a.toml\n');
  assert.match(check.stderr, /^brud: 1 of 2 files are not formatted; run brud fmt to fix\n$/);
  assert.equal(readFileSync(join(dir, 'a.toml'), 'utf8'), MESSY);
  const write = await runCli(['fmt', '.'], { cwd: dir });
  assert.equal(write.status, 0);
  assert.equal(write.stdout, 'formatted a.toml\n');
  assert.equal(readFileSync(join(dir, 'a.toml'), 'utf8'), TIDY);
  const again = await runCli(['fmt', '--check', '.'], { cwd: dir });
  assert.deepEqual([again.status, again.stdout, again.stderr], [0, '', '']);
});

test('brud fmt -: stdin to stdout; what does not parse is exit 1 with the reason', async () => {
  const r = await runCli(['fmt', '-'], { stdin: MESSY });
  assert.deepEqual([r.status, r.stdout], [0, TIDY]);
  const bad = await runCli(['fmt', '-'], { stdin: 'not toml\n' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^brud: cannot format <stdin>: it does not parse as TOML: 1:5: /);
  const none = await runCli(['fmt']);
  assert.equal(none.status, 2);
});

// An input over the 1 MB cap is read only up to the cap: fmt must refuse it (exit 2), never format the
// prefix and write it back over the whole file (which cut it to 1 MB), and --fix must not either.
test('brud fmt and check --fix refuse a file over 1 MB with input/too-large and write nothing', async () => {
  const big =
    '  [settings.kubernetes]\ncluster-name = "a"\n' + `# ${'x'.repeat(98)}\n`.repeat(10_600) + 'max-pods = "110"\n[settings.motd]\n';
  assert.ok(big.length > 1024 * 1024);
  const dir = tmpFiles({ 'big.toml': big });
  const r = await runCli(['fmt', 'big.toml'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'brud: cannot format big.toml: input is over 1048576 bytes; brud refuses it unread [input/too-large]\n');
  assert.equal(readFileSync(join(dir, 'big.toml'), 'utf8'), big);
  const stdin = await runCli(['fmt', '-'], { stdin: big });
  assert.deepEqual([stdin.status, stdin.stdout], [2, '']);
  const fixed = await runCli(['check', '--fix', 'big.toml'], { cwd: dir });
  assert.equal(fixed.status, 2);
  assert.match(fixed.stdout, /input\/too-large/);
  assert.equal(readFileSync(join(dir, 'big.toml'), 'utf8'), big);
});
