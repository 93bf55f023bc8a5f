// `brud diff`, `brud merge` and the `--wrapper` profiles, through the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assertGolden, runCli, tmpFiles } from './helpers.js';

const D = 'fixtures/diff';
const M = 'fixtures/merge';
const W = 'fixtures/wrappers';

type DiffOut = {
  equal: boolean;
  changes: Array<{ op: string; keyPath: string; old?: unknown; new?: unknown }>;
  plan: { equal: boolean; changes: Array<{ op: string; stage: string; step?: string; field?: string; old?: unknown; new?: unknown }> };
};

async function diff(...args: string[]): Promise<{ status: number; out: DiffOut }> {
  const r = await runCli(['diff', '--format', 'json', ...args]);
  return { status: r.status, out: JSON.parse(r.stdout) as DiffOut };
}

test('diff: formatting, comments, key order, dotted keys and inline tables make no difference (exit 0)', async () => {
  const r = await diff(`${D}/old.toml`, `${D}/old-reformatted.toml`);
  assert.equal(r.status, 0);
  assert.deepEqual(r.out.changes, []);
  assert.equal(r.out.plan.equal, true);
  assert.equal(
    (await runCli(['diff', `${D}/old.toml`, `${D}/old-reformatted.toml`])).stdout,
    `✔ ${D}/old.toml and ${D}/old-reformatted.toml configure the node the same way (formatting, order, spelling and aliases aside)\n`,
  );
  // aliases too
  assert.equal((await runCli(['diff', `${D}/creds-alias.toml`, `${D}/creds-canonical.toml`])).status, 0);
  assert.equal((await runCli(['diff', `${D}/creds-alias.toml`, `${D}/old.toml`])).status, 1);
});

test('diff: changes at several depths, a masked secret, and the plan (golden)', async () => {
  const r = await diff(`${D}/old.toml`, `${D}/new.toml`);
  assert.equal(r.status, 1);
  assert.deepEqual(
    r.out.changes.map((c) => [c.op, c.keyPath]),
    [
      ['change', 'settings.aws.credentials'],
      ['add', 'settings.bootstrap-commands.05-motd.commands'],
      ['add', 'settings.bootstrap-commands.05-motd.mode'],
      ['change', 'settings.bootstrap-commands.20-report.mode'],
      ['add', 'settings.kernel.sysctl."vm.max_map_count"'],
      ['change', 'settings.kubernetes.max-pods'],
      ['change', 'settings.kubernetes.node-labels."topology.example.com/zone-group"'],
    ],
  );
  assert.deepEqual(r.out.changes[0], {
    op: 'change',
    pointer: '/settings/aws/credentials',
    keyPath: 'settings.aws.credentials',
    old: '********',
    new: '********',
  });
  assert.deepEqual(r.out.plan.changes, [
    { op: 'add', stage: 'bootstrap-commands', step: '05-motd' },
    { op: 'change', stage: 'bootstrap-commands', step: '20-report', field: 'mode', old: 'once', new: 'always' },
    { op: 'reorder', stage: 'bootstrap-commands', step: '10-ephemeral-storage', old: 1, new: 2 },
    { op: 'reorder', stage: 'bootstrap-commands', step: '20-report', old: 2, new: 3 },
  ]);
  assertGolden('diff/old-new.txt', (await runCli(['diff', `${D}/old.toml`, `${D}/new.toml`])).stdout);
  assertGolden('diff/old-new.json', (await runCli(['diff', '--format', 'json', `${D}/old.toml`, `${D}/new.toml`])).stdout);
  // --show-secrets prints them
  const shown = (await diff('--show-secrets', `${D}/old.toml`, `${D}/new.toml`)).out.changes[0];
  assert.equal(shown.old, 'W2RlZmF1bHRdCmF3c19hY2Nlc3Nfa2V5X2lkID0gb2xkCg==');
  assert.ok(!(await runCli(['diff', `${D}/old.toml`, `${D}/new.toml`])).stdout.includes('W2RlZmF1bHRd'), 'no secret in the text output');
});

test('diff: a change in how bootstrap commands run shows in the plan', async () => {
  const r = await diff(`${D}/old.toml`, `${D}/plan-only.toml`);
  assert.equal(r.status, 1);
  assert.deepEqual(
    r.out.changes.map((c) => [c.keyPath, c.old, c.new]),
    [
      ['settings.bootstrap-commands.10-ephemeral-storage.essential', true, false],
      ['settings.bootstrap-commands.20-report.mode', 'once', 'off'],
    ],
  );
  assert.deepEqual(r.out.plan.changes, [
    { op: 'remove', stage: 'bootstrap-commands', step: '20-report' },
    { op: 'change', stage: 'bootstrap-commands', step: '10-ephemeral-storage', field: 'essential', old: true, new: false },
    {
      op: 'change',
      stage: 'bootstrap-commands',
      step: '10-ephemeral-storage',
      field: 'onFailure',
      old: 'halts-preconfigured',
      new: 'continues',
    },
  ]);
  assertGolden('diff/old-plan-only.txt', (await runCli(['diff', `${D}/old.toml`, `${D}/plan-only.toml`])).stdout);
});

test('diff: a file against its base64, gzip and launch-template forms is equal', async () => {
  const toml = readFileSync(`${D}/old.toml`);
  const lt = JSON.stringify({
    LaunchTemplateVersions: [{ VersionNumber: 7, LaunchTemplateData: { UserData: gzipSync(toml).toString('base64') } }],
  });
  for (const blob of [toml.toString('base64'), gzipSync(toml), lt]) {
    const r = await runCli(['diff', `${D}/old.toml`, '-'], { stdin: blob });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  }
});

test('diff: usage errors exit 2', async () => {
  assert.equal((await runCli(['diff', `${D}/old.toml`])).status, 2);
  assert.equal((await runCli(['diff', '-', '-'])).status, 2);
  assert.equal((await runCli(['diff', '-', `${D}/old.toml`], { stdin: 'not = [toml' })).status, 2);
});

test('merge: later layers win per key, tables merge, arrays are replaced (golden)', async () => {
  const r = await runCli([
    'merge',
    `${M}/base.toml`,
    `${M}/prod.toml`,
    '--set',
    'settings.kubernetes.max-pods=110',
    '--set',
    'settings.kernel.sysctl."vm.max_map_count"="262144"',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assertGolden('merge/base-prod.toml', r.stdout);
  assert.match(r.stdout, /cluster-name = "prod"/);
  assert.match(r.stdout, /max-pods = 110/);
  assert.match(r.stdout, /time-servers = \["169\.254\.169\.123"\]\n/);
  assert.match(r.stdout, /"env\.example\.com\/stage" = "prod"\n"team\.example\.com\/owner" = "platform"/);
  assert.match(r.stdout, /dedicated = \["general:NoSchedule", "general:NoExecute"\]/);
});

test('merge: a finding in the merged result points at the file and line that set the value', async () => {
  const r = await runCli(['merge', `${M}/base.toml`, `${M}/prod.toml`]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^fixtures\/merge\/prod\.toml:12:22: error: settings\.kernel\.sysctl\."vm\.max_map_count": expected a string, found an integer 262144/m,
  );
  const set = await runCli(['merge', `${M}/base.toml`, '--set', 'settings.kubernetes.max-pods="lots"']);
  assert.equal(set.status, 1);
  assert.match(set.stderr, /^--set\[1\]:1:32: error: settings\.kubernetes\.max-pods: expected an integer, found a string "lots"/m);
});

test('merge: a table in one layer and a value in another is an error at both places', async () => {
  const r = await runCli(['merge', `${M}/base.toml`, `${M}/conflict.toml`]);
  assert.equal(r.status, 1);
  const lines = r.stderr.split('\n').filter((l) => /\[merge\/conflict\]$/.test(l));
  assert.deepEqual(
    lines.map((l) => l.split(': error')[0]),
    ['fixtures/merge/base.toml:12:11', 'fixtures/merge/conflict.toml:2:1'],
  );
  assert.match(
    lines[0],
    /settings\.host-containers is a table in fixtures\/merge\/base\.toml but a string in fixtures\/merge\/conflict\.toml/,
  );
});

test('merge: --set values are TOML values; a bare word is refused with a hint', async () => {
  const r = await runCli(['merge', `${M}/base.toml`, '--set', 'settings.motd=hello']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /strings need quotes: --set 'settings\.motd="hello"'/);
});

test('--wrapper karpenter: what Karpenter overrides, drops and refuses (golden)', async () => {
  const r = await runCli(['compile', '--wrapper', 'karpenter', `${W}/karpenter.toml`]);
  assert.equal(r.status, 0, r.stderr);
  assertGolden('wrappers/karpenter.toml', r.stdout);
  assertGolden('wrappers/karpenter.stderr.txt', r.stderr);
  const rules = [...r.stderr.matchAll(/:(\d+):\d+: warning: .*\[(wrapper\/[a-z-]+)\]/g)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(rules, [
    [3, 'wrapper/overridden'],
    [4, 'wrapper/overridden'],
    [6, 'wrapper/dropped'],
    [10, 'wrapper/overridden'],
    [13, 'wrapper/overridden'],
    [16, 'wrapper/dropped'],
    [19, 'wrapper/dropped'],
  ]);
  const gc = await runCli(['compile', '--wrapper', 'karpenter', '-'], {
    stdin: '[settings.kubernetes]\nimage-gc-high-threshold-percent = 85\n',
  });
  assert.equal(gc.status, 1);
  assert.match(gc.stderr, /Karpenter reads settings\.kubernetes\.image-gc-high-threshold-percent as a string/);
});

test('--wrapper eksctl and eksctl-managed: the settings eksctl refuses, with its messages', async () => {
  const doc = '[settings.kubernetes]\ncluster-name = "x"\nmax-pods = 30\n[settings.kubernetes.node-labels]\nteam = "a"\n';
  const un = await runCli(['compile', '--wrapper', 'eksctl', '-'], { stdin: doc });
  assert.equal(un.status, 1);
  assert.match(
    un.stderr,
    /invalid Bottlerocket setting: use nodeGroups\[i\]\.maxPodsPerNode instead \(path=nodeGroups\[i\]\.bottlerocket\.settings\.kubernetes\.max-pods\)/,
  );
  assert.match(un.stderr, /use nodeGroups\[i\]\.labels instead/);
  const managed = await runCli(['compile', '--wrapper', 'eksctl-managed', '-'], { stdin: doc });
  assert.equal(managed.status, 1);
  assert.match(managed.stderr, /EKS automatically injects cluster bootstrapping fields into user-data/);
  assert.doesNotMatch(managed.stderr, /max-pods.*\[wrapper\/refused\]/);
});

test('--wrapper eks-managed: user values win; spellings EKS refuses are errors at their line', async () => {
  const r = await runCli(['compile', '--wrapper', 'eks-managed', `${W}/eks.toml`]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /eks\.toml:8:2: error: EKS managed node groups do not accept quoted keys in table headers/);
  assert.match(
    r.stderr,
    /eks\.toml:6:1: warning: EKS sets its own eks\.amazonaws\.com\/\* node labels; "eks\.amazonaws\.com\/nodegroup" collides with them/,
  );
  const ok = await runCli(['compile', '--wrapper', 'eks-managed', '-'], { stdin: '[settings.kubernetes]\nmax-pods = 110\n' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /# {3}settings\.kubernetes\.cluster-name\n/);
  assert.doesNotMatch(ok.stdout, /# {3}settings\.kubernetes\.max-pods\n/, 'the user set max-pods: EKS keeps it');
  assert.match(ok.stdout, /max-pods = 110/);
});

test('--wrapper on diff and merge applies the same profile', async () => {
  const r = await runCli(['diff', '--format', 'json', '--wrapper', 'karpenter', `${W}/karpenter.toml`, '-'], {
    stdin: readFileSync(`${W}/karpenter.toml`, 'utf8').replace('cluster-name = "set-by-user"', 'cluster-name = "other"'),
  });
  assert.equal(r.status, 0, 'cluster-name is Karpenter’s either way');
  const m = await runCli(['merge', '--wrapper', 'karpenter', `${W}/karpenter.toml`]);
  assert.equal(m.status, 0, m.stderr);
  assert.doesNotMatch(m.stdout, /set-by-user/);
});

test('--wrapper eks-managed accepts multi-line arrays and the bundled example', async () => {
  assert.equal((await runCli(['compile', '--wrapper', 'eks-managed', 'examples/userdata.toml'])).status, 0);
});

test('merge: a layer that does not parse, or cannot be read, stops the merge and names the layer', async () => {
  const dir = tmpFiles({ 'base.toml': '[settings]\nmotd = "a"\n', 'broken.toml': '[settings\nmotd = "b"\n' });
  const broken = await runCli(['merge', 'base.toml', 'broken.toml'], { cwd: dir });
  assert.equal(broken.status, 1);
  assert.equal(broken.stdout, '');
  assert.match(broken.stderr, /^broken\.toml:\d+:\d+: error: .*\[parse\/syntax\]/m);
  const missing = await runCli(['merge', 'base.toml', 'missing.toml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /missing\.toml/);
});

test('REV:PATH reads a file as a git revision has it: brud diff main:f f compares with the committed version', async () => {
  const dir = tmpFiles({ 'nodes/a.toml': '[settings]\nmotd = "old"\n' });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(dir, 'nodes/a.toml'), '[settings]\nmotd = "new"\n');
  const d = await runCli(['diff', 'main:nodes/a.toml', 'nodes/a.toml'], { cwd: dir });
  assert.equal(d.status, 1, d.stderr); // different
  assert.match(d.stdout, /^main:nodes\/a\.toml → nodes\/a\.toml: 1 setting changed/);
  assert.match(d.stdout, /~ settings\.motd: "old" → "new"/);
  // relative to the working directory when written REV:./PATH, and in plan and compile too
  const plan = await runCli(['plan', 'HEAD:./a.toml'], { cwd: join(dir, 'nodes') });
  assert.equal(plan.status, 0, plan.stderr);
  assert.match(plan.stdout, /^Boot plan for HEAD:\.\/a\.toml:/);
  // a path the revision does not have, or a revision that does not exist: cannot read, exit 2
  const missing = await runCli(['diff', 'main:nodes/b.toml', 'nodes/a.toml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(
    missing.stderr,
    /^brud: cannot read main:nodes\/b\.toml: git cat-file main:nodes\/b\.toml: path 'nodes\/b\.toml' does not exist in 'main'/m,
  );
  const noRev = await runCli(['compile', 'nope:nodes/a.toml'], { cwd: dir });
  assert.equal(noRev.status, 2);
  assert.match(noRev.stderr, /cannot read nope:nodes\/a\.toml: git cat-file nope:nodes\/a\.toml: /);
  // a file that has that very name is read as a file
  writeFileSync(join(dir, 'x:y.toml'), '[settings]\nmotd = "file"\n');
  assert.match((await runCli(['compile', 'x:y.toml'], { cwd: dir })).stdout, /motd = "file"/);
});

test('REV:PATH that is a directory, a symbolic link or a name with a newline in the revision: said so, exit 2', async () => {
  const dir = tmpFiles({ 'nodes/a.toml': '[settings]\nmotd = "old"\n' });
  symlinkSync('a.toml', join(dir, 'nodes', 'link.toml'));
  writeFileSync(join(dir, 'nodes', 'c\u001b[31m\n::error::x.toml'), '[settings]\nmotd = "nl"\n');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  rmSync(join(dir, 'nodes', 'c\u001b[31m\n::error::x.toml'));
  const tree = await runCli(['diff', 'HEAD:nodes', 'nodes/a.toml'], { cwd: dir });
  assert.equal(tree.status, 2);
  assert.match(tree.stderr, /^brud: cannot read HEAD:nodes: nodes is a directory in HEAD, not a file/m);
  const link = await runCli(['diff', 'HEAD:./link.toml', 'a.toml'], { cwd: join(dir, 'nodes') });
  assert.equal(link.status, 2);
  assert.match(link.stderr, /^brud: cannot read HEAD:\.\/link\.toml: \.\/link\.toml is a symbolic link in HEAD \(to a\.toml\)/m);
  assert.doesNotMatch(link.stderr, /parse\/syntax/);
  // a path with a newline is a REV:PATH too: read from the revision, and its name escaped in what brud says
  const nl = await runCli(['compile', 'HEAD:nodes/c\u001b[31m\n::error::x.toml'], { cwd: dir });
  assert.equal(nl.status, 0, nl.stderr);
  assert.match(nl.stdout, /motd = "nl"/);
  const gone = await runCli(['plan', 'HEAD:nodes/d\u001b[31m\n::error::x.toml'], { cwd: dir });
  assert.equal(gone.status, 2);
  assert.match(gone.stderr, /^brud: cannot read HEAD:nodes\/d\\u001b\[31m\\n::error::x\.toml: git cat-file .*does not exist in 'HEAD'/m);
  assert.equal(gone.stderr.split('\n').filter((l) => l.startsWith('::')).length, 0);
});
