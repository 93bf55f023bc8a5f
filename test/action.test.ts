// The GitHub Action (issue 12, item 2), run the way a runner runs a composite action: action.yml is read,
// each step's `run` is written to a script and run with `bash --noprofile --norc -eo pipefail`, with the
// step's `env` (its `${{ inputs.* }}` filled from the inputs and their defaults) and the runner's GITHUB_*
// variables: GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_EVENT_NAME and GITHUB_EVENT_PATH, and a fresh
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file per step. The action's outputs are then resolved from
// `${{ steps.<id>.outputs.<name> }}` as the runner does. The workspace is a git repository with a base
// commit and a change on top, so annotations on changed lines and the diff of changed files are real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { changedLines, readInputs } from '../src/action/action.js';
import { logText } from '../src/index.js';
import { ACTION, runAction } from './action-runner.js';
import { ROOT, tmpFiles } from './helpers.js';

const FORGED = '"x\\n::error file=README.md,line=1::forged" = 1';

/** A repository whose HEAD changes a.toml (a valid change), adds c.toml (an error), and leaves b.toml's error alone. */
function repository(): { dir: string; base: string } {
  const good = readFileSync(join(ROOT, 'examples', 'userdata.toml'), 'utf8');
  const dir = tmpFiles({ 'nodes/a.toml': good, 'nodes/b.toml': `[settings]\n${FORGED}\nmotd = "hi"\n`, 'README.md': 'x\n' });
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'nodes', 'a.toml'), good.replace('mode = "always"', 'mode = "once"'));
  writeFileSync(join(dir, 'nodes', 'c.toml'), '[settings]\nmotd = "x"\n\n[settings.kubernetes]\nmax-pods = "58"\n');
  git('add', '.');
  git('commit', '-qm', 'change');
  return { dir, base };
}

test('the action is a composite action whose steps pass every input to the brud step', () => {
  assert.equal(ACTION.runs.using, 'composite');
  const env = ACTION.runs.steps.find((s) => s.id === 'brud')!.env!;
  for (const name of Object.keys(ACTION.inputs)) assert.equal(env[`INPUT_${name.toUpperCase()}`], `\${{ inputs.${name} }}`, name);
  for (const name of ['paths', 'variant', 'release', 'wrapper', 'severity']) assert.ok(name in ACTION.inputs, name);
});

test('on a pull request: annotations on changed lines only, a summary with findings, diff and plan, SARIF, outputs', () => {
  const { dir, base } = repository();
  const r = runAction(
    dir,
    { paths: 'nodes', sarif: 'reports/brud.sarif' },
    { name: 'pull_request', payload: { pull_request: { base: { sha: base } } } },
  );
  assert.equal(r.status, 1, r.log);
  const commands = r.log.split('\n').filter((l) => l.startsWith('::'));
  // b.toml's error is on a line the pull request did not touch: listed in the summary, not annotated
  assert.deepEqual(commands, [
    '::error file=nodes/c.toml,line=5,col=12,endLine=5,endColumn=16,title=brud schema/type::settings.kubernetes.max-pods: expected an integer, found a string "58": write it without quotes, 58. Bottlerocket would reject the whole user-data and the node would not boot.',
  ]);
  assert.deepEqual(r.outputs, {
    errors: '2',
    warnings: '0',
    annotations: '1',
    'changed-files': 'nodes/a.toml\nnodes/c.toml',
    sarif: join(dir, 'reports', 'brud.sarif'),
    'exit-code': '1',
  });
  const sarif = JSON.parse(readFileSync(join(dir, 'reports', 'brud.sarif'), 'utf8')) as {
    version: string;
    runs: Array<{ results: unknown[] }>;
  };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]!.results.length, 2);
  const s = r.summary;
  assert.match(s, /^### brud check: ✖ 2 errors and 0 warnings\n/);
  assert.equal(s.split('\n').filter((l) => l.startsWith('| ✖ error | nodes/')).length, 2);
  assert.match(s, new RegExp(`\\n### Changed user-data \\(against ${base.slice(0, 12)}\\)\\n`));
  assert.match(s, new RegExp(`\\n### brud diff: ${base.slice(0, 12)}\\\\:nodes/a\\.toml → nodes/a\\.toml\\n`));
  assert.match(s, /\n\| ~ changed \| settings\.bootstrap-commands\.10-ephemeral-storage\.mode \| "always" \| "once" \|\n/);
  assert.match(s, /\n<details><summary>Boot plan of nodes\/a\.toml<\/summary>\n\n### Boot plan for nodes\/a\.toml\n/);
  assert.match(s, /\n\*\*nodes\/c\.toml\*\* is new\.\n\nNo boot plan for nodes\/c\.toml: it has errors\.\n/);
  assert.doesNotMatch(s, /:nodes\/b\.toml →/);
});

test('on a push with annotations: all and severity: warning; what a key holds never becomes a workflow command', () => {
  const { dir, base } = repository();
  writeFileSync(join(dir, 'nodes', 'd.toml'), '[settings.bootstrap-commands.x]\ncommands = [["apiclient", "set", "motd=hi"]]\n');
  const r = runAction(
    dir,
    { paths: 'nodes/b.toml nodes/d.toml', annotations: 'all', severity: 'warning' },
    { name: 'push', payload: { before: base } },
  );
  assert.equal(r.status, 1, r.log);
  const commands = r.log.split('\n').filter((l) => l.startsWith('::'));
  assert.equal(commands.length, 2, r.log);
  assert.match(commands[0]!, /^::error file=nodes\/b\.toml,line=2,col=1,.*::unknown key "x%0A::error file=README\.md,line=1::forged"/);
  assert.match(commands[1]!, /^::warning file=nodes\/d\.toml,.*title=brud bootstrap\/mode-missing::/);
  assert.doesNotMatch(r.log, /^::error file=README/m);
  assert.equal(r.outputs['exit-code'], '1');
  assert.equal(r.outputs.sarif, '');
  // b.toml did not change since the push's base, and d.toml is not committed: no changed user-data
  assert.equal(r.outputs['changed-files'], '');
  assert.doesNotMatch(r.summary, /Changed user-data/);
});

test('a base that was not fetched: every finding is annotated, and the summary says why', () => {
  const { dir } = repository();
  const r = runAction(
    dir,
    { paths: 'nodes', base: '0123456789abcdef0123456789abcdef01234567', annotations: 'changed' },
    { name: 'workflow_dispatch', payload: {} },
  );
  assert.equal(r.status, 1);
  assert.equal(r.log.split('\n').filter((l) => l.startsWith('::error')).length, 2);
  assert.match(r.summary, /brud could not compare with 0123456789abcdef0123456789abcdef01234567 \(is it fetched\?/);
});

test('clean user-data passes; bad inputs fail the step with an error annotation, not a stack trace', () => {
  const dir = tmpFiles({ 'u.toml': readFileSync(join(ROOT, 'examples', 'userdata.toml')) });
  const clean = runAction(
    dir,
    { paths: 'u.toml', variant: 'aws-k8s-1.31', release: '1.30.0', annotations: 'none' },
    { name: 'push', payload: {} },
  );
  assert.equal(clean.status, 0, clean.log);
  assert.match(clean.summary, /^### brud check: ✔ no problems\n\n1 document checked against aws-k8s-1\.31, Bottlerocket 1\.30\.0\.\n/);
  assert.equal(clean.outputs.errors, '0');
  const bad = runAction(dir, { paths: 'u.toml', severity: 'fatal' }, { name: 'push', payload: {} });
  assert.equal(bad.status, 2);
  assert.match(bad.log, /^::error title=brud::input severity must be error or warning, not "fatal"$/m);
  const wrapper = runAction(dir, { paths: 'u.toml', wrapper: 'terraform' }, { name: 'push', payload: {} });
  assert.equal(wrapper.status, 2);
  assert.match(wrapper.log, /^::error title=brud::input wrapper must be one of karpenter/m);
  const variant = runAction(dir, { paths: 'u.toml', variant: 'aws-k8' }, { name: 'push', payload: {} });
  assert.equal(variant.status, 2);
  assert.match(variant.log, /brud: unknown variant "aws-k8"/);
  assert.match(variant.log, /^::error title=brud::unknown variant "aws-k8"/m);
  assert.equal(variant.outputs['exit-code'], '2');
  assert.ok(!existsSync(join(dir, 'brud.sarif')));
});

test('inputs and changed lines, as the action reads them', () => {
  assert.deepEqual(readInputs({ INPUT_PATHS: ' a.toml\n  nodes/ ', INPUT_VARIANT: '' }), {
    paths: ['a.toml', 'nodes/'],
    severity: 'error',
    annotations: 'changed',
  });
  assert.deepEqual([...changedLines('@@ -1 +1 @@\n-a\n+b\n@@ -5,0 +6,3 @@\n+x\n@@ -9,2 +11,0 @@\n')], [1, 6, 7, 8]);
});

test("the README's GitHub Actions recipe runs as written", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'the README has a workflow recipe');
  const workflow = parse(block) as {
    jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }>;
  };
  const steps = Object.values(workflow.jobs)[0]!.steps;
  // the checkout fetches the base commit (annotations on changed lines need it); npm ci installs brud
  assert.equal(steps[0]!.uses, 'actions/checkout@v4');
  assert.equal(steps[0]!.with?.['fetch-depth'], 0);
  assert.equal(steps[1]!.run, 'npm ci');
  const brud = steps.find((s) => s.uses === './node_modules/brud');
  assert.ok(brud, 'the action is used from the installed package');
  // this checkout stands for node_modules/brud (test:package runs the action from a real install)
  const { dir, base } = repository();
  const inputs = Object.fromEntries(Object.entries(brud.with ?? {}).map(([k, v]) => [k, String(v)]));
  const r = runAction(dir, inputs, { name: 'pull_request', payload: { pull_request: { base: { sha: base } } } });
  assert.equal(r.status, 1, r.log);
  assert.match(r.log, /^::error file=nodes\/c\.toml,line=5,/m);
  assert.match(r.summary, /against aws-k8s-1\.31, Bottlerocket/);
  assert.match(r.summary, /### brud diff: [0-9a-f]{12}\\:nodes\/a\.toml → nodes\/a\.toml/);
});

test('a launch-template JSON that changed: its decoded findings annotate line 1, and it is changed user-data', () => {
  const lt = (toml: string) =>
    JSON.stringify(
      { LaunchTemplateVersions: [{ VersionNumber: 3, LaunchTemplateData: { UserData: Buffer.from(toml).toString('base64') } }] },
      null,
      2,
    );
  const good = readFileSync(join(ROOT, 'examples', 'userdata.toml'), 'utf8');
  const dir = tmpFiles({ 'lt.json': lt(good) });
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    }).stdout.trim();
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'lt.json'), lt(good.replace('max-pods = 58', 'max-pods = "58"')));
  const r = runAction(dir, { paths: 'lt.json' }, { name: 'pull_request', payload: { pull_request: { base: { sha: base } } } });
  assert.equal(r.status, 1, r.log);
  assert.match(
    r.log,
    /^::error file=lt\.json,line=1,title=brud schema\/type::lt\.json \(LaunchTemplateVersions\[0\], version 3\): decoded user-data line 8, column 12: /m,
  );
  assert.equal(r.outputs['changed-files'], 'lt.json');
  assert.match(r.summary, /### brud diff: [0-9a-f]{12}\\:lt\.json → lt\.json\n\n1 setting changed/);
});

test('a changed file whose name starts with "-" is an operand, never an option, for diff and plan', () => {
  const good = readFileSync(join(ROOT, 'examples', 'userdata.toml'), 'utf8');
  const dir = tmpFiles({ '-o.toml': good, 'a.toml': good });
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    }).stdout.trim();
  git('init', '-q');
  git('add', '--', '.');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, '-o.toml'), good.replace('mode = "always"', 'mode = "once"'));
  git('commit', '-qam', 'change');
  const r = runAction(dir, { paths: '.' }, { name: 'pull_request', payload: { pull_request: { base: { sha: base } } } });
  assert.equal(r.status, 0, r.log);
  assert.equal(r.outputs['changed-files'], '-o.toml');
  assert.match(r.summary, /\n### brud diff: [0-9a-f]{12}\\:-o\.toml → -o\.toml\n/);
  assert.match(r.summary, /\n<details><summary>Boot plan of -o\.toml<\/summary>\n/);
  assert.doesNotMatch(r.summary, /no semantic diff|No boot plan/);
});

test('text the action logs can never start a workflow command, even after the runner trims the line', () => {
  // the runner TrimStart()s a line before it matches "::"; a leading space or NBSP protects nothing
  const hostile = 'brud: ok\n::error file=a::x\n   ::warning::y\u00a0\n\u00a0::notice::%z\r::add-mask::w\n\u2028::error::v';
  const out = logText(hostile);
  for (const line of out.split('\n')) assert.doesNotMatch(line.trimStart(), /^::/, line);
  assert.deepEqual(out.split('\n').slice(0, 3), ['brud: ok', '%3A%3Aerror file=a::x', '   %3A%3Awarning::y\u00a0']);
  // CR (another line for some log viewers) and line separators are made visible, so no line hides in another
  assert.doesNotMatch(out, /[\r\u2028]/);
  assert.equal(out.split('\n').length, 5);
});
