// `brud compile` and `brud plan`: normalization, idempotence, EC2 encodings, the size budget, the boot
// plan, and the library API they are built on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { check, compile, CompileError, plan } from '../src/index.js';
import { assertGolden, FIXTURES, ROOT, runCli, tmpFiles } from './helpers.js';

const SPELLINGS = readdirSync(join(FIXTURES, 'compile', 'spellings'))
  .map((f) => `fixtures/compile/spellings/${f}`)
  .sort();

test('every spelling of the same settings compiles to the same bytes (golden)', async () => {
  const outputs = await Promise.all(SPELLINGS.map(async (f) => runCli(['compile', f])));
  for (const o of outputs) assert.equal(o.status, 0, o.stderr);
  assert.equal(new Set(outputs.map((o) => o.stdout)).size, 1, 'spellings differ');
  assertGolden('compile/spellings.toml', outputs[0].stdout);
  assertGolden('compile/spellings.json', (await runCli(['compile', '--emit', 'json', SPELLINGS[1]])).stdout);
  // aliases become canonical names; boot.kernel-parameters is sorted like every table, as Bottlerocket
  // writes it (bottlerocket-core-kit PR #735): the written order hugepagesz, hugepages does not survive
  assert.match(outputs[0].stdout, /\[\[settings\.container-registry\.credentials\]\]/);
  assert.match(outputs[0].stdout, /\[settings\.boot\.kernel-parameters\]\nhugepages = \["512"\]\nhugepagesz = \["2M"\]/);
});

/** Corpus files compile refuses because Bottlerocket would reject them, each with the reason. */
const COMPILE_REFUSED: Record<string, string> = {
  '011-br-readme-registry-credentials.toml': 'auth is a placeholder, not base64 (test/corpus.test.ts pins it)',
  '020-br-readme-pki.toml': 'the PEM data is a truncated placeholder',
  '033-brweb-nvidia-cdi-alternatives.toml': 'the docs list five alternatives of one key in one block: a duplicate key',
  '034-brboot-bootstrap-container-userdata-b64.toml': 'source is a "<URI …>" placeholder',
  '037-br-security-nvidia-unprivileged.toml': 'the guide misspells the kubelet-device-plugins namespace',
  '044-karpenter-docs-passed-in-unknown-setting.toml': 'shows how Karpenter passes an unknown setting through: Bottlerocket rejects it',
  '045-karpenter-docs-merged-output.toml': 'cluster-certificate = "ca-bundle" and "12%%" are template placeholders',
  '050-karpenter-design-merged-dotted-key.toml': 'an elided certificate ("LS0tLS…") and a settings key nested in kubernetes',
  '057-edenzil-karpenter-harbor-mirrors.toml': 'auth is not base64',
  '059-issue-karpenter-pr1862-registry-credentials.toml': 'auth was redacted in the PR text',
};

test('compiling the output again gives the same bytes, for every example and corpus file; the refused ones are listed', () => {
  const corpus = readdirSync(join(FIXTURES, 'corpus', 'real-world'))
    .filter((f) => f.endsWith('.toml'))
    .sort();
  const files = ['examples/userdata.toml', ...SPELLINGS, ...corpus.map((f) => `fixtures/corpus/real-world/${f}`)];
  const refused: string[] = [];
  for (const f of files) {
    const [result] = check(readFileSync(join(ROOT, f)), { name: f });
    if (result!.errorCount > 0) {
      refused.push(f.replace('fixtures/corpus/real-world/', ''));
      assert.throws(() => compile(result!), CompileError, f);
      continue;
    }
    const once = compile(result!).toml;
    const [again] = check(once, { name: 'again.toml' });
    assert.equal(again!.errorCount, 0, f);
    assert.equal(compile(again!).toml, once, f);
  }
  assert.deepEqual(refused, Object.keys(COMPILE_REFUSED).sort());
});

test('decode(emit(x)) normalizes to the same settings: base64, gzip and launch-template forms', async () => {
  const toml = (await runCli(['compile', 'examples/userdata.toml'])).stdout;
  const b64 = (await runCli(['compile', '--emit', 'base64', 'examples/userdata.toml'])).stdout.trim();
  assert.equal(Buffer.from(b64, 'base64').toString('utf8'), toml);
  const gz = (await runCli(['compile', '--emit', 'base64', '--gzip', 'examples/userdata.toml'])).stdout.trim();
  assert.equal(gunzipSync(Buffer.from(gz, 'base64')).toString('utf8'), toml);
  // the same bytes every time: the gzip header carries no timestamp
  assert.equal((await runCli(['compile', '--emit', 'base64', '--gzip', 'examples/userdata.toml'])).stdout.trim(), gz);
  const lt = (await runCli(['compile', '--emit', 'launch-template', '--gzip', 'examples/userdata.toml'])).stdout;
  assert.deepEqual(Object.keys(JSON.parse(lt)), ['UserData']);
  // each form, fed back to brud, compiles to the same canonical TOML
  for (const input of [b64, gz, lt]) assert.equal((await runCli(['compile', '-'], { stdin: input })).stdout, toml);
  assertGolden('compile/example.base64.txt', b64 + '\n');
  assertGolden('compile/example.launch-template.json', lt);
});

test('the 16 KB EC2 budget: over it is an error that says whether gzip would fit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-budget-'));
  const big = join(dir, 'big.toml');
  writeFileSync(big, `[settings]\nmotd = "${'hello bottlerocket '.repeat(1000)}"\n`);
  const r = await runCli(['compile', '--emit', 'base64', big]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /user-data is 19\d\d\d bytes; EC2 accepts at most 16384 bytes before base64: with --gzip it would be \d+ bytes and fit/,
  );
  assert.equal((await runCli(['compile', '--emit', 'base64', '--gzip', big])).status, 0);
  const noise = join(dir, 'noise.toml');
  let x = 42; // a linear congruential generator: incompressible bytes, the same every run
  const random = Buffer.from(Array.from({ length: 20000 }, () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16) & 255));
  writeFileSync(noise, `[settings]\nmotd = "${random.toString('base64')}"\n`);
  const n = await runCli(['compile', '--emit', 'base64', '--gzip', noise]);
  assert.equal(n.status, 1);
  assert.match(n.stderr, /it does not fit even compressed/);
  assert.equal((await runCli(['compile', '--gzip', 'examples/userdata.toml'])).status, 2);
});

test('compile refuses a document Bottlerocket would reject: findings on stderr, nothing on stdout, exit 1', async () => {
  const r = await runCli(['compile', 'examples/broken.toml']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /examples\/broken\.toml:7:12: error: settings\.kubernetes\.max-pods/);
});

test('launch-template JSON with several versions: one is chosen with --lt-version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-lt-'));
  const file = join(dir, 'lt.json');
  const ud = (t: string) => Buffer.from(t).toString('base64');
  writeFileSync(
    file,
    JSON.stringify({
      LaunchTemplateVersions: [
        { VersionNumber: 2, LaunchTemplateData: { UserData: ud('[settings]\nmotd = "two"\n') } },
        { VersionNumber: 1, LaunchTemplateData: { UserData: ud('[settings]\nmotd = "one"\n') } },
      ],
    }),
  );
  const many = await runCli(['compile', file]);
  assert.equal(many.status, 2);
  assert.match(many.stderr, /holds 2 user-data documents .*choose one with --lt-version N/);
  assert.match((await runCli(['compile', '--lt-version', '1', file])).stdout, /motd = "one"/);
  assert.equal((await runCli(['compile', '--lt-version', '7', file])).status, 2);
});

test('the plan: byte order of names, modes, essential flags, boot 1 and boot 2 (golden)', async () => {
  for (const boot of ['1', '2']) {
    const text = await runCli(['plan', '--boot', boot, 'fixtures/plan/ordering.toml']);
    assert.equal(text.status, 0, text.stderr);
    assertGolden(`plan/ordering.boot${boot}.txt`, text.stdout);
    const json = (await runCli(['plan', '--boot', boot, '--format', 'json', 'fixtures/plan/ordering.toml'])).stdout;
    assertGolden(`plan/ordering.boot${boot}.json`, json);
  }
  const plan = JSON.parse((await runCli(['plan', '--format', 'json', 'fixtures/plan/ordering.toml'])).stdout);
  const commands = plan.stages.find((s: { id: string }) => s.id === 'bootstrap-commands');
  assert.equal(commands.order, 'sequential');
  assert.deepEqual(
    commands.steps.map((s: { name: string }) => s.name),
    ['10-x', '9-x', 'A-x', 'a', 'a-b'],
  );
  assert.deepEqual(
    commands.steps.map((s: { onFailure: string }) => s.onFailure),
    ['halts-preconfigured', 'continues', 'continues', 'halts-preconfigured', 'continues'],
  );
  const containers = plan.stages.find((s: { id: string }) => s.id === 'bootstrap-containers');
  assert.equal(containers.order, 'parallel');
  assert.deepEqual(
    containers.steps.map((s: { name: string; onFailure: string }) => [s.name, s.onFailure]),
    [
      ['setup-disks', 'halts-configured'],
      ['warm-cache', 'continues'],
    ],
  );
  assert.deepEqual(
    plan.skipped.map((s: { name: string; reason: string }) => [s.name, s.reason]),
    [
      ['zz-no-mode', 'no mode: it defaults to "off"'],
      ['zz-off', 'mode = "off"'],
    ],
  );
  assert.match(plan.digest, /^sha256:[0-9a-f]{64}$/);
  const second = JSON.parse((await runCli(['plan', '--boot', '2', '--format', 'json', 'fixtures/plan/ordering.toml'])).stdout);
  const names2 = second.stages.find((s: { id: string }) => s.id === 'bootstrap-commands').steps.map((s: { name: string }) => s.name);
  assert.deepEqual(names2, ['9-x', 'a'], 'once entries are off from boot 2');
  assert.notEqual(second.digest, plan.digest);
});

test('the plan knows the release: no bootstrap commands before 1.22.0, exit status unchecked before 1.32.0', async () => {
  const doc = '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=hi"]]\nmode = "always"\n';
  const p130 = JSON.parse((await runCli(['plan', '--format', 'json', '--os-version', '1.30.0', '-'], { stdin: doc })).stdout);
  assert.match(p130.stages.find((s: { id: string }) => s.id === 'bootstrap-commands').steps[0].caveats[0], /a non-zero exit is ignored/);
  const p131 = JSON.parse((await runCli(['plan', '--format', 'json', '--os-version', '1.31.0', '-'], { stdin: doc })).stdout);
  assert.match(p131.stages.find((s: { id: string }) => s.id === 'bootstrap-commands').steps[0].caveats[0], /non-zero exit is ignored/);
  const p132 = JSON.parse((await runCli(['plan', '--format', 'json', '--os-version', '1.32.0', '-'], { stdin: doc })).stdout);
  assert.equal(p132.stages.find((s: { id: string }) => s.id === 'bootstrap-commands').steps[0].caveats.length, 1);
});

test('the library API: check, compile, plan and parse from the package entry point', async () => {
  const brud = (await import('brud')) as typeof import('../src/index.js');
  const [result] = brud.check(readFileSync(join(ROOT, 'examples', 'userdata.toml')), { name: 'userdata.toml' });
  assert.equal(result.errorCount, 0);
  assert.equal(brud.compile(result).toml, (await runCli(['compile', 'examples/userdata.toml'])).stdout);
  assert.equal(brud.plan(result).digest, JSON.parse((await runCli(['plan', '--format', 'json', 'examples/userdata.toml'])).stdout).digest);
  const parsed = brud.parse('[settings]\nmotd = "x"\n');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.locate('/settings/motd'), { line: 2, column: 8, endLine: 2, endColumn: 11 });
  assert.throws(() => brud.compile('[settings]\nmotd = 1\n'), brud.CompileError);
});

test('commands that take one document refuse a directory or glob naming several, and never drop one silently', async (t) => {
  const dir = tmpFiles({
    'nodes/a.toml': '[settings]\nmotd = "a"\n',
    'nodes/b.toml': '[settings]\nmotd = "b"\n',
    'one/c.toml': '[settings]\nmotd = "c"\n',
  });
  for (const [command, ...rest] of [['compile'], ['plan'], ['diff', 'one/c.toml'], ['diff', '-']] as const) {
    for (const operand of ['nodes', 'nodes/*.toml']) {
      await t.test(`${command} ${operand} ${rest.join(' ')}`, async () => {
        const r = await runCli([command, operand, ...rest], { cwd: dir, stdin: '[settings]\n' });
        assert.equal(r.status, 2);
        assert.equal(r.stdout, '');
        assert.equal(
          r.stderr,
          `brud: ${command} takes one document, but ${operand} names 2 files (nodes/a.toml, nodes/b.toml); name one file\nRun "brud ${command} --help" for usage.\n`,
        );
      });
    }
  }
  await t.test('a directory or glob that names exactly one file is that file', async () => {
    assert.equal((await runCli(['compile', 'one'], { cwd: dir })).stdout, (await runCli(['compile', 'one/c.toml'], { cwd: dir })).stdout);
    assert.equal((await runCli(['plan', 'one/*.toml'], { cwd: dir })).status, 0);
  });
  await t.test('merge takes every file a directory names, in byte order, as layers', async () => {
    const r = await runCli(['merge', 'nodes'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /motd = "b"/);
    assert.match(r.stdout, /nodes\/a\.toml/);
    assert.match(r.stdout, /nodes\/b\.toml/);
  });
});

test('compile and plan of empty user-data say so (exit 1); diff treats it as no settings', async () => {
  for (const cmd of ['compile', 'plan']) {
    const r = await runCli([cmd, '-'], { stdin: '' });
    assert.equal(r.status, 1, cmd);
    assert.match(r.stderr, new RegExp(`holds no user-data: there is nothing to ${cmd}`));
    assert.doesNotMatch(r.stderr, /internal error/);
  }
  // every setting of the other side is added: one change per leaf setting, nothing else
  const d = await runCli(['diff', '--format', 'json', '-', 'examples/userdata.toml'], { stdin: '' });
  assert.equal(d.status, 1);
  const changes = (JSON.parse(d.stdout) as { changes: Array<{ op: string; pointer: string }> }).changes;
  const [example] = check(readFileSync(join(ROOT, 'examples', 'userdata.toml')));
  const leaves = (v: unknown, path: string): string[] =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v).flatMap(([k, x]) => leaves(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))
      : [path];
  assert.deepEqual(
    changes.map((c) => [c.op, c.pointer]),
    leaves(example!.document!.settings, '/settings')
      .sort()
      .map((p) => ['add', p]),
  );
  assert.ok(changes.length > 5);
  const both = await runCli(['diff', '-', 'examples/userdata.toml'], {
    stdin: '[settings.kubernetes]\ncluster-name = "a"\n[settings.ecs]\ncluster = "b"\n',
  });
  assert.equal(both.status, 1);
  assert.doesNotMatch(both.stderr, /internal error/);
});

test('the plan: reboot-to-reconcile adds a reboot stage before host containers; an ECS node starts the ECS agent', () => {
  const k8s = plan(
    '[settings.boot]\nreboot-to-reconcile = true\n[settings.boot.kernel-parameters]\n"console" = ["tty0"]\n[settings.kubernetes]\ncluster-name = "c"\n',
  );
  const ids = k8s.stages.map((s) => s.id);
  assert.ok(ids.indexOf('reboot-if-required') > ids.indexOf('bootstrap-containers'), ids.join(' '));
  assert.ok(ids.indexOf('reboot-if-required') < ids.indexOf('host-containers'), ids.join(' '));
  assert.deepEqual(
    k8s.stages.find((s) => s.id === 'reboot-if-required')!.steps.map((s) => [s.name, s.from]),
    [['reboot-if-required', 'settings.boot.reboot-to-reconcile']],
  );
  assert.equal(
    plan('[settings.boot]\nreboot-to-reconcile = false\n').stages.find((s) => s.id === 'reboot-if-required'),
    undefined,
  );
  const ecs = plan('[settings.ecs]\ncluster = "prod"\n');
  assert.deepEqual(
    ecs.stages.find((s) => s.id === 'orchestrator')!.steps.map((s) => [s.name, s.from]),
    [['ecs', 'ecs.service']],
  );
  assert.notDeepEqual(
    k8s.stages.find((s) => s.id === 'orchestrator')!.steps.map((s) => s.name),
    ['ecs'],
  );
});

test('compile writes floats as TOML floats: an integral one keeps ".0", and the bytes compile back the same', () => {
  for (const [written, expected] of [
    ['1.0', '1.0'],
    ['1', '1'],
    ['0.5', '0.5'],
    ['5e-1', '0.5'],
  ]) {
    const out = compile(`[settings.kubernetes]\nmemory-throttling-factor = ${written}\n`).toml;
    assert.match(out, new RegExp(`^memory-throttling-factor = ${expected.replace('.', '\\.')}$`, 'm'), written);
    assert.equal(compile(out).toml, out);
  }
});
