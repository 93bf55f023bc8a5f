// The README and docs/ say what the program does: generated references are current, every `console`
// example prints what the program prints, the layout table matches the folders and their layering,
// and every link points at a file that exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as library from '../src/index.js';
import {
  MAX_DIAGNOSTICS_PER_DOCUMENT,
  MAX_INPUT_BYTES,
  MAX_LOCATED_DEPTH,
  MAX_SETTINGS_DEPTH,
  EC2_USER_DATA_LIMIT,
  TOML_RECURSION_LIMIT,
} from '../src/model/limits.js';
import { MAX_WORD } from '../src/util/suggest.js';
import { FRAME_WIDTH } from '../src/report/codeframe.js';
import { generatedDocs, namespaceCell, schemaSince } from '../scripts/docs-content.js';
import { FACTS } from '../src/targets/facts.js';
import { findFamily } from '../src/targets/families.js';
import { ROOT, runCli } from './helpers.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const DOCS = readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const PAGES = ['README.md', ...DOCS];

test('the generated docs (rules, variants and releases, help blocks) are current: run `npm run docs` after a change', async () => {
  const docs = await generatedDocs(read('docs/cli.md'));
  assert.deepEqual([...docs.keys()].sort(), ['docs/cli.md', 'docs/rules.md', 'docs/variants-and-releases.md']);
  for (const [path, text] of docs) assert.ok(read(path) === text, `${path} is stale: run \`npm run docs\``);
});

test('docs/cli.md holds the help of brud and of every command', () => {
  const cli = read('docs/cli.md');
  for (const command of ['', 'check ', 'compile ', 'plan ', 'diff ', 'merge ', 'schema ', 'explain ', 'fmt ', 'completion '])
    assert.ok(cli.includes(`<!-- generated: brud ${command}--help -->\n\`\`\`text\n`), `docs/cli.md has brud ${command}--help`);
});

test("docs/cli.md's boot stages name the releases of the facts table", () => {
  const cli = read('docs/cli.md');
  assert.ok(cli.includes(`Before ${FACTS.exitStatusChecked.since} only a command that cannot start counts as a failure`));
  assert.ok(cli.includes(`(\`bootstrap-commands.service\`, Bottlerocket ${schemaSince('bootstrap-commands')}+)`));
});

test('the namespace matrix says when a family gained or lost a namespace', () => {
  const dev = findFamily('aws-dev')!;
  assert.equal(namespaceCell(dev, 'updates', undefined), '✓ until 1.56.0');
  assert.equal(namespaceCell(dev, 'kubernetes', undefined), '—');
  assert.equal(namespaceCell(findFamily('aws-ecs-2')!, 'ecs', '0.5.0'), '✓');
  assert.equal(namespaceCell(findFamily('aws-k8s')!, 'autoscaling', '1.8.0'), '1.12.0+');
  assert.match(namespaceCell(findFamily('aws-k8s')!, 'boot', '1.8.0'), /^1\.8\.0\+ \(before 1\.15\.0: Kubernetes 1\.23\+ only\)$/);
});

// --- console examples -------------------------------------------------------------------------------

interface Example {
  page: string;
  args: string[];
  expected: string[];
}

/** Splits a shell command line into words (single and double quotes; no expansion). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!);
  return out;
}

/** Every ```console block: `$ brud …` (or `$ npx brud …`) lines, each followed by what it prints. */
function examples(page: string): Example[] {
  const out: Example[] = [];
  for (const block of read(page).matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Example | undefined;
    for (const line of block[1]!.replace(/\n$/, '').split('\n')) {
      // output may hold "$ " lines of its own (a plan's commands), so only "$ brud" starts an example
      if (/^\$ (npx )?brud /.test(line)) {
        const argv = words(line.slice(2));
        if (argv[0] === 'npx') argv.shift();
        current = { page, args: argv.slice(1), expected: [] };
        out.push(current);
      } else {
        assert.ok(current, `${page}: a console block starts with a "$ brud" line`);
        current.expected.push(line);
      }
    }
  }
  return out;
}

/** Whether a printed line matches an expected one, where `…` stands for any text. */
function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes('…')) return expected === actual;
  const pattern = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 'su').test(actual);
}

/** Whether printed lines match expected ones, where a line that is only `…` stands for any lines. */
function linesMatch(expected: readonly string[], actual: readonly string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected;
  if (first === '…') return actual.some((_, i) => linesMatch(rest, actual.slice(i))) || linesMatch(rest, []);
  return actual.length > 0 && lineMatches(first!, actual[0]!) && linesMatch(rest, actual.slice(1));
}

test('the example matcher takes … as any text in a line and as any lines on its own', () => {
  assert.ok(linesMatch(['a…c', '…', 'z'], ['abbc', 'x', 'y', 'z']));
  assert.ok(linesMatch(['a', '…'], ['a']));
  assert.ok(!linesMatch(['a…c'], ['abd']));
  assert.ok(!linesMatch(['a', 'b'], ['a', 'b', 'c']));
  assert.deepEqual(words(`brud explain 'kubernetes.node-labels."a/b"' "x y"`), ['brud', 'explain', 'kubernetes.node-labels."a/b"', 'x y']);
});

const ALL_EXAMPLES = PAGES.flatMap(examples);

test('the README and docs have console examples, and the README tours check, plan, compile, diff and explain', () => {
  const tour = new Set(ALL_EXAMPLES.filter((e) => e.page === 'README.md').map((e) => e.args[0]));
  for (const command of ['check', 'plan', 'compile', 'diff', 'explain']) assert.ok(tour.has(command), `README shows brud ${command}`);
});

for (const ex of ALL_EXAMPLES) {
  test(`${ex.page}: "brud ${ex.args.join(' ')}" prints what the page shows`, async () => {
    const r = await runCli(ex.args);
    const actual = (r.stdout + r.stderr).replace(/\n$/, '').split('\n');
    assert.ok(
      linesMatch(ex.expected, actual),
      `${ex.page} shows for brud ${ex.args.join(' ')}:\n${ex.expected.join('\n')}\n\nbut it prints:\n${actual.join('\n')}`,
    );
  });
}

// --- facts the pages state ------------------------------------------------------------------------

test('docs/development.md lists every folder of src/ in layering order, as .dependency-cruiser.cjs declares it', () => {
  const dev = read('docs/development.md');
  const section = dev.slice(dev.indexOf('\n## Layout'), dev.indexOf('\n## ', dev.indexOf('\n## Layout') + 1));
  const rows = [...section.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => ({
    layer: Number(m[1]),
    folders: [...m[2]!.matchAll(/`src\/([a-z-]+)\/`/g)].map((f) => f[1]!),
  }));
  const listed = rows.flatMap((r) => r.folders).sort();
  const actual = readdirSync(join(ROOT, 'src'))
    .filter((f) => statSync(join(ROOT, 'src', f)).isDirectory())
    .sort();
  assert.deepEqual(listed, actual, 'every folder of src/ has a row');
  const require = createRequire(import.meta.url);
  const config = require(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: { name: string; to: { path?: string } }[] };
  const rules = config.forbidden.filter((r) => r.name.startsWith('layer-'));
  // each layer rule is named after its folders, lowest first; what the last one may not import is the top layer
  const layers = rules.map((r) => r.name.slice('layer-'.length).split('-'));
  layers.push(/\^src\/\(([^)]+)\)/.exec(rules.at(-1)?.to.path ?? '')?.[1]?.split('|') ?? []);
  for (const [i, names] of layers.entries()) {
    const row = rows.find((r) => r.layer === i + 1);
    assert.ok(row, `layer ${i + 1} has a row`);
    assert.deepEqual(row.folders.slice().sort(), names.slice().sort(), `layer ${i + 1}`);
  }
  assert.deepEqual(rows.find((r) => r.layer === layers.length + 1)?.folders, ['cli'], 'the CLI sits on top');
});

test('docs/library.md documents every function and constant src/index.ts exports', () => {
  const doc = read('docs/library.md');
  const missing = Object.keys(library).filter((name) => !doc.includes(`\`${name}\``) && !doc.includes(`${name}(`));
  assert.deepEqual(missing, []);
});

test('docs/limits.md states the limits the code enforces', () => {
  const doc = read('docs/limits.md');
  const n = (x: number) => x.toLocaleString('en-US');
  for (const fact of [
    `${n(MAX_INPUT_BYTES)} bytes`,
    `${n(EC2_USER_DATA_LIMIT)} bytes`,
    `${TOML_RECURSION_LIMIT - 1} levels`,
    `${MAX_SETTINGS_DEPTH} levels deep`,
    `${MAX_LOCATED_DEPTH} levels deep (the settings depth`,
    `${n(MAX_DIAGNOSTICS_PER_DOCUMENT)} findings`,
    `${MAX_WORD} characters`,
    `${FRAME_WIDTH} columns`,
  ])
    assert.ok(doc.includes(fact), `docs/limits.md says "${fact}"`);
  assert.match(doc, /optimal string alignment/i);
});

test('the JavaScript examples of docs/library.md run against the built library', () => {
  const blocks = [...read('docs/library.md').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 3);
  for (const code of blocks) {
    // the package refers to itself by name, so `from 'brud'` resolves to this build
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `${code}\n${r.stderr}`);
    assert.doesNotMatch(r.stdout, /\bfalse\b/, `every check in the example holds:\n${code}\n${r.stdout}`);
  }
});

test('every relative link in the README and docs points at a file that exists', () => {
  for (const page of PAGES) {
    for (const m of read(page).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      assert.ok(existsSync(resolve(ROOT, dirname(page), target)), `${page} links to ${target}`);
    }
  }
});

test('no page points into the workspace outside the repository', () => {
  for (const page of PAGES) assert.doesNotMatch(read(page), /\.\.\/shared|\/work\//, page);
});
