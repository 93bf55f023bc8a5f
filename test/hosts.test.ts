// User-data where it lives (issue 11): Kubernetes manifests with Karpenter EC2NodeClasses, each finding
// at its line and column in the host file. The fixtures of fixtures/hosts/ (SOURCES.md cites the docs
// they were written from) are checked against the findings their `.expected` files list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, checkAsync, checkOne, compile, InputError, isHostFormat, loadHostFormats } from '../src/index.js';
import { FIXTURES, ROOT, runCli, tmpFiles } from './helpers.js';

interface Result {
  file: string;
  errorCount: number;
  target?: { osVersion: string };
  diagnostics: Array<{ ruleId: string; messageId: string; line: number; column: number; severity: string }>;
}

async function checkJson(args: string[], stdin?: string): Promise<{ status: number; results: Result[] }> {
  const r = await runCli(['check', '--format', 'json', ...args], stdin === undefined ? {} : { stdin });
  return { status: r.status, results: (JSON.parse(r.stdout) as { results: Result[] }).results };
}

/** `name.yaml#Kind/x:line:col severity rule message` for every finding, the file shown without its folder. */
function lines(results: Result[]): string[] {
  return results.flatMap((x) => {
    const hash = x.file.indexOf('#');
    const shown = x.file.slice(x.file.lastIndexOf('/', hash < 0 ? x.file.length : hash) + 1);
    return x.diagnostics.map((d) => `${shown}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.messageId}`);
  });
}

const HOSTS = join(FIXTURES, 'hosts');

for (const dir of readdirSync(HOSTS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const name of readdirSync(join(HOSTS, dir.name)).filter((n) => !n.endsWith('.expected') && !n.endsWith('.md'))) {
    test(`fixtures/hosts/${dir.name}/${name} gives the findings it expects, at host-file positions`, async () => {
      const expected = readFileSync(join(HOSTS, dir.name, name.replace(/\.[^.]+$/, '.expected')), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean);
      const { results } = await checkJson([join('fixtures', 'hosts', dir.name, name)]);
      assert.deepEqual(lines(results), expected);
    });
  }
}

test('every host fixture is cited in SOURCES.md', () => {
  const sources = readFileSync(join(HOSTS, 'SOURCES.md'), 'utf8');
  for (const dir of readdirSync(HOSTS, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const name of readdirSync(join(HOSTS, dir.name)).filter((n) => !n.endsWith('.expected')))
      assert.ok(sources.includes(`\`${dir.name}/${name}\``), `${dir.name}/${name} is not in SOURCES.md`);
});

const NODECLASS = (userData: string, terms = '  amiSelectorTerms:\n    - alias: bottlerocket@latest\n') =>
  `apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: web\nspec:\n${terms}  userData: |\n${userData
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n')}`;

test('a manifest on stdin (helm template | brud check -) is recognized by content, each node class named', async () => {
  const text = readFileSync(join(HOSTS, 'karpenter', 'nodepool-and-nodeclasses.yaml'), 'utf8');
  const { status, results } = await checkJson(['-'], text);
  assert.equal(status, 1);
  assert.deepEqual(
    results.map((r) => r.file),
    ['<stdin>#EC2NodeClass/gpu'],
  );
  assert.equal(results[0]!.target?.osVersion, '1.26.2', 'the alias bottlerocket@v1.26.2 sets the release');
});

test('--os-version beats the release of the alias', async () => {
  const { results } = await checkJson(['--os-version', '1.30.0', join('fixtures', 'hosts', 'karpenter', 'nodepool-and-nodeclasses.yaml')]);
  assert.equal(results[0]!.target?.osVersion, '1.30.0');
});

test('a TOML error inside the block scalar points into the YAML file, indentation included', async () => {
  const yaml = NODECLASS('[settings.kubernetes]\ncluster-name = "x\n');
  const [doc] = await checkAsync(yaml, { name: 'nc.yaml' });
  assert.equal(doc!.file, 'nc.yaml#EC2NodeClass/web');
  const d = doc!.diagnostics[0]!;
  assert.equal(d.ruleId, 'parse/syntax');
  assert.equal(d.line, 10);
  assert.ok(d.column > 4, `column ${d.column} is inside the indented line`);
  assert.equal(doc!.source, yaml, 'code frames show the YAML file');
  assert.equal(doc!.host?.format, 'kubernetes');
});

test('a plain TOML check never loads the YAML parser; a YAML one without loading it says how', () => {
  const script = `
    const brud = await import(${JSON.stringify(join(ROOT, 'dist', 'src', 'index.js'))});
    brud.check('[settings.kubernetes]\\ncluster-name = "a"\\n');
    const loaded = Object.keys((await import('node:module')).default._cache ?? {}).some((k) => k.includes('node_modules/yaml/'));
    let error = '';
    try { brud.check('apiVersion: karpenter.k8s.aws/v1\\nkind: EC2NodeClass\\n', { name: 'x.yaml' }); } catch (e) { error = e.constructor.name + ': ' + e.message; }
    console.log(JSON.stringify({ loaded, error }));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const { loaded, error } = JSON.parse(out.stdout) as { loaded: boolean; error: string };
  assert.equal(loaded, false);
  assert.match(error, /^InputError: x\.yaml is YAML: .*loadHostFormats/);
  // the CLI bundle carries the parser as a module initialized on first use (loadYaml), not at start-up
  const bundle = readFileSync(join(ROOT, 'dist', 'brud.cjs'), 'utf8');
  assert.ok(!bundle.includes('require("yaml")'), 'the bundle does not load the parser from node_modules');
  assert.match(bundle, /require_dist=__commonJS\(\{"node_modules\/yaml\/dist\/index\.js"\(/);
  // initialized only inside loadYaml (both of its branches), nowhere at the top level
  const loader = /async function loadYaml\(\)\{return loaded\?\?=typeof require=="function"\?require_dist\(\)[^}]*\}/.exec(bundle);
  assert.ok(loader, 'loadYaml initializes the parser');
  assert.equal(bundle.match(/require_dist\(\)/g)?.length, loader[0].match(/require_dist\(\)/g)?.length);
});

test('isHostFormat: manifests by content or by name, CloudFormation and Terraform JSON; TOML and launch templates are not', () => {
  assert.equal(isHostFormat('apiVersion: v1\nkind: ConfigMap\n'), true);
  assert.equal(isHostFormat('foo: 1\n', 'values.yml'), true);
  assert.equal(isHostFormat('[settings]\nmotd = "hi"\n', 'x.toml'), false);
  assert.equal(isHostFormat('{"LaunchTemplateData": {"UserData": ""}}'), false);
  assert.equal(isHostFormat('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}'), true);
  assert.equal(isHostFormat('{"format_version": "1.2", "terraform_version": "1.9.0"}'), true);
});

test('node classes that are not Bottlerocket are left alone; a file without any says there is nothing to check', async () => {
  const other = NODECLASS('#!/bin/bash\necho hi\n', '  amiSelectorTerms:\n    - alias: al2023@latest\n');
  const { status, results } = await checkJson(['--stdin-filename', 'al.yaml', '-'], other);
  assert.equal(status, 0);
  assert.deepEqual(lines(results), ['al.yaml:1:1 info input/no-user-data hostNone']);
});

test('a Bottlerocket node class without userData, or with userData that is not a string, is said so at the key', async () => {
  await loadHostFormats();
  const none = 'apiVersion: karpenter.k8s.aws/v1beta1\nkind: EC2NodeClass\nmetadata:\n  name: a\nspec:\n  amiFamily: Bottlerocket\n';
  const [a] = check(none, { name: 'a.yaml' });
  assert.deepEqual(
    a!.diagnostics.map((d) => [d.ruleId, d.messageId, d.line]),
    [['input/no-user-data', 'karpenterNone', 1]],
  );
  const [b] = check(none + '  userData:\n    settings: {}\n', { name: 'b.yaml' });
  assert.deepEqual(
    b!.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column]),
    [['input/not-toml', 'hostNotString', 7, 3]],
  );
});

test('a duplicate userData key is a YAML error at the second key; an alias with no anchor in its document is said to be one', async () => {
  await loadHostFormats();
  const head = 'apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: a\nspec:\n  amiFamily: Bottlerocket\n';
  const twice = `${head}  userData: |\n    [settings.kubernetes]\n    max-pods = 1\n  userData: |\n    [settings.kubernetes]\n    max-pods = "2"\n`;
  const [dup] = check(twice, { name: 'dup.yaml' });
  assert.deepEqual(
    dup!.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column]),
    [['input/host-syntax', 'syntax', 10, 3]],
  );
  assert.match(dup!.diagnostics[0]!.message, /spec\.userData is given twice/);
  // *u names an anchor of the document before "---": undefined here (YAML anchors are per document)
  const across = `x: &u |\n  [settings]\n---\n${head}  userData: *u\n`;
  const docs = check(across, { name: 'alias.yaml' });
  const alias = docs.find((d) => d.file === 'alias.yaml#EC2NodeClass/a')!;
  assert.deepEqual(
    alias.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column]),
    [['input/host-syntax', 'syntax', 10, 13]],
  );
  assert.match(alias.diagnostics[0]!.message, /the alias \*u in spec\.userData names no anchor &u/);
  // an anchor in the same document is what the alias stands for: that text is checked
  const [same] = check(`${head}  metadata2: &u |\n    [settings]\n    motd = 3\n  userData: *u\n`, { name: 's.yaml' });
  assert.deepEqual(
    same!.diagnostics.map((d) => d.ruleId),
    ['schema/type'],
  );
});

test('YAML that does not parse is one finding at its place, per document', async () => {
  await loadHostFormats();
  const text = 'apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nspec: [a\n---\napiVersion: v1\nkind: ConfigMap\n';
  const docs = check(text, { name: 'bad.yaml' });
  assert.equal(docs[0]!.file, 'bad.yaml#1');
  assert.equal(docs[0]!.diagnostics[0]!.ruleId, 'input/host-syntax');
  assert.equal(docs[0]!.diagnostics[0]!.line, 4, 'where the flow sequence should have ended');
});

test('base64 user-data in a node class is decoded; its findings point at the userData key', async () => {
  await loadHostFormats();
  const toml = Buffer.from('[settings.kubernetes]\nmax-pods = "1"\n').toString('base64');
  const text = `apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: b64\nspec:\n  amiFamily: Bottlerocket\n  userData: ${toml}\n`;
  const [r] = check(text, { name: 'b.yaml' });
  const type = r!.diagnostics.find((d) => d.ruleId === 'schema/type')!;
  assert.deepEqual([type.line, type.column], [7, 3]);
});

test('compile, plan and diff take a node class: one named with file#EC2NodeClass/name, the Karpenter wrapper implied', async () => {
  const dir = tmpFiles({
    'old.yaml': NODECLASS('[settings.kubernetes]\nkube-api-qps = 30\ncluster-name = "mine"\n'),
    'new.yaml':
      NODECLASS('[settings.kubernetes]\nkube-api-qps = 40\n') +
      '---\n' +
      NODECLASS('[settings]\nmotd = "x"\n').replace('name: web', 'name: api'),
  });
  const compiled = await runCli(['compile', 'old.yaml'], { cwd: dir });
  assert.equal(compiled.status, 0, compiled.stderr);
  assert.match(compiled.stdout, /As received through Karpenter/);
  assert.doesNotMatch(compiled.stdout, /cluster-name = "mine"/, 'Karpenter replaces the cluster name');
  assert.match(compiled.stderr, /old\.yaml#EC2NodeClass\/web:11:5: warning: .*\[wrapper\/overridden\]/);
  const two = await runCli(['compile', 'new.yaml'], { cwd: dir });
  assert.equal(two.status, 2);
  assert.match(two.stderr, /new\.yaml holds 2 user-data documents \(new\.yaml#EC2NodeClass\/web, new\.yaml#EC2NodeClass\/api\)/);
  const one = await runCli(['plan', 'new.yaml#EC2NodeClass/api'], { cwd: dir });
  assert.equal(one.status, 0, one.stderr);
  const missing = await runCli(['plan', 'new.yaml#EC2NodeClass/nope'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /has no document EC2NodeClass\/nope/);
  const diff = await runCli(['diff', '--format', 'json', 'old.yaml', 'new.yaml#EC2NodeClass/web'], { cwd: dir });
  assert.equal(diff.status, 1, diff.stderr);
  const changes = (JSON.parse(diff.stdout) as { changes: Array<{ keyPath: string }> }).changes.map((c) => c.keyPath);
  assert.deepEqual(changes, ['settings.kubernetes.kube-api-qps']);
});

test('checkOne names the documents of a manifest when it holds several', async () => {
  await loadHostFormats();
  const text = NODECLASS('[settings]\nmotd = "a"\n') + '---\n' + NODECLASS('[settings]\nmotd = "b"\n').replace('name: web', 'name: api');
  assert.throws(() => checkOne(text, { name: 'n.yaml' }), InputError);
  assert.equal(checkOne(text, { name: 'n.yaml', document: 'EC2NodeClass/api' }).file, 'n.yaml#EC2NodeClass/api');
  assert.match(compile(checkOne(text, { name: 'n.yaml', document: 'EC2NodeClass/api' })).toml, /motd = "b"/);
});

test('user-data in a double-quoted YAML string points at its exact place, escapes counted; a node class without a name is named by its place', async () => {
  await loadHostFormats();
  const text =
    'apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nspec:\n  amiFamily: Bottlerocket\n  userData: "[settings.kubernetes]\\nmax-pods = \\"1\\"\\n"\n';
  const [r] = check(text, { name: 'q.yaml' });
  assert.equal(r!.file, 'q.yaml#EC2NodeClass/1');
  const type = r!.diagnostics.find((d) => d.ruleId === 'schema/type')!;
  assert.deepEqual([type.line, type.column], [5, 48], 'the escaped quote of the value, exactly');
});

test('a brud-disable-next-line comment inside the block scalar suppresses the finding on its next line', async () => {
  await loadHostFormats();
  const text = NODECLASS(
    '# brud-disable-next-line bootstrap/mode-missing\n[settings.bootstrap-commands.a]\ncommands = [["apiclient", "get", "os"]]\n',
  );
  // (Karpenter's own finding about the entry without mode stays: it is not a lint rule)
  const [r] = check(text, { name: 's.yaml' });
  assert.deepEqual(
    r!.diagnostics.map((d) => d.ruleId),
    ['wrapper/dropped'],
  );
  const [unsuppressed] = check(text.replace('# brud-disable-next-line bootstrap/mode-missing', '# a comment'), { name: 's.yaml' });
  assert.deepEqual(
    unsuppressed!.diagnostics.map((d) => [d.ruleId, d.line]),
    [
      ['bootstrap/mode-missing', 10],
      ['wrapper/dropped', 10],
    ],
  );
});

const CLUSTER = (version: string, groups: string) =>
  `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: c\n  version: ${version}\n${groups}`;

test('eksctl: metadata.version names the variant (GPU instance types the NVIDIA one), as written', async () => {
  await loadHostFormats();
  const groups = (type: string) =>
    `nodeGroups:\n  - name: a\n    instanceType: ${type}\n    amiFamily: Bottlerocket\n    bottlerocket:\n      settings:\n        motd: hi\n`;
  assert.equal(check(CLUSTER('1.30', groups('m5.large')), { name: 'c.yaml' })[0]!.target?.variant?.name, 'aws-k8s-1.30');
  assert.equal(check(CLUSTER('"1.31"', groups('g5.xlarge')), { name: 'c.yaml' })[0]!.target?.variant?.name, 'aws-k8s-1.31-nvidia');
  assert.equal(
    check(CLUSTER('"1.31"', groups('g5.xlarge')), { name: 'c.yaml', variant: 'aws-k8s-1.32' })[0]!.target?.variant?.name,
    'aws-k8s-1.32',
  );
  assert.equal(check(CLUSTER('latest', groups('m5.large')), { name: 'c.yaml' })[0]!.target?.variant, undefined);
});

test('eksctl: a node group without settings, and a null value, are said so at their YAML keys', async () => {
  await loadHostFormats();
  const text = CLUSTER(
    '"1.31"',
    'managedNodeGroups:\n  - name: bare\n    amiFamily: Bottlerocket\n  - name: empty\n    amiFamily: Bottlerocket\n    bottlerocket:\n      settings:\n        motd:\n        kubernetes:\n          node-taints:\n            - a\n',
  );
  const results = check(text, { name: 'c.yaml' });
  assert.deepEqual(
    results.map((r) => [r.file, r.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column])]),
    [
      ['c.yaml#managedNodeGroups/bare', [['input/no-user-data', 'eksctlNone', 7, 5]]],
      [
        'c.yaml#managedNodeGroups/empty',
        [
          ['input/not-toml', 'yamlNull', 13, 9],
          ['wrapper/refused', 'eksctlManagedLabels', 15, 11],
          ['schema/type', 'type', 16, 13],
        ],
      ],
    ],
  );
});

test('eksctl: compile gives the settings eksctl writes, without the keys it refuses', async () => {
  const r = await runCli(['compile', 'fixtures/hosts/eksctl/cluster.yaml#managedNodeGroups/mng-bottlerocket']);
  assert.equal(r.status, 1, 'the misspelt namespace is an error');
  const dir = tmpFiles({
    'c.yaml': CLUSTER(
      '"1.31"',
      'nodeGroups:\n  - name: ng\n    amiFamily: Bottlerocket\n    bottlerocket:\n      settings:\n        motd: hi\n        kubernetes:\n          cluster-name: x\n          max-pods: 20\n',
    ),
  });
  const compiled = await runCli(['compile', 'c.yaml'], { cwd: dir });
  assert.equal(compiled.status, 1, 'eksctl refuses max-pods in bottlerocket.settings');
  assert.match(compiled.stderr, /c\.yaml#nodeGroups\/ng:13:11: warning: eksctl always writes settings\.kubernetes\.cluster-name/);
  assert.match(compiled.stderr, /c\.yaml#nodeGroups\/ng:14:11: error: eksctl refuses it/);
  const ok = tmpFiles({
    'c.yaml': CLUSTER(
      '"1.31"',
      'nodeGroups:\n  - name: ng\n    amiFamily: Bottlerocket\n    bottlerocket:\n      settings:\n        motd: hi\n        kubernetes:\n          cluster-name: x\n',
    ),
  });
  const written = await runCli(['compile', 'c.yaml'], { cwd: ok });
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stdout, /As received through eksctl nodeGroups/);
  assert.match(written.stdout, /^motd = "hi"$/m);
  assert.doesNotMatch(written.stdout, /cluster-name = "x"/);
});

const CFN = (userData: string, image = '!Ref BottlerocketAmi') =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  LT:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ${image}\n        UserData:\n${userData}`;

test('CloudFormation: Fn::Sub with a variable map fills its literal values; Fn::Join is said to be computed', async () => {
  await loadHostFormats();
  const sub = CFN(
    '          Fn::Base64:\n            Fn::Sub:\n              - "[settings.kubernetes]\\nmax-pods = ${Pods}\\n"\n              - Pods: "x1"\n',
  );
  const [a] = check(sub, { name: 't.yaml' });
  assert.equal(a!.file, 't.yaml#Resources/LT');
  assert.deepEqual(
    a!.diagnostics.map((d) => [d.ruleId, d.line]),
    [['parse/syntax', 11]],
    'Pods is filled with x1, which is not a TOML value',
  );
  const join = CFN('          Fn::Base64: !Join ["", ["[settings]\\n", !Ref Motd]]\n');
  assert.deepEqual(
    check(join, { name: 't.yaml' })[0]!.diagnostics.map((d) => [d.ruleId, d.messageId, d.line]),
    [['input/no-user-data', 'cfnComputed', 8]],
  );
  const tagged = CFN('          !Base64 "[settings]\\nmotd = 1\\n"\n', '!Ref Bottlerocket');
  assert.deepEqual(
    check(tagged, { name: 't.yaml' })[0]!.diagnostics.map((d) => [d.ruleId, d.line, d.column]),
    [['schema/type', 9, 39]],
  );
});

test('CloudFormation: a launch template whose user-data is not Bottlerocket is left alone; plain text is not base64', async () => {
  await loadHostFormats();
  const shell = CFN('          Fn::Base64: "#!/bin/bash\\necho hi\\n"\n', 'ami-123');
  assert.deepEqual(
    check(shell, { name: 't.yaml' }).map((r) => r.diagnostics.map((d) => d.messageId)),
    [['hostNone']],
  );
  const plain = CFN('          "[settings]\\nmotd = \\"hi\\"\\n"\n');
  assert.deepEqual(
    check(plain, { name: 't.yaml' })[0]!.diagnostics.map((d) => [d.ruleId, d.messageId]),
    [['input/not-toml', 'cfnNotBase64']],
  );
});

test('Terraform state output (values, not planned_values) is read too; stdin recognized by content', async () => {
  const state = JSON.stringify({
    format_version: '1.0',
    terraform_version: '1.9.8',
    values: {
      root_module: {
        resources: [
          {
            address: 'aws_launch_template.br',
            type: 'aws_launch_template',
            values: { user_data: Buffer.from('[settings]\nmotd = 1\n').toString('base64') },
          },
        ],
      },
    },
  });
  const { results } = await checkJson(['-'], state);
  assert.deepEqual(
    lines(results),
    ['<stdin>#aws_launch_template.br:1:1 info input/decoded base64', '<stdin>#aws_launch_template.br:1:1 error schema/type type'].map((l) =>
      l.replace(':1:1', ':1:' + String(state.indexOf('"user_data"') + 1)),
    ),
  );
});

test('brud check DIR finds manifests, JSON and templates besides TOML, skips other files with a count, respects .gitignore', async () => {
  const dir = tmpFiles({
    'nodes/nodeclass.yaml': NODECLASS('[settings.kubernetes]\nmax-pods = "1"\n'),
    'nodes/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    'nodes/userdata.toml': '[settings]\nmotd = "hi"\n',
    'nodes/userdata.tpl': '[settings.kubernetes]\napi-server = "${endpoint}"\n',
    'nodes/other.tpl': '#!/bin/bash\necho ${x}\n',
    'package.json': '{"name": "x"}\n',
    'broken.yaml': 'a: [b\n',
    'README.md': '# nodes\n',
    '.gitignore': 'build/\n*.generated.yaml\n!keep.generated.yaml\n',
    'build/nodeclass.yaml': NODECLASS('[settings]\nmotd = 1\n'),
    'nodes/x.generated.yaml': NODECLASS('[settings]\nmotd = 2\n'),
    'nodes/keep.generated.yaml': NODECLASS('[settings]\nmotd = "kept"\n'),
  });
  const r = await runCli(['check', '--format', 'json', '.'], { cwd: dir });
  const report = JSON.parse(r.stdout) as { results: Result[]; summary: { otherFiles?: number } };
  assert.deepEqual(
    report.results.map((x) => x.file),
    ['nodes/keep.generated.yaml#EC2NodeClass/web', 'nodes/nodeclass.yaml#EC2NodeClass/web', 'nodes/userdata.toml', 'nodes/userdata.tpl'],
  );
  // web.yaml, other.tpl, package.json, broken.yaml (names nothing of user-data), README.md, .gitignore
  assert.equal(report.summary.otherFiles, 6);
  assert.equal(r.status, 1);
  const text = await runCli(['check', '.'], { cwd: dir });
  assert.match(text.stdout, /, 6 other files skipped\)$/m);
  // named, a file is always reported, even when it holds nothing
  const named = await runCli(['check', '--format', 'json', 'nodes/web.yaml', 'package.json'], { cwd: dir });
  assert.deepEqual(
    (JSON.parse(named.stdout) as { results: Result[] }).results.map((x) => x.diagnostics.map((d) => d.messageId)),
    [['hostNone'], ['jsonWithoutUserData']],
  );
  const empty = tmpFiles({ 'a.txt': 'x' });
  const none = await runCli(['check', '.'], { cwd: empty });
  assert.equal(none.status, 2);
  assert.match(none.stdout + none.stderr, /holds no user-data files \(\*\.toml, \*\.yaml/);
});

test('diff of two manifests of several documents: document by document, matched by name, through Karpenter', async () => {
  const old =
    NODECLASS('[settings.kubernetes]\nkube-api-qps = 30\nmax-pods = 10\n') +
    '---\n' +
    NODECLASS('[settings]\nmotd = "a"\n').replace('name: web', 'name: api');
  const next =
    NODECLASS('[settings.kubernetes]\nkube-api-qps = 40\nmax-pods = 20\n') +
    '---\n' +
    NODECLASS('[settings]\nmotd = "b"\n').replace('name: web', 'name: gpu');
  const dir = tmpFiles({ 'new.yaml': next });
  const r = await runCli(['diff', '--format', 'json', '-', 'new.yaml'], { cwd: dir, stdin: old });
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { documents: Array<{ document: string; only?: string; changes?: Array<{ keyPath: string }> }> };
  assert.deepEqual(
    out.documents.map((d) => [d.document, d.only ?? d.changes?.map((c) => c.keyPath).join(',')]),
    [
      // Karpenter replaces max-pods on both sides: only kube-api-qps reaches the node differently
      ['#EC2NodeClass/web', 'settings.kubernetes.kube-api-qps'],
      ['#EC2NodeClass/api', 'old'],
      ['#EC2NodeClass/gpu', 'new'],
    ],
  );
  const same = tmpFiles({ 'a.yaml': old, 'b.yaml': old });
  const text = await runCli(['diff', 'a.yaml', 'b.yaml'], { cwd: same });
  assert.equal(text.status, 0, text.stdout);
  const one = await runCli(['diff', 'a.yaml#EC2NodeClass/api', 'b.yaml#EC2NodeClass/api'], { cwd: same });
  assert.equal(one.status, 0, one.stderr);
});

test('eksctl: a YAML alias in bottlerocket.settings is said not to be followed, at its place', async () => {
  await loadHostFormats();
  const text = CLUSTER(
    '"1.31"',
    'x: &labels {team: web}\nnodeGroups:\n  - name: ng\n    amiFamily: Bottlerocket\n    bottlerocket:\n      settings:\n        kubernetes:\n          node-labels: *labels\n',
  );
  assert.deepEqual(
    check(text, { name: 'c.yaml' })[0]!.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column]),
    [['input/not-toml', 'yamlAlias', 13, 24]],
  );
});
