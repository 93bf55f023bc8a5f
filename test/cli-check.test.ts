// `brud check` through the real CLI: golden outputs, every format, inputs, caps and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assertGolden, runCli } from './helpers.js';

test('the README example checks clean: exit 0 and a summary line', async () => {
  const r = await runCli(['check', 'examples/userdata.toml']);
  assert.equal(r.status, 0, r.stderr);
  assertGolden('check/example-userdata.txt', r.stdout);
});

test('a new user’s three mistakes each give one error at the right line, with a suggestion', async () => {
  const r = await runCli(['check', '--format', 'json', 'examples/broken.toml']);
  assert.equal(r.status, 1);
  const diags = JSON.parse(r.stdout).results[0].diagnostics as Array<{
    ruleId: string;
    line: number;
    column: number;
    message: string;
    pointer: string;
  }>;
  assert.deepEqual(
    diags.map((d) => [d.line, d.column, d.ruleId, d.pointer]),
    [
      [7, 12, 'schema/type', '/settings/kubernetes/max-pods'],
      [9, 11, 'schema/unknown-key', '/settings/bootstrap-contianers'],
      [15, 8, 'schema/invalid-value', '/settings/bootstrap-commands/10-ephemeral-storage/mode'],
    ],
  );
  assert.match(diags[0].message, /expected an integer, found a string "58": write it without quotes, 58/);
  assert.match(diags[1].message, /did you mean "bootstrap-containers"\?/);
  assert.match(diags[2].message, /expected one of "always", "once", "off", found "sometimes"/);
  assertGolden('check/example-broken.txt', (await runCli(['check', 'examples/broken.toml'])).stdout);
});

for (const format of ['text', 'json', 'sarif', 'github', 'junit']) {
  test(`--format ${format} renders errors, warnings and notes the same way every time`, async () => {
    const args = [
      'check',
      '--format',
      format,
      'fixtures/userdata/typo-table.toml',
      'fixtures/userdata/warnings-only.toml',
      'fixtures/userdata/bad-mode.toml',
    ];
    const r = await runCli(args);
    assert.equal(r.status, 1);
    assertGolden(
      `check/formats.${format === 'text' ? 'txt' : format === 'junit' ? 'xml' : format === 'github' ? 'github.txt' : format === 'sarif' ? 'sarif.json' : 'json'}`,
      r.stdout,
    );
    // files given in another order produce the same bytes
    assert.equal((await runCli([...args.slice(0, 3), ...args.slice(3).reverse()])).stdout, r.stdout);
  });
}

test('the JSON report has the documented shape', async () => {
  const out = JSON.parse((await runCli(['check', '--format', 'json', 'fixtures/userdata/bad-mode.toml'])).stdout);
  assert.deepEqual(Object.keys(out), ['formatVersion', 'results', 'summary']);
  assert.equal(out.formatVersion, 1);
  assert.deepEqual(Object.keys(out.results[0]), ['file', 'errorCount', 'warningCount', 'diagnostics', 'target']);
  assert.deepEqual(Object.keys(out.results[0].diagnostics[0]), [
    'severity',
    'ruleId',
    'messageId',
    'message',
    'pointer',
    'keyPath',
    'line',
    'column',
    'endLine',
    'endColumn',
  ]);
  assert.deepEqual(out.summary, { files: 1, errors: 1, warnings: 0 });
  assert.deepEqual(out.results[0].target, { variant: 'aws-k8s', variantSource: 'default', osVersion: '1.66.0' });
});

test('stdin is read with "-" and reported under --stdin-filename', async () => {
  const toml = readFileSync('examples/broken.toml');
  const r = await runCli(['check', '--format', 'json', '--stdin-filename', 'node.toml', '-'], { stdin: toml });
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.results[0].file, 'node.toml');
  assert.equal(out.results[0].errorCount, 3);
  assert.equal(JSON.parse((await runCli(['check', '--format', 'json', '-'], { stdin: toml })).stdout).results[0].file, '<stdin>');
});

test('a directory is searched for *.toml files in sorted order; a glob is expanded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-dir-'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'z.toml'), '[settings]\nmotd = "z"\n');
  writeFileSync(join(dir, 'b', 'a.toml'), '[settings]\nmotd = "a"\n');
  writeFileSync(join(dir, 'notes.txt'), 'not user-data');
  const r = await runCli(['check', '--format', 'json', dir]);
  assert.equal(r.status, 0, r.stdout);
  assert.deepEqual(
    JSON.parse(r.stdout).results.map((x: { file: string }) => x.file),
    [join(dir, 'b', 'a.toml'), join(dir, 'z.toml')],
  );
  const g = await runCli(['check', '--format', 'json', `${dir}/**/*.toml`]);
  assert.equal(JSON.parse(g.stdout).results.length, 2);
});

test('exit codes: 0 clean, 1 errors, 1 warnings with --strict or over --max-warnings, 2 usage and unreadable input', async () => {
  assert.equal((await runCli(['check', 'examples/userdata.toml'])).status, 0);
  assert.equal((await runCli(['check', 'examples/broken.toml'])).status, 1);
  assert.equal((await runCli(['check', 'fixtures/userdata/warnings-only.toml'])).status, 0);
  assert.equal((await runCli(['check', '--strict', 'fixtures/userdata/warnings-only.toml'])).status, 1);
  assert.equal((await runCli(['check', '--max-warnings', '3', 'fixtures/userdata/warnings-only.toml'])).status, 0);
  assert.equal((await runCli(['check', '--max-warnings', '2', 'fixtures/userdata/warnings-only.toml'])).status, 1);

  const missing = await runCli(['check', 'no/such/file.toml']);
  assert.equal(missing.status, 2);
  assert.match(
    missing.stdout,
    /no\/such\/file\.toml:1:1: error: cannot read no\/such\/file\.toml: no such file or directory \[io\/unreadable\]/,
  );

  const usage = await runCli(['check', '--formt', 'json', 'examples/userdata.toml']);
  assert.equal(usage.status, 2);
  assert.equal(usage.stderr, 'brud: unknown option --formt; did you mean --format?\nRun "brud check --help" for usage.\n');
  assert.equal(usage.stdout, '');

  const variant = await runCli(['check', '--variant', 'aws-k8z-1.31', 'examples/userdata.toml']);
  assert.equal(variant.status, 2);
  assert.match(variant.stderr, /^brud: unknown variant "aws-k8z-1.31"/);
  assert.equal((await runCli(['check', '--os-version', 'latest', 'examples/userdata.toml'])).status, 2);
  assert.equal((await runCli(['check', '--format', 'xml', 'examples/userdata.toml'])).status, 2);
  assert.equal((await runCli(['check'])).status, 2);
  assert.equal(
    (await runCli(['chek', 'examples/userdata.toml'])).stderr,
    'brud: unknown command "chek"; did you mean "check"?\nRun "brud --help" for usage.\n',
  );
});

test('--quiet lists errors only, and still counts the warnings it hides', async () => {
  const r = await runCli([
    'check',
    '--quiet',
    '--format',
    'json',
    'fixtures/userdata/warnings-only.toml',
    'fixtures/userdata/bad-mode.toml',
  ]);
  const out = JSON.parse(r.stdout);
  assert.equal(out.summary.warnings, 3);
  assert.equal(out.summary.hiddenWarnings, 3);
  assert.ok(out.results.every((x: { diagnostics: Array<{ severity: string }> }) => x.diagnostics.every((d) => d.severity === 'error')));
  assert.equal(r.status, 1);
});

test('-o writes the report to a file and nothing to stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-out-'));
  const file = join(dir, 'report.sarif');
  const r = await runCli(['check', '--format', 'sarif', '-o', file, 'examples/broken.toml']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, '2.1.0');
});

test('colour: off when piped, on with FORCE_COLOR or --color, off with NO_COLOR', async () => {
  const esc = '\u001b[';
  assert.ok(!(await runCli(['check', 'examples/broken.toml'])).stdout.includes(esc));
  assert.ok((await runCli(['check', 'examples/broken.toml'], { env: { FORCE_COLOR: '1' } })).stdout.includes(esc));
  assert.ok((await runCli(['check', '--color', 'examples/broken.toml'])).stdout.includes(esc));
  assert.ok(!(await runCli(['check', '--no-color', 'examples/broken.toml'], { env: { FORCE_COLOR: '1' } })).stdout.includes(esc));
  assert.ok(!(await runCli(['check', 'examples/broken.toml'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout.includes(esc));
});

test('inputs over 1 MB are refused before parsing, with exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-big-'));
  const file = join(dir, 'big.toml');
  writeFileSync(file, '[settings]\nmotd = "' + 'x'.repeat(1024 * 1024) + '"\n');
  const r = await runCli(['check', '--format', 'json', file]);
  assert.equal(r.status, 2);
  assert.equal(JSON.parse(r.stdout).results[0].diagnostics[0].ruleId, 'input/too-large');
  const bomb = join(dir, 'bomb.toml.gz');
  writeFileSync(bomb, gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x61)));
  const g = await runCli(['check', '--format', 'json', bomb]);
  assert.equal(g.status, 2);
  const diag = JSON.parse(g.stdout).results[0].diagnostics[0];
  assert.equal(diag.ruleId, 'input/too-large');
  assert.match(diag.message, /expands beyond 1048576 bytes/);
});

test("nesting beyond Bottlerocket's parser limit is an error at the place it crosses it; 79 levels are fine", async () => {
  const deep = (n: number) => `[settings]\nmotd = "x"\n[other]\na = ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const dir = mkdtempSync(join(tmpdir(), 'brud-deep-'));
  writeFileSync(join(dir, 'ok.toml'), deep(79));
  writeFileSync(join(dir, 'deep.toml'), deep(80));
  writeFileSync(join(dir, 'huge.toml'), deep(100000));
  writeFileSync(join(dir, 'key.toml'), `[settings]\n${Array.from({ length: 80 }, (_, i) => `k${i}`).join('.')} = 1\n`);
  const out = JSON.parse((await runCli(['check', '--format', 'json', dir])).stdout) as {
    results: Array<{ file: string; diagnostics: Array<{ ruleId: string; line: number; column: number }> }>;
  };
  const byName = Object.fromEntries(out.results.map((r) => [r.file.slice(dir.length + 1), r.diagnostics]));
  assert.deepEqual(
    byName['deep.toml'].map((d) => [d.ruleId, d.line, d.column]),
    [['parse/too-deep', 4, 84]],
  );
  assert.deepEqual(
    byName['huge.toml'].map((d) => [d.ruleId, d.line, d.column]),
    [['parse/too-deep', 4, 84]],
  );
  assert.deepEqual(
    byName['key.toml'].map((d) => [d.ruleId, d.line]),
    [['parse/too-deep', 2]],
  );
  assert.deepEqual(
    byName['ok.toml'].map((d) => d.ruleId),
    ['document/ignored-key'],
  );
});

test('keys named __proto__ or constructor stay ordinary keys and are reported', async () => {
  const r = await runCli(['check', '--format', 'json', 'fixtures/userdata/pollution.toml']);
  assert.equal(r.status, 1);
  const d = JSON.parse(r.stdout).results[0].diagnostics as Array<{ ruleId: string; pointer: string }>;
  assert.deepEqual(
    d.map((x) => [x.ruleId, x.pointer]),
    [
      ['document/ignored-key', '/__proto__'],
      ['document/ignored-key', '/constructor'],
      ['schema/unknown-key', '/settings/__proto__'],
    ],
  );
});

test('help: every command prints usage with examples and exits 0', async () => {
  for (const args of [['--help'], ['check', '--help'], ['help', 'check']]) {
    const r = await runCli(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /Usage: brud/);
    assert.match(r.stdout, /Examples:\n {2}brud /);
  }
  assert.match((await runCli(['--version'])).stdout, /^brud \d+\.\d+\.\d+\n$/);
});

test('--os-version: bootstrap-commands exists from 1.22.0, so 1.21.0 rejects it as an unknown key', async () => {
  const doc = '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=hi"]]\nmode = "once"\n';
  const old = await runCli(['check', '--format', 'json', '--os-version', '1.21.0', '-'], { stdin: doc });
  assert.equal(old.status, 1);
  const d = JSON.parse(old.stdout).results[0].diagnostics;
  assert.deepEqual(
    d.map((x: { ruleId: string; line: number; column: number }) => [x.ruleId, x.line, x.column]),
    [['schema/not-in-release', 1, 11]],
  );
  assert.match(d[0].message, /^settings\.bootstrap-commands was added in Bottlerocket 1\.22\.0; Bottlerocket 1\.21\.0 does not know it/);
  assert.equal((await runCli(['check', '--os-version', '1.22.0', '-'], { stdin: doc })).status, 0);
  assert.equal((await runCli(['check', '--os-version', 'v1.22', '-'], { stdin: doc })).status, 0);
});

test('--variant: a namespace of another variant rejects the whole document, saying where it belongs', async () => {
  const r = await runCli([
    'check',
    '--format',
    'json',
    '--variant',
    'aws-k8s-1.31',
    'fixtures/reference-examples/invalid-wrong-variant.toml',
  ]);
  assert.equal(r.status, 1);
  const [d] = JSON.parse(r.stdout).results[0].diagnostics;
  assert.equal(d.ruleId, 'schema/not-on-variant');
  assert.match(
    d.message,
    /settings\.ecs is not a setting of aws-k8s-1\.31 \(it exists on aws-ecs-2, aws-ecs-3, aws-ecs-4\)\. Bottlerocket would reject the whole user-data and the node would not boot\./,
  );
});

test('one error per defect: a value that fits no accepted form gives one error naming all forms', async () => {
  const r = await runCli(['check', '--format', 'json', '-'], {
    stdin: '[settings.kubernetes.node-taints]\ndedicated = 5\nspot = ["x:NoSchedule", 7]\n',
  });
  const d = JSON.parse(r.stdout).results[0].diagnostics as Array<{ pointer: string; message: string }>;
  assert.deepEqual(
    d.map((x) => x.pointer),
    ['/settings/kubernetes/node-taints/dedicated', '/settings/kubernetes/node-taints/spot/1'],
  );
  assert.match(d[0].message, /expected a string or an array of strings, found an integer 5/);
});

test('a 300,000-character string is checked like any other (Bottlerocket has no such limit); numbers that long are out of range', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-long-'));
  const file = join(dir, 'long.toml');
  writeFileSync(file, `[settings]\nmotd = "${'x'.repeat(300_000)}"\n`);
  const r = await runCli(['check', '--format', 'json', file]);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.deepEqual(JSON.parse(r.stdout).results[0].diagnostics, []);
  // reliability audit D15: a 400,000-digit integer is out of i64 range, a float that long overflows
  writeFileSync(file, `[settings]\nx = ${'9'.repeat(400_000)}\ny = ${'9'.repeat(400_000)}.0\n`);
  const n = await runCli(['check', '--format', 'json', file]);
  assert.equal(n.status, 1);
  const [d] = JSON.parse(n.stdout).results[0].diagnostics as Array<{ ruleId: string; line: number; message: string }>;
  assert.deepEqual([d!.ruleId, d!.line], ['parse/syntax', 2]);
  assert.match(d!.message, /^integer out of range/);
});
