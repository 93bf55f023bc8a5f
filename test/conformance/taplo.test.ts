// The schema `brud schema` prints, used by taplo (the engine behind Even Better TOML), accepts and
// rejects the corpus the way brud does. The few differences are things a JSON Schema engine without
// brud's formats cannot see; each is listed with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, runCli, tmpFiles } from '../helpers.js';

const TAPLO = join(ROOT, 'node_modules', '.bin', 'taplo');

/** Files whose verdicts differ, and why. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'fixtures/corpus/real-world/034-brboot-bootstrap-container-userdata-b64.toml':
    'source = "<URI to …>" fails only the `bottlerocket-url` format (a URL parse), which taplo does not implement',
  'fixtures/corpus/real-world/reported-invalid/R06-br1470-empty-user-data.toml':
    'an empty document: Bottlerocket (since 1.15.0) treats it as "no user-data"; a schema cannot tell it from a document without [settings]',
  'fixtures/reference-examples/invalid-bootstrap-command.toml':
    'the first element of a command must be "apiclient" (JSON Schema 2020-12 `prefixItems`); taplo implements an older draft and ignores it',
};

function files(dir: string, recursive = false): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? (recursive ? files(join(dir, e.name), true) : []) : e.name.endsWith('.toml') ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** Files brud rejects as Bottlerocket would (its own verdict rules, not the lints). */
async function brudRejects(variant: string, list: string[]): Promise<string[]> {
  const out = JSON.parse((await runCli(['check', '--variant', variant, '--format', 'json', ...list])).stdout) as {
    results: Array<{ file: string; diagnostics: Array<{ severity: string; ruleId: string }> }>;
  };
  const verdict = /^(schema|parse|input|document|target)\//;
  return out.results
    .filter((r) => r.diagnostics.some((d) => d.severity === 'error' && verdict.test(d.ruleId)))
    .map((r) => r.file)
    .sort();
}

function taploRejects(schemaFile: string, list: string[]): string[] {
  const r = spawnSync(TAPLO, ['lint', '--no-auto-config', '--schema', `file://${schemaFile}`, ...list], { cwd: ROOT, encoding: 'utf8' });
  const bad = [...r.stderr.matchAll(/invalid file error=.*? path="([^"]+)"/g)].map((m) => relative(ROOT, m[1]));
  return [...new Set(bad)].sort();
}

/**
 * The variant each corpus file is written for, read from the "what it shows" column of SOURCES.md: an
 * ECS setting means an ECS variant, an NVIDIA device plugin an NVIDIA variant, anything else Kubernetes.
 */
const sources = readFileSync(join(ROOT, 'fixtures', 'corpus', 'real-world', 'SOURCES.md'), 'utf8');
const SHOWS = new Map([...sources.matchAll(/^\| `([^`]+\.toml)` \|(?:[^|]*\|){2}([^|]*)\|/gm)].map((m) => [m[1]!, m[2]!]));
function variantOf(file: string): string {
  const shows = SHOWS.get(relative(join('fixtures', 'corpus', 'real-world'), file)) ?? '';
  if (/\becs\b|ECS/.test(shows)) return 'aws-ecs-2';
  if (/nvidia/i.test(shows)) return 'aws-k8s-1.31-nvidia';
  return 'aws-k8s-1.31';
}

const ALL = [
  ...files('fixtures/corpus/real-world'),
  ...files('fixtures/corpus/real-world/reported-invalid'),
  ...files('fixtures/reference-examples'),
  ...files('examples'),
];
const GROUPS = ['aws-k8s-1.31', 'aws-k8s-1.31-nvidia', 'aws-ecs-2'].map((variant) => ({
  variant,
  files: ALL.filter((f) => variantOf(f) === variant),
}));

test('every corpus file SOURCES.md lists is in a group, and each group has files', () => {
  for (const g of GROUPS) assert.ok(g.files.length > 0, g.variant);
  assert.ok(SHOWS.size >= 60, `only ${SHOWS.size} files in SOURCES.md`);
  assert.deepEqual(
    ALL.filter((f) => f.startsWith('fixtures/corpus') && !SHOWS.has(relative(join('fixtures', 'corpus', 'real-world'), f))),
    [],
  );
});

const differing = new Set<string>();

for (const group of GROUPS) {
  test(`taplo with "brud schema --variant ${group.variant}" agrees with brud on ${group.files.length} files`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brud-taplo-'));
    const schemaFile = join(dir, 'schema.json');
    assert.equal((await runCli(['schema', '--variant', group.variant, '-o', schemaFile])).status, 0);
    const ours = await brudRejects(group.variant, group.files);
    const theirs = taploRejects(schemaFile, group.files);
    if (group.variant === 'aws-k8s-1.31') assert.ok(ours.length > 0 && theirs.length > 0, 'the k8s group must include rejected files');
    const onlyOurs = ours.filter((f) => !theirs.includes(f));
    const onlyTheirs = theirs.filter((f) => !ours.includes(f));
    for (const f of [...onlyOurs, ...onlyTheirs]) {
      assert.ok(KNOWN_DIFFERENCES[f], `${f}: brud ${ours.includes(f) ? 'rejects' : 'accepts'} it, taplo does not agree`);
      differing.add(f);
    }
  });
}

test('every known difference still differs (an entry that no longer does is removed)', () => {
  assert.deepEqual(
    Object.keys(KNOWN_DIFFERENCES).filter((f) => !differing.has(f)),
    [],
  );
});

test('taplo lint finds the schema "brud schema --install" sets up: through .taplo.toml, and through a #:schema line', async () => {
  const broken = readFileSync(join(ROOT, 'examples', 'broken.toml'), 'utf8');
  const good = readFileSync(join(ROOT, 'examples', 'userdata.toml'), 'utf8');
  const dir = tmpFiles({
    'brud.toml': 'variant = "aws-k8s-1.31"\ninclude = ["nodes"]\n',
    'nodes/good.toml': good,
    'nodes/deep/bad.toml': broken,
    'other/bad.toml': broken,
    'other/marked.toml': `#:schema ../.brud/bottlerocket.schema.json\n${broken}`,
  });
  assert.equal((await runCli(['schema', '--install'], { cwd: dir })).status, 0);
  // taplo discovers .taplo.toml in the working directory, as the editor extension does in a workspace
  const lint = (...files: string[]) => spawnSync(TAPLO, ['lint', ...files], { cwd: dir, encoding: 'utf8' });
  assert.equal(lint('nodes/good.toml').status, 0);
  const bad = lint('nodes/deep/bad.toml');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /"58" is not of type "integer"/);
  assert.match(bad.stderr, /'bootstrap-contianers' was unexpected/);
  // outside the rule's files, no schema applies, unless the file names it
  assert.equal(lint('other/bad.toml').status, 0);
  const marked = lint('other/marked.toml');
  assert.notEqual(marked.status, 0);
  assert.match(marked.stderr, /"58" is not of type "integer"/);
});

test("the README's two-line editor set-up works as written", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /In an editor[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const lines = block.trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
    ['npx brud schema', 'npx taplo lint'],
  );
  const dir = tmpFiles({ 'nodes/good.toml': readFileSync(join(ROOT, 'examples', 'userdata.toml'), 'utf8') });
  const bin = join(ROOT, 'node_modules', '.bin');
  // `npx brud` in a project that installed brud runs node_modules/.bin/brud; here that is this checkout
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  const sh = (line: string) =>
    spawnSync('bash', ['-c', line.replace(/^npx brud /, `node ${join(ROOT, 'bin', 'brud.cjs')} `).replace(/^npx taplo /, 'taplo ')], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
  assert.equal(sh(lines[0]!).status, 0);
  assert.equal(sh(lines[1]!).status, 0);
  writeFileSync(join(dir, 'nodes', 'bad.toml'), readFileSync(join(ROOT, 'examples', 'broken.toml')));
  const bad = sh(lines[1]!);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /"58" is not of type "integer"/);
});
