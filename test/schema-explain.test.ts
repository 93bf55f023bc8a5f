// `brud schema` (the JSON Schema for a target) and `brud explain` (one setting), through the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertGolden, runCli, tmpFiles } from './helpers.js';

type Schema = { title: string; $defs: Record<string, { properties?: Record<string, unknown>; deprecated?: boolean }> };

async function schema(...args: string[]): Promise<Schema> {
  const r = await runCli(['schema', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Schema;
}

test('brud schema narrows namespaces to the variant and keys to the release', async () => {
  const k8s = await schema('--variant', 'aws-k8s-1.31');
  const ns = Object.keys(k8s.$defs.settings.properties!);
  assert.ok(ns.includes('kubernetes') && ns.includes('bootstrap-commands'));
  assert.ok(!ns.includes('ecs') && !ns.includes('kubelet-device-plugins'));
  assert.match(k8s.title, /aws-k8s-1\.31 on Bottlerocket 1\.66\.0/);
  const ecs = await schema('--variant', 'aws-ecs-2');
  assert.ok(Object.keys(ecs.$defs.settings.properties!).includes('ecs'));
  assert.ok(!('settings.kubernetes' in ecs.$defs), 'definitions of other variants are dropped');
  const old = await schema('--variant', 'aws-k8s-1.31', '--os-version', '1.21.0');
  assert.ok(!Object.keys(old.$defs.settings.properties!).includes('bootstrap-commands'));
  const hc = old.$defs['host-containers.HostContainer'].properties!;
  assert.ok(!('command' in hc), 'host-containers.*.command arrived in 1.47.0');
  const kube = old.$defs['settings.kubernetes'].properties as Record<string, { deprecated?: boolean }>;
  assert.equal(kube['pod-infra-container-image'].deprecated, true);
  assert.ok(!('device-ownership-from-security-context' in kube));
});

test('brud schema output is deterministic; an unknown variant is a usage error', async () => {
  assert.equal((await runCli(['schema', '--variant', 'aws-ecs-2'])).stdout, (await runCli(['schema', '--variant', 'aws-ecs-2'])).stdout);
  assert.equal((await runCli(['schema', '--variant', 'nope'])).status, 2);
});

test('brud explain prints type, rule, default, variants, release, example and source', async () => {
  for (const [key, golden] of [
    ['kubernetes.max-pods', 'explain/max-pods.txt'],
    ['settings.bootstrap-commands.my-command', 'explain/bootstrap-command.txt'],
    ['kubernetes.node-taints', 'explain/node-taints.txt'],
    ['container-registry.creds', 'explain/creds.txt'],
  ] as const) {
    const r = await runCli(['explain', key]);
    assert.equal(r.status, 0, r.stderr);
    assertGolden(golden, r.stdout);
  }
  const json = JSON.parse((await runCli(['explain', '--format', 'json', 'bootstrap-commands.x.mode'])).stdout);
  assert.equal(json.since, '1.22.0');
  assert.equal(json.default, 'off');
  assert.equal(json.modeledType, 'BootstrapMode');
});

test('brud explain of an unknown key is a usage error with a suggestion', async () => {
  const r = await runCli(['explain', 'kubernetes.maxpods']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^brud: settings\.kubernetes has no key "maxpods"; did you mean "max-pods"\?/);
});

test('brud schema without --variant admits the namespaces of every variant', async () => {
  const s = JSON.parse((await runCli(['schema'])).stdout) as { $defs: { settings: { properties: Record<string, unknown> } } };
  const ns = Object.keys(s.$defs.settings.properties);
  for (const n of ['kubernetes', 'ecs', 'kubelet-device-plugins', 'bootstrap-commands']) assert.ok(ns.includes(n), n);
});

test('brud schema -o writes the same schema to a file, and nothing to stdout', async () => {
  const dir = tmpFiles({});
  const r = await runCli(['schema', '--variant', 'aws-ecs-2', '-o', 'schema.json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(join(dir, 'schema.json'), 'utf8'), (await runCli(['schema', '--variant', 'aws-ecs-2'])).stdout);
});
