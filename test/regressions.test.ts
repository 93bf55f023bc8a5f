// Defects found in review, each pinned by the behaviour a user sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli, checkText } from './helpers.js';

const BIN = join(ROOT, 'bin', 'brud.js');

async function errors(args: string[], stdin?: string) {
  const r = await runCli(['check', '--format', 'json', ...args], { stdin });
  return {
    status: r.status,
    diags: (
      JSON.parse(r.stdout) as { results: Array<{ diagnostics: Array<{ ruleId: string; line: number; column: number; message: string }> }> }
    ).results.flatMap((x) => x.diagnostics),
  };
}

test('brud schema without --variant admits the namespaces of every variant', async () => {
  const s = JSON.parse((await runCli(['schema'])).stdout) as { $defs: { settings: { properties: Record<string, unknown> } } };
  const ns = Object.keys(s.$defs.settings.properties);
  for (const n of ['kubernetes', 'ecs', 'kubelet-device-plugins', 'bootstrap-commands']) assert.ok(ns.includes(n), n);
});

test('--wrapper eks-managed accepts multi-line arrays and the bundled example', async () => {
  assert.equal((await runCli(['compile', '--wrapper', 'eks-managed', 'examples/userdata.toml'])).status, 0);
});

test("a directory's brud.toml is configuration, not user-data", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-cfgdir-'));
  mkdirSync(join(dir, 'nodes'));
  writeFileSync(join(dir, 'brud.toml'), 'variant = "aws-k8s-1.31"\n');
  writeFileSync(join(dir, 'nodes', 'a.toml'), '[settings]\nmotd = "x"\n');
  const out = JSON.parse((await runCli(['check', '--format', 'json', '.'], { cwd: dir })).stdout) as { results: Array<{ file: string }> };
  assert.deepEqual(
    out.results.map((r) => r.file),
    [join('nodes', 'a.toml')],
  );
});

test('integers beyond 64 bits are a TOML error, as in Bottlerocket', async () => {
  const r = await errors(['-'], '[settings.ecs]\nmetadata-service-rps = 9223372036854775808\n');
  assert.deepEqual(
    r.diags.map((d) => [d.ruleId, d.line, d.column]),
    [['parse/syntax', 2, 24]],
  );
  assert.match(r.diags[0].message, /integer out of range/);
  assert.equal((await errors(['-'], '[settings.ecs]\nmetadata-service-rps = 9223372036854775807\n')).status, 0);
});

test('--quiet hides warnings but keeps --strict and --max-warnings', async () => {
  assert.equal((await runCli(['check', '--quiet', '--strict', 'fixtures/userdata/warnings-only.toml'])).status, 1);
  assert.equal((await runCli(['check', '--quiet', '--max-warnings', '0', 'fixtures/userdata/warnings-only.toml'])).status, 1);
});

test('compile and plan of empty user-data say so (exit 1); diff treats it as no settings', async () => {
  for (const cmd of ['compile', 'plan']) {
    const r = await runCli([cmd, '-'], { stdin: '' });
    assert.equal(r.status, 1, cmd);
    assert.match(r.stderr, new RegExp(`holds no user-data: there is nothing to ${cmd}`));
    assert.doesNotMatch(r.stderr, /internal error/);
  }
  const d = await runCli(['diff', '--format', 'json', '-', 'examples/userdata.toml'], { stdin: '' });
  assert.equal(d.status, 1);
  assert.ok((JSON.parse(d.stdout) as { changes: unknown[] }).changes.length > 5);
  const both = await runCli(['diff', '-', 'examples/userdata.toml'], {
    stdin: '[settings.kubernetes]\ncluster-name = "a"\n[settings.ecs]\ncluster = "b"\n',
  });
  assert.equal(both.status, 1);
  assert.doesNotMatch(both.stderr, /internal error/);
});

test('an invalid glob, /dev/zero and an endless pipe end cleanly with exit 2', async () => {
  const g = await runCli(['check', '[z-a].toml']);
  assert.equal(g.status, 2);
  assert.match(g.stdout, /is not a valid glob pattern \[io\/unreadable\]/);
  const z = spawnSync(process.execPath, [BIN, 'check', '/dev/zero'], { encoding: 'utf8', timeout: 20000 });
  assert.equal(z.status, 2);
  assert.match(z.stdout, /input is over 1048576 bytes/);
});

test('a reader that goes away early is not an error', async () => {
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
  ) as { results: unknown[] };
  assert.equal(out.results.length, 2);
});

test('the library refuses options it cannot use, with a clear error', async () => {
  const brud = (await import('brud')) as typeof import('../src/index.js');
  assert.throws(() => brud.check('[settings]\n', { variant: 'bogus' }), brud.OptionError);
  assert.throws(() => brud.check('[settings]\n', { osVersion: 'one' }), /osVersion must be a Bottlerocket release/);
});

test('messages: allowed forms for the release, the branch that fits, the key path, useful hints', async () => {
  const taints = checkText('x.toml', '[settings.kubernetes.node-taints]\ndedicated = ["a:NoSchedule"]\n', { osVersion: '1.2.0' });
  assert.match(taints.diagnostics[0].message, /accepted from Bottlerocket 1\.6\.0; Bottlerocket 1\.2\.0 expects a string\./);
  const limit = checkText('x.toml', '[settings.oci-defaults.resource-limits.max-open-files]\nhard-limit = -2\nsoft-limit = 1\n');
  assert.match(limit.diagnostics[0].message, /hard-limit: must be at least -1, found -2/);
  const float = checkText('x.toml', '[settings.kubernetes]\nmax-pods = 110.0\n');
  assert.match(float.diagnostics[0].message, /^settings\.kubernetes\.max-pods: expected an integer, found a float 110\.0/);
  const sysctl = checkText('x.toml', '[settings.kernel.sysctl]\nvm.swappiness = "10"\n');
  assert.match(sysctl.diagnostics[0].message, /TOML split a key at its dots; quote it: "vm\.swappiness" = "10"/);
  const label = checkText('x.toml', '[settings.kubernetes]\nnode-labels.team.example.com/owner = "x"\n');
  assert.match(label.diagnostics[0].message, /a key that contains "\/" \(a label or taint key\) must be quoted/);
  const key = checkText('x.toml', '[settings.kubernetes.kube-reserved]\nmemroy = "1Gi"\n');
  assert.match(key.diagnostics[0].message, /did you mean "memory"\?/);
  const dns = checkText('x.toml', '[settings.kubernetes]\ncluster-dns-ip = 5\n');
  assert.doesNotMatch(dns.diagnostics[0].message, /quote it/);
  assert.match(
    (await runCli(['explain', 'kernel.sysctl.vm.swappiness'])).stderr,
    /quote a key that contains dots, e\.g\. settings\.kernel\.sysctl\."vm\.swappiness"/,
  );
});

test('GitHub annotations for decoded input point at the file, and say where in the decoded text', async () => {
  const b64 = Buffer.from('[settings.kubernetes]\nmax-pods = "58"\n').toString('base64');
  const out = (await runCli(['check', '--format', 'github', '--stdin-filename', 'ud.b64', '-'], { stdin: b64 })).stdout;
  assert.match(out, /^::error file=ud\.b64,line=1,title=brud schema\/type::decoded user-data line 2, column 12: /m);
});

test('a broken config above the working directory does not block checking files that have their own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-cfg2-'));
  mkdirSync(join(dir, 'other'));
  mkdirSync(join(dir, 'nodes'));
  writeFileSync(join(dir, 'other', 'brud.toml'), 'nonsense = 1\n');
  writeFileSync(join(dir, 'nodes', 'brud.toml'), 'variant = "aws-k8s-1.31"\n');
  writeFileSync(join(dir, 'nodes', 'a.toml'), '[settings]\nmotd = "x"\n');
  assert.equal((await runCli(['check', '../nodes/a.toml'], { cwd: join(dir, 'other') })).status, 0);
});

test('no command, or help for an unknown one, is a usage error', async () => {
  const none = await runCli([]);
  assert.equal(none.status, 2);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /Usage: brud <command>/);
  assert.equal((await runCli(['help', 'nope'])).status, 2);
});

test('a setting written at the wrong level says where it belongs', async () => {
  const r = checkText('x.toml', 'hostname = "a"\n[settings]\ncluster-name = "x"\n');
  assert.match(r.diagnostics[0].message, /did you mean "settings\.network\.hostname"\?/);
  assert.match(r.diagnostics[1].message, /unknown key "cluster-name" in settings; it belongs in settings\.kubernetes\./);
});

test('value rules that changed between releases follow the target release', async () => {
  const doc = '[settings.kubernetes]\ncluster-name = "my.cluster"\ncluster-certificate = "aGk"\n';
  const rules = (os?: string) => checkText('x.toml', doc, os ? { osVersion: os } : {}).diagnostics.map((d) => [d.ruleId, d.line]);
  // cluster-name: a label value before 1.30.0, the EKS-style name after; base64 padding: optional before 1.20.0
  assert.deepEqual(rules('1.19.0'), []);
  assert.deepEqual(rules('1.29.0'), [['schema/invalid-value', 3]]);
  assert.deepEqual(rules(), [
    ['schema/invalid-value', 2],
    ['schema/invalid-value', 3],
  ]);
  const trailing = checkText('x.toml', '[settings.kubernetes]\ncluster-name = "trailing-"\n', { osVersion: '1.29.0' });
  assert.match(trailing.diagnostics[0].message, /not valid on Bottlerocket 1\.29\.0 \(a Kubernetes label value/);
  // the released models refuse only line breaks in single-line strings, and take a multi-line command
  assert.deepEqual(
    checkText('x.toml', '[[settings.container-registry.credentials]]\nregistry = "r"\npassword = "p\\tw"\n').diagnostics,
    [],
  );
  assert.equal(
    checkText(
      'x.toml',
      '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\ncommand = ["sh", "-c", """\necho a\necho b\n"""]\n',
    ).errorCount,
    0,
  );
});
