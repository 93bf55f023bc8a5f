// Formats for reviews (issue 12, item 4): Markdown for a pull-request comment or a job summary (check,
// plan, diff), and GitLab's code-quality JSON for check. Text from the input must not become Markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown } from '../src/index.js';
import { fenced, MARKDOWN_MAX_ROWS } from '../src/report/markdown.js';
import { assertGolden, runCli, tmpFiles } from './helpers.js';

/** Removes every backslash escape; what is left must hold no Markdown metacharacter from the input. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\[\s\S]/g, '');
}

const HOSTILE =
  '[click](https://evil.example) ![x](y) <img src=x onerror=alert(1)> @octo-org/team #12 `code` **b** ~~s~~ a|b $x$ :smile: &amp; \\';

test('escapeMarkdown leaves no link, image, HTML, mention, reference, code, emphasis, cell, math or emoji syntax', () => {
  const out = escapeMarkdown(HOSTILE);
  assert.doesNotMatch(unescaped(out), /[[\]<>@#`*~|$&\\]|:\S/);
  // what a reader sees is the text: removing the escapes gives it back
  assert.equal(out.replace(/\\([\s\S])/g, '$1'), HOSTILE);
  // control characters are made visible first, so a newline cannot end a table row
  assert.equal(escapeMarkdown('a\n| b'), 'a\\\\n\\| b');
});

test('a fenced block is longer than any backtick run inside it', () => {
  assert.equal(fenced('a', 'diff'), '```diff\na\n```');
  assert.equal(fenced('x ```` y'), '`````\nx ```` y\n`````');
});

test('--format markdown: one table row per finding, hostile keys and file names escaped', async () => {
  const dir = tmpFiles({ 'a|b@team.toml': `[settings]\n"${HOSTILE.replace(/\\/g, '\\\\')}" = 1\nmotd = 3\n` });
  const r = await runCli(['check', '-f', 'markdown', 'a|b@team.toml'], { cwd: dir });
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '### brud check: ✖ 2 errors and 0 warnings');
  const rows = lines.filter((l) => l.startsWith('| ✖'));
  assert.equal(rows.length, 2);
  for (const row of rows) {
    // five unescaped pipes: four cells, whatever the key holds
    assert.equal(unescaped(row).split('|').length - 1, 5, row);
    assert.doesNotMatch(unescaped(row), /[<>@`[\]]/, row);
    assert.match(row, /a\\\|b\\@team\.toml\\:\d+\\:\d+/);
  }
  assert.match(rows[0]!, /schema\/unknown-key/);
  assert.match(rows[1]!, /schema\/type/);
});

test('--format markdown: a clean run, a run that fails on warnings, --quiet, and a file that cannot be read', async () => {
  const clean = await runCli(['check', '-f', 'markdown', 'examples/userdata.toml']);
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '### brud check: ✔ no problems\n\n1 document checked against aws-k8s (inferred), Bottlerocket 1.66.0.\n');
  const strict = await runCli(['check', '-f', 'markdown', '-q', '--strict', 'fixtures/userdata/warnings-only.toml']);
  assert.equal(strict.status, 1);
  assert.match(strict.stdout, /^### brud check: ✖ 0 errors and \d+ warnings?\n/);
  assert.match(strict.stdout, /\n\d+ warnings? not shown \(--quiet\)\.\n/);
  assert.match(strict.stdout, /\nThe run fails: --strict fails the run on warnings/);
  const missing = await runCli(['check', '-f', 'markdown', 'nothere.toml']);
  assert.equal(missing.status, 2);
  assert.match(missing.stdout, /^### brud check: ✖ 1 input could not be checked\n/);
  assert.match(missing.stdout, /io\/unreadable/);
});

test('--format markdown lists at most MARKDOWN_MAX_ROWS findings and says how many more', async () => {
  const keys = Array.from({ length: MARKDOWN_MAX_ROWS + 5 }, (_, i) => `nope${i} = 1`).join('\n');
  const dir = tmpFiles({ 'many.toml': `[settings]\n${keys}\n` });
  const out = (await runCli(['check', '-f', 'markdown', 'many.toml'], { cwd: dir })).stdout;
  assert.equal(out.split('\n').filter((l) => l.startsWith('| ✖')).length, MARKDOWN_MAX_ROWS);
  assert.match(out, /\n… and 5 more findings not listed here\.\n/);
});

test('plan and diff --format markdown', async () => {
  const plan = await runCli(['plan', '-f', 'markdown', 'examples/userdata.toml']);
  assert.equal(plan.status, 0);
  assertGolden('plan/userdata.md', plan.stdout);
  const diff = await runCli(['diff', '-f', 'markdown', 'fixtures/diff/old.toml', 'fixtures/diff/plan-only.toml']);
  assert.equal(diff.status, 1);
  assertGolden('diff/plan-only.md', diff.stdout);
  const same = await runCli(['diff', '-f', 'markdown', 'fixtures/diff/old.toml', 'fixtures/diff/old.toml']);
  assert.equal(same.status, 0);
  assert.match(same.stdout, /✔ Both configure the node the same way/);
});

test('diff --format markdown escapes keys and values, and fences the unified diff safely', async () => {
  const dir = tmpFiles({
    'old.toml': '[settings.kubernetes.node-labels]\n"a" = "x"\n',
    'new.toml': '[settings.kubernetes.node-labels]\n"a" = "```\\n<script>@all"\n"b|c" = "[l](u)"\n',
  });
  const out = (await runCli(['diff', '-f', 'markdown', 'old.toml', 'new.toml'], { cwd: dir })).stdout;
  const rows = out.split('\n').filter((l) => /^\| [~+]/.test(l));
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.equal(unescaped(row).split('|').length - 1, 5, row);
    assert.doesNotMatch(unescaped(row), /[<>@`[\]]/, row);
  }
  // the patch is inside a fence longer than the triple backtick from the value
  assert.match(out, /\n````diff\n[\s\S]*\n````\n/);
});

test('--format gitlab: code-quality issues with the fields GitLab reads', async () => {
  const r = await runCli(['check', '-f', 'gitlab', './examples/broken.toml', 'fixtures/userdata/warnings-only.toml']);
  assert.equal(r.status, 1);
  const issues = JSON.parse(r.stdout) as Array<Record<string, unknown> & { location: { path: string; lines: { begin: number } } }>;
  assert.ok(Array.isArray(issues));
  for (const i of issues) {
    assert.deepEqual(Object.keys(i), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    assert.match(i.fingerprint as string, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity as string));
  }
  const broken = issues.filter((i) => i.location.path === 'examples/broken.toml');
  assert.deepEqual(
    broken.map((i) => [i.check_name, i.severity, i.location.lines.begin]),
    [
      ['schema/type', 'critical', 7],
      ['schema/unknown-key', 'critical', 9],
      ['schema/invalid-value', 'critical', 15],
    ],
  );
  assert.ok(issues.some((i) => i.severity === 'minor'));
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  const clean = await runCli(['check', '-f', 'gitlab', 'examples/userdata.toml']);
  assert.equal(clean.stdout, '[]\n');
});

test('--format gitlab: a fingerprint survives lines moving above the finding', async () => {
  const body = '[settings]\nnope = 1\n[settings.kubernetes]\nmax-pods = "1"\n';
  const a = tmpFiles({ 'u.toml': body });
  const b = tmpFiles({ 'u.toml': `# a comment\n\n${body}` });
  type Issue = { fingerprint: string; location: { lines: { begin: number } } };
  const before = JSON.parse((await runCli(['check', '-f', 'gitlab', 'u.toml'], { cwd: a })).stdout) as Issue[];
  const after = JSON.parse((await runCli(['check', '-f', 'gitlab', 'u.toml'], { cwd: b })).stdout) as Issue[];
  assert.deepEqual(
    before.map((i) => i.fingerprint),
    after.map((i) => i.fingerprint),
  );
  assert.deepEqual(
    after.map((i) => i.location.lines.begin),
    before.map((i) => i.location.lines.begin + 2),
  );
  // base64 user-data: positions are in the decoded text, so GitLab gets line 1 and the message says where
  const b64 = tmpFiles({ 'ud.b64': Buffer.from(body).toString('base64') });
  const decoded = JSON.parse((await runCli(['check', '-f', 'gitlab', 'ud.b64'], { cwd: b64 })).stdout) as Array<
    Issue & { description: string }
  >;
  assert.ok(decoded.every((i) => i.location.lines.begin === 1));
  assert.ok(decoded.some((i) => /^decoded user-data line 2, column 1: unknown key/.test(i.description)));
});
