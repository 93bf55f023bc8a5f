// `brud check` through the real CLI: golden outputs, every format, inputs, caps and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import { COMMAND_NAMES } from '../src/cli/main.js';
import { fix } from '../src/index.js';
import { assertGolden, BIN, runCli, spawnCli } from './helpers.js';

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

const GOLDEN_NAME: Record<string, string> = {
  text: 'txt',
  junit: 'xml',
  github: 'github.txt',
  sarif: 'sarif.json',
  markdown: 'md',
  gitlab: 'gitlab.json',
};

for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'markdown', 'gitlab']) {
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
    assertGolden(`check/formats.${GOLDEN_NAME[format] ?? 'json'}`, r.stdout);
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

const WARNINGS = 'fixtures/userdata/warnings-only.toml'; // 3 warnings, no errors

/** Exit status and the last line(s) of the text report, for every way a run can end. */
const EXIT_CASES: Array<{ args: string[]; status: number; summary: RegExp }> = [
  { args: ['examples/userdata.toml'], status: 0, summary: /^✔ 1 document checked .*: no problems$/ },
  { args: ['--strict', 'examples/userdata.toml'], status: 0, summary: /^✔ 1 document checked .*: no problems$/ },
  {
    args: ['examples/broken.toml'],
    status: 1,
    summary: /^✖ 3 errors and 0 warnings in 1 document \(.*\)\n {2}2 fixable with brud check --fix \(--fix-dry-run shows the edits\)$/,
  },
  {
    args: [WARNINGS],
    status: 0,
    summary: /^⚠ 0 errors and 3 warnings in 1 document \(.*\)\n {2}1 fixable with brud check --fix \(--fix-dry-run shows the edits\)$/,
  },
  { args: ['-q', WARNINGS], status: 0, summary: /^✔ 1 document checked .*: no errors \(3 warnings not shown: --quiet\)$/ },
  {
    args: ['--max-warnings', '3', WARNINGS],
    status: 0,
    summary: /^⚠ 0 errors and 3 warnings in 1 document \(.*\)\n {2}1 fixable with brud check --fix \(--fix-dry-run shows the edits\)$/,
  },
  {
    args: ['--strict', WARNINGS],
    status: 1,
    summary:
      /^✖ 0 errors and 3 warnings in 1 document \(.*\)\n {2}1 fixable with brud check --fix \(--fix-dry-run shows the edits\)\n\n✖ brud: --strict fails the run on warnings \(3\)$/,
  },
  {
    args: ['-q', '--strict', WARNINGS],
    status: 1,
    summary:
      /^✖ 0 errors and 3 warnings in 1 document \(.*\) \(3 warnings not shown: --quiet\)\n\n✖ brud: --strict fails the run on warnings \(3\)$/,
  },
  {
    args: ['--max-warnings', '2', WARNINGS],
    status: 1,
    summary:
      /^✖ 0 errors and 3 warnings in 1 document \(.*\)\n {2}1 fixable with brud check --fix \(--fix-dry-run shows the edits\)\n\n✖ brud: too many warnings \(3; maximum: 2\)$/,
  },
  {
    args: ['-q', '--max-warnings', '0', WARNINGS],
    status: 1,
    summary: /^✖ 0 errors and 3 warnings .*\(3 warnings not shown: --quiet\)\n\n✖ brud: too many warnings \(3; maximum: 0\)$/,
  },
  // errors fail the run on their own: no second reason is printed
  {
    args: ['--strict', 'examples/broken.toml', WARNINGS],
    status: 1,
    summary: /^✖ 3 errors and 3 warnings in 2 documents \(.*\)\n {2}3 fixable with brud check --fix \(--fix-dry-run shows the edits\)$/,
  },
  {
    args: ['no/such/file.toml'],
    status: 2,
    summary:
      /^no\/such\/file\.toml:1:1: error: cannot read no\/such\/file\.toml: no such file or directory \[io\/unreadable\]\n\n✖ 1 error and 0 warnings in 1 document \(0 documents checked, 1 not read\)$/,
  },
];

test('exit status and summary agree: a tick only on exit 0, the reason a run fails on warnings said last', async (t) => {
  for (const c of EXIT_CASES) {
    await t.test(`check ${c.args.join(' ')} → exit ${c.status}`, async () => {
      const r = await runCli(['check', ...c.args]);
      assert.equal(r.status, c.status, r.stdout);
      assert.match(r.stdout.trimEnd(), new RegExp(`(?:^|\\n)${c.summary.source.replace(/^\^/, '')}`));
      if (c.status !== 0) assert.ok(!r.stdout.includes('✔'), 'a failing run shows no tick');
      // the machine formats carry the same verdict
      const json = JSON.parse((await runCli(['check', '-f', 'json', ...c.args])).stdout) as { summary: { failure?: string } };
      const warningsFail = r.stdout.includes('✖ brud: ');
      assert.ok(!warningsFail || c.status === 1);
      assert.equal(json.summary.failure !== undefined, warningsFail, 'summary.failure is set exactly when warnings fail the run');
      const github = (await runCli(['check', '-f', 'github', ...c.args])).stdout.trimEnd().split('\n').at(-1)!;
      assert.equal(/; (--strict|too many)/.test(github), warningsFail, github);
      const sarif = JSON.parse((await runCli(['check', '-f', 'sarif', ...c.args])).stdout) as {
        runs: Array<{ invocations: Array<{ exitCode: number }> }>;
      };
      assert.equal(sarif.runs[0]!.invocations[0]!.exitCode, c.status);
    });
  }
});

test('usage errors exit 2 with one line on stderr and nothing on stdout', async (t) => {
  const USAGE: Array<{ args: string[]; stderr: RegExp }> = [
    {
      args: ['check', '--formt', 'json', 'examples/userdata.toml'],
      stderr: /^brud: unknown option --formt; did you mean --format\?\nRun "brud check --help" for usage\.\n$/,
    },
    { args: ['check', '--variant', 'aws-k8z-1.31', 'examples/userdata.toml'], stderr: /^brud: unknown variant "aws-k8z-1\.31"/ },
    { args: ['check', '--os-version', 'latest', 'examples/userdata.toml'], stderr: /^brud: .*latest/ },
    { args: ['check', '--format', 'xml', 'examples/userdata.toml'], stderr: /^brud: .*xml/ },
    { args: ['check', '--max-warnings', '-1', 'examples/userdata.toml'], stderr: /^brud: .*max-warnings/ },
    { args: ['check'], stderr: /^brud: no input given/ },
    {
      args: ['chek', 'examples/userdata.toml'],
      stderr: /^brud: unknown command "chek"; did you mean "check"\?\nRun "brud --help" for usage\.\n$/,
    },
  ];
  for (const c of USAGE) {
    await t.test(c.args.join(' '), async () => {
      const r = await runCli(c.args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, c.stderr);
    });
  }
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

test("SARIF results carry the fix --fix would make: applied to the file, the replacements give fix()'s output", async () => {
  const text = readFileSync('examples/broken.toml', 'utf8');
  const r = await runCli(['check', '-f', 'sarif', 'examples/broken.toml']);
  type Replacement = { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } };
  type Result = {
    ruleId: string;
    fixes?: Array<{ artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: Replacement[] }> }>;
  };
  const results = (JSON.parse(r.stdout) as { runs: Array<{ results: Result[] }> }).runs[0]!.results;
  const fixed = results.filter((x) => x.fixes);
  // "sometimes" has three candidates, so no certain fix
  assert.deepEqual(
    fixed.map((x) => x.ruleId),
    ['schema/type', 'schema/unknown-key'],
  );
  const replacements = fixed.flatMap((x) =>
    x.fixes![0]!.artifactChanges.flatMap((c) => (assert.equal(c.artifactLocation.uri, 'examples/broken.toml'), c.replacements)),
  );
  let out = text;
  for (const { deletedRegion: d, insertedContent } of replacements.sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset))
    out = out.slice(0, d.charOffset) + insertedContent.text + out.slice(d.charOffset + d.charLength);
  assert.equal(out, fix(text, { name: 'examples/broken.toml' }).output);
  // decoded user-data (base64) has no fix: its offsets are not the file's
  const b64 = await runCli(['check', '-f', 'sarif', '-'], { stdin: Buffer.from(text).toString('base64') });
  assert.ok(!b64.stdout.includes('"fixes"'));
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
  // 200,000 brackets are also far over EC2's 16 KB: the launch-size warning comes first, at 1:1
  assert.deepEqual(
    byName['huge.toml'].map((d) => [d.ruleId, d.line, d.column]),
    [
      ['launch/ec2-user-data-size', 1, 1],
      ['parse/too-deep', 4, 84],
    ],
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

test('help: every command prints usage with examples and exits 0, by --help, -h and "help <command>"', async (t) => {
  const main = await runCli(['--help']);
  assert.equal(main.status, 0);
  assert.match(main.stdout, /^Usage: brud <command>/m);
  assert.deepEqual(
    COMMAND_NAMES.filter((c) => !main.stdout.includes(`\n  ${c} `)),
    [],
    'the main help lists every command',
  );
  for (const command of COMMAND_NAMES) {
    await t.test(command, async () => {
      const r = await runCli([command, '--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: brud ${command}\\b`, 'm'));
      assert.match(r.stdout, new RegExp(`Examples:\\n {2}brud ${command}\\b`));
      assert.equal((await runCli([command, '-h'])).stdout, r.stdout);
      assert.equal((await runCli(['help', command])).stdout, r.stdout);
    });
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
  // Bottlerocket takes it; only EC2's 16 KB limit is in the way (gzip makes it fit)
  assert.deepEqual(
    (JSON.parse(r.stdout).results[0].diagnostics as Array<{ ruleId: string; messageId: string }>).map((d) => `${d.ruleId} ${d.messageId}`),
    ['launch/ec2-user-data-size gzipFits'],
  );
  // reliability audit D15: a 400,000-digit integer is out of i64 range, a float that long overflows
  writeFileSync(file, `[settings]\nx = ${'9'.repeat(400_000)}\ny = ${'9'.repeat(400_000)}.0\n`);
  const n = await runCli(['check', '--format', 'json', file]);
  assert.equal(n.status, 1);
  const [size, d] = JSON.parse(n.stdout).results[0].diagnostics as Array<{ ruleId: string; line: number; message: string }>;
  assert.equal(size!.ruleId, 'launch/ec2-user-data-size');
  assert.deepEqual([d!.ruleId, d!.line], ['parse/syntax', 2]);
  assert.match(d!.message, /^integer out of range/);
});

test('an invalid glob is a usage-free unreadable input (exit 2)', async () => {
  const g = await runCli(['check', '[z-a].toml']);
  assert.equal(g.status, 2);
  assert.match(g.stdout, /is not a valid glob pattern \[io\/unreadable\]/);
});

test('/dev/zero and an endless pipe on stdin are refused after 1 MB with exit 2, without reading them whole', async () => {
  const z = spawnCli(['check', '/dev/zero'], { timeout: 20_000 });
  assert.equal(z.status, 2);
  assert.match(z.stdout, /input is over 1048576 bytes/);
  // a writer that never stops: brud must stop reading, answer and exit on its own
  const child = spawn(process.execPath, [BIN, 'check', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.on('error', () => {}); // EPIPE once brud has stopped reading
  let open = true;
  const chunk = Buffer.alloc(16 * 1024, 'a');
  const pump = (): void => {
    while (open && child.stdin.write(chunk));
    if (open) child.stdin.once('drain', pump);
  };
  const killer = setTimeout(() => child.kill(), 20_000);
  const closed = new Promise<number | null>((done) =>
    child.on('close', (c) => {
      open = false;
      clearTimeout(killer);
      done(c);
    }),
  );
  pump();
  const code = await closed;
  assert.equal(code, 2, out);
  assert.match(out, /input is over 1048576 bytes/);
});

test('a reader that goes away early is not an error', () => {
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" schema --variant aws-k8s-1.31 | head -1`], { encoding: 'utf8' });
  assert.equal(r.stdout, '{\n');
  assert.equal(r.stderr, '');
});

test('stdin named twice is read once; one file named twice is checked once', async () => {
  const out = JSON.parse(
    (
      await runCli(['check', '--format', 'json', '-', '-', 'examples/userdata.toml', './examples/userdata.toml'], {
        stdin: '[settings]\nmotd = "x"\n',
      })
    ).stdout,
  ) as { results: Array<{ file: string }> };
  assert.deepEqual(
    out.results.map((r) => r.file),
    ['<stdin>', 'examples/userdata.toml'],
  );
});

test('GitHub annotations for decoded input point at the file, and say where in the decoded text', async () => {
  const b64 = Buffer.from('[settings.kubernetes]\nmax-pods = "58"\n').toString('base64');
  const out = (await runCli(['check', '--format', 'github', '--stdin-filename', 'ud.b64', '-'], { stdin: b64 })).stdout;
  assert.match(out, /^::error file=ud\.b64,line=1,title=brud schema\/type::decoded user-data line 2, column 12: /m);
});

test('no command, or help for an unknown one, is a usage error', async () => {
  const none = await runCli([]);
  assert.equal(none.status, 2);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /Usage: brud <command>/);
  assert.equal((await runCli(['help', 'nope'])).status, 2);
});
