// Code frames and schema --install, after the attack on today's features (D3, D7, D4, D5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tmpFiles } from './helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const AWS_SECRET = b64('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
const RSA_KEY = b64('-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n');

test('D3: a code frame masks a secret on the line before a finding that is not about it', async () => {
  const dir = tmpFiles({
    'cred.toml': `[settings.aws]\ncredentials = "${AWS_SECRET}"\nregion = 5\n`,
    'key.toml': `[settings.host-containers.admin]\nuser-data = "${RSA_KEY}"\nenabled = "true"\n`,
    'token.toml': `[settings.kubernetes]\nbootstrap-token = "abcdef.0123456789abcdef"\nmax-pods = "1"\n`,
  });
  const r = await runCli(['check', 'cred.toml', 'key.toml', 'token.toml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /cred\.toml:3:10: error/);
  assert.match(r.stdout, / {2}2 \| credentials = \*{20,}/);
  assert.match(r.stdout, / {2}2 \| user-data = \*{20,}/);
  assert.match(r.stdout, / {2}2 \| bootstrap-token = \*{20,}/);
  for (const secret of [AWS_SECRET.slice(0, 24), RSA_KEY.slice(0, 24), 'abcdef.0123456789abcdef'])
    assert.ok(!r.stdout.includes(secret), `${secret} shown`);
  // the frame still shows what the finding is about
  assert.match(r.stdout, /> 3 \| region = 5/);
});

test('D3: a frame around a parse error masks a line that assigns a secret', async () => {
  const dir = tmpFiles({ 'bad.toml': `[settings.aws]\ncredentials = "${AWS_SECRET}"\nregion = = 5\n` });
  const r = await runCli(['check', 'bad.toml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /\[parse\/syntax\]/);
  assert.match(r.stdout, / {2}2 \| credentials = \*{20,}/);
  assert.ok(!r.stdout.includes(AWS_SECRET.slice(0, 24)));
});

test('D3: a secret in a manifest node class is masked in the frame of its neighbour', async () => {
  const manifest = [
    'apiVersion: karpenter.k8s.aws/v1',
    'kind: EC2NodeClass',
    'metadata:',
    '  name: n',
    'spec:',
    '  amiFamily: Bottlerocket',
    '  userData: |',
    '    [settings.aws]',
    `    credentials = "${AWS_SECRET}"`,
    '    region = 5',
    '',
  ].join('\n');
  const r = await runCli(['check', 'nc.yaml'], { cwd: tmpFiles({ 'nc.yaml': manifest }) });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /credentials = \*{20,}/);
  assert.ok(!r.stdout.includes(AWS_SECRET.slice(0, 24)));
});

test('D7: the text report splits a manifest into lines once, not once per node class', async () => {
  const doc = (i: number) =>
    `apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n${i}\nspec:\n  amiFamily: Bottlerocket\n  userData: |\n    [settings.kubernetes]\n    max-pods = "1"\n`;
  const manifest = Array.from({ length: 200 }, (_, i) => doc(i)).join('---\n');
  const dir = tmpFiles({ 'many.yaml': manifest });
  const json = await runCli(['check', '-f', 'json', 'many.yaml'], { cwd: dir });
  assert.equal(JSON.parse(json.stdout).results.length, 200);
  // count the splits of the whole manifest while the text report is rendered
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below, and called with its `this`
  const split = String.prototype.split;
  let whole = 0;
  String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
    if (this.length === manifest.length) whole++;
    return split.apply(this, args);
  } as typeof split;
  let r;
  try {
    r = await runCli(['check', 'many.yaml'], { cwd: dir });
  } finally {
    String.prototype.split = split;
  }
  assert.equal(r.status, 1);
  assert.equal(r.stdout.match(/\[schema\/type\]/g)?.length, 200);
  assert.match(r.stdout, /many\.yaml#EC2NodeClass\/n199:\d+:\d+: error/);
  assert.ok(whole <= 2, `the manifest was split ${whole} times`);
});

test("D4: schema --install escapes brud.toml's include patterns before the terminal", async () => {
  const dir = tmpFiles({ 'brud.toml': 'include = ["nodes/\\u001b[31mRED\\u001b]0;pwned\\u0007\\u202e"]\n' });
  const r = await runCli(['schema', '--install'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  for (const raw of ['\u001b', '\u0007', '\u202e']) assert.ok(!r.stderr.includes(raw), `raw ${JSON.stringify(raw)} printed`);
  assert.match(r.stderr, /the schema applies to nodes\/\\u001b\[31mRED\\u001b\]0;pwned\\u0007\\u202e/);
});

test('D5: schema --install -o never names brud.toml or .taplo.toml', async () => {
  const config = 'variant = "aws-k8s-1.31"\ninclude = ["nodes"]\n';
  const dir = tmpFiles({ 'brud.toml': config, 'nodes/a.toml': '[settings]\n' });
  const onConfig = await runCli(['schema', '--install', '-o', 'brud.toml'], { cwd: dir });
  assert.equal(onConfig.status, 2);
  assert.match(onConfig.stderr, /-o brud\.toml is the input .*brud\.toml: brud never writes over what it reads/);
  assert.equal(readFileSync(join(dir, 'brud.toml'), 'utf8'), config);
  const onTaplo = await runCli(['schema', '--install', '-o', '.taplo.toml', '--include', 'n/*.toml'], { cwd: dir });
  assert.equal(onTaplo.status, 2);
  assert.match(onTaplo.stderr, /-o \.taplo\.toml is \.taplo\.toml, where --install writes the rule/);
  assert.ok(!existsSync(join(dir, '.taplo.toml')));
  assert.ok(!existsSync(join(dir, '.brud')));
});

test('D5: schema --install writes through a symlinked .taplo.toml and refuses one that is not UTF-8', async () => {
  const dir = tmpFiles({ 'real-taplo.toml': '[formatting]\n' });
  symlinkSync('real-taplo.toml', join(dir, '.taplo.toml'));
  const linked = await runCli(['schema', '--install', '--include', 'x/*.toml'], { cwd: dir });
  assert.equal(linked.status, 0, linked.stderr);
  assert.ok(lstatSync(join(dir, '.taplo.toml')).isSymbolicLink());
  assert.match(readFileSync(join(dir, 'real-taplo.toml'), 'utf8'), /^\[formatting\]\n[\s\S]*include = \["x\/\*\.toml"\]/);

  const latin1 = Buffer.from('# caf\xe9\n[formatting]\n', 'latin1');
  const bad = tmpFiles({});
  writeFileSync(join(bad, '.taplo.toml'), latin1);
  const r = await runCli(['schema', '--install', '--include', 'x/*.toml'], { cwd: bad });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\.taplo\.toml is not valid UTF-8/);
  assert.deepEqual(readFileSync(join(bad, '.taplo.toml')), latin1);
  assert.ok(!existsSync(join(bad, '.brud')), 'nothing written before the refusal');
});
