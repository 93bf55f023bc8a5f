// The project config (brud.toml / .brud.toml): found upward from each file, flags beat it, and a broken
// config is a usage error at its line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tmpFiles } from './helpers.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brud-config-'));
  mkdirSync(join(dir, 'nodes', 'drafts'), { recursive: true });
  mkdirSync(join(dir, 'ecs'));
  writeFileSync(
    join(dir, 'brud.toml'),
    'variant = "aws-k8s-1.31"\nos-version = "1.21.0"\ninclude = ["nodes"]\nexclude = ["nodes/drafts/**"]\n\n[rules]\n"host-containers/superpowered" = "off"\n',
  );
  writeFileSync(
    join(dir, 'nodes', 'a.toml'),
    '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=x"]]\nmode = "once"\n',
  );
  writeFileSync(
    join(dir, 'nodes', 'b.toml'),
    '[settings.host-containers.tools]\nsource = "public.ecr.aws/x/tools:1"\nsuperpowered = true\n',
  );
  writeFileSync(join(dir, 'nodes', 'drafts', 'wip.toml'), 'not toml at all\n');
  writeFileSync(join(dir, 'ecs', '.brud.toml'), 'variant = "aws-ecs-2"\n');
  writeFileSync(join(dir, 'ecs', 'e.toml'), '[settings.ecs]\ncluster = "prod"\n');
  return dir;
}

type Out = {
  results: Array<{
    file: string;
    target: { variant: string; variantSource: string; osVersion: string };
    diagnostics: Array<{ ruleId: string }>;
  }>;
};

test('without operands, brud check checks the config’s include list, minus its exclude list', async () => {
  const dir = project();
  const r = await runCli(['check', '--format', 'json'], { cwd: dir });
  const out = JSON.parse(r.stdout) as Out;
  assert.deepEqual(
    out.results.map((x) => x.file),
    [join('nodes', 'a.toml'), join('nodes', 'b.toml')],
  );
  assert.deepEqual(out.results[0].target, { variant: 'aws-k8s-1.31', variantSource: 'config', osVersion: '1.21.0' });
  // the config's release makes bootstrap-commands unknown; its rules turn the superpowered lint off
  assert.ok(out.results[0].diagnostics.some((d) => d.ruleId === 'schema/not-in-release'));
  assert.deepEqual(
    out.results[1].diagnostics.map((d) => d.ruleId),
    ['target/variant-unavailable'],
  );
});

test('the nearest config wins, and flags beat it', async () => {
  const dir = project();
  const ecs = JSON.parse((await runCli(['check', '--format', 'json', 'ecs/e.toml'], { cwd: dir })).stdout) as Out;
  assert.deepEqual(ecs.results[0].target, { variant: 'aws-ecs-2', variantSource: 'config', osVersion: '1.66.0' });
  const flagged = JSON.parse(
    (await runCli(['check', '--format', 'json', '--os-version', '1.22.0', 'nodes/a.toml'], { cwd: dir })).stdout,
  ) as Out;
  assert.deepEqual(flagged.results[0].target, { variant: 'aws-k8s-1.31', variantSource: 'config', osVersion: '1.22.0' });
  assert.deepEqual(flagged.results[0].diagnostics, []);
  const none = JSON.parse((await runCli(['check', '--format', 'json', '--no-config', 'nodes/a.toml'], { cwd: dir })).stdout) as Out;
  assert.equal(none.results[0].target.variantSource, 'default');
});

test('a broken config is a usage error (exit 2) at its line and column, with a suggestion', async () => {
  const dir = project();
  writeFileSync(join(dir, 'ecs', '.brud.toml'), 'variant = "aws-ecs-2"\n\n[rules]\n"host-containers/superpowerd" = "off"\n');
  const r = await runCli(['check', 'ecs/e.toml'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(
    r.stderr,
    `brud: invalid config: ${join('ecs', '.brud.toml')}:4:1: rules."host-containers/superpowerd": unknown rule; did you mean "host-containers/superpowered"?\nRun "brud check --help" for usage.\n`,
  );
  writeFileSync(join(dir, 'ecs', '.brud.toml'), '[rules]\n"schema/unknown-key" = "off"\n');
  assert.match((await runCli(['check', 'ecs/e.toml'], { cwd: dir })).stderr, /cannot be re-graded/);
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

test('a broken config above the working directory does not block checking files that have their own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brud-cfg2-'));
  mkdirSync(join(dir, 'other'));
  mkdirSync(join(dir, 'nodes'));
  writeFileSync(join(dir, 'other', 'brud.toml'), 'nonsense = 1\n');
  writeFileSync(join(dir, 'nodes', 'brud.toml'), 'variant = "aws-k8s-1.31"\n');
  writeFileSync(join(dir, 'nodes', 'a.toml'), '[settings]\nmotd = "x"\n');
  assert.equal((await runCli(['check', '../nodes/a.toml'], { cwd: join(dir, 'other') })).status, 0);
});

test('--config FILE uses that config instead of the nearest one', async () => {
  const dir = project();
  writeFileSync(join(dir, 'other.toml'), 'variant = "aws-ecs-2"\nos-version = "1.40.0"\n');
  const out = JSON.parse(
    (await runCli(['check', '--format', 'json', '--config', 'other.toml', 'nodes/a.toml'], { cwd: dir })).stdout,
  ) as Out;
  assert.deepEqual(out.results[0].target, { variant: 'aws-ecs-2', variantSource: 'config', osVersion: '1.40.0' });
  const missing = await runCli(['check', '--config', 'nope.toml', 'nodes/a.toml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^brud: .*nope\.toml/);
});

test('a config that is not TOML, or has an unknown key, or a bad exclude glob, is a usage error at its place', async (t) => {
  for (const [config, expected] of [
    ['variant = "aws-k8s-1.31\n', /^brud: invalid config: brud\.toml:1:\d+: /],
    ['varient = "aws-k8s-1.31"\n', /^brud: invalid config: brud\.toml:1:1: varient: unknown key; did you mean "variant"\?/],
    ['exclude = ["[z-a]"]\n', /^brud: invalid config: brud\.toml:1:12: exclude\[0\]: "\[z-a\]" is not a valid glob pattern\n/],
  ] as const) {
    await t.test(config.trim(), async () => {
      const dir = tmpFiles({ 'brud.toml': config, 'a.toml': '[settings]\nmotd = "x"\n' });
      const r = await runCli(['check', 'a.toml'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, expected);
    });
  }
});
