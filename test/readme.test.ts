// The README is the front door: it opens with the two commands that work on a fresh clone, stays short,
// and sends readers to docs/ for the reference. (Its console examples are run by test/docs.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { join } from 'node:path';
import { BIN, ROOT, tmpFiles } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README opens with the set-up commands CI and new users run', async () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.equal(firstBlock, 'npm ci && npx brud check examples/userdata.toml\nnpm test\n');
  assert.ok(readme.indexOf('```sh') < readme.indexOf('\n## '), 'the commands come before any section');
  // CI runs both, the first on a tree that was never built (as a fresh clone is)
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  assert.match(ci, /\nnpm ci\nrm -rf dist\nnpx brud check examples\/userdata\.toml\nnpm test\n/);
});

test('the README links every page of docs/', () => {
  for (const page of readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')))
    assert.ok(readme.includes(`](docs/${page})`), `README links docs/${page}`);
});

test('the README stays a front door, not a manual (under 12 KB; the reference lives in docs/)', () => {
  assert.ok(Buffer.byteLength(readme) < 12 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
});

test("the README's CI section has the GitHub Actions, pre-commit and GitLab recipes", () => {
  const ci = readme.slice(readme.indexOf('### In CI'), readme.indexOf('\n### ', readme.indexOf('### In CI') + 1));
  for (const file of ['.github/workflows/', '.pre-commit-config.yaml', '.gitlab-ci.yml'])
    assert.ok(ci.includes(`\`\`\`yaml\n# ${file}`), file);
});

test("the README's GitLab recipe runs as written and writes the code-quality report GitLab reads", () => {
  const block = /```yaml\n(# \.gitlab-ci\.yml\n[\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const job = Object.values(
    parse(block) as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>,
  )[0]!;
  // the report is uploaded when the job fails too: failing is what it does when there are findings
  assert.equal(job.artifacts.when, 'always');
  const dir = tmpFiles({
    'nodes/bad.toml': readFileSync(join(ROOT, 'examples', 'broken.toml')),
    'nodes/good.toml': readFileSync(join(ROOT, 'examples', 'userdata.toml')),
  });
  let status = 0;
  for (const line of job.script) {
    if (line === 'npm ci') {
      // what npm ci leaves in a project that depends on brud: node_modules/.bin/brud
      mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
      symlinkSync(BIN, join(dir, 'node_modules', '.bin', 'brud'));
      continue;
    }
    status = spawnSync('bash', ['-c', line], { cwd: dir, encoding: 'utf8' }).status ?? -1;
  }
  assert.equal(status, 1);
  const report = JSON.parse(readFileSync(join(dir, job.artifacts.reports.codequality), 'utf8')) as Array<{
    check_name: string;
    location: { path: string; lines: { begin: number } };
  }>;
  assert.deepEqual(
    report.map((i) => [i.location.path, i.location.lines.begin, i.check_name]),
    [
      ['nodes/bad.toml', 7, 'schema/type'],
      ['nodes/bad.toml', 9, 'schema/unknown-key'],
      ['nodes/bad.toml', 15, 'schema/invalid-value'],
    ],
  );
});

test("the README's GitOps recipe checks a whole repository with one brud check .", () => {
  const step = /# \.github\/workflows\/user-data\.yml: the step\n- run: (.*)\n/.exec(readme)?.[1];
  assert.ok(step, 'the recipe is in the README');
  const dir = tmpFiles({
    'karpenter/nodeclass.yaml': readFileSync(join(ROOT, 'fixtures', 'hosts', 'karpenter', 'nodepool-and-nodeclasses.yaml')),
    'clusters/prod/cluster.yaml': readFileSync(join(ROOT, 'fixtures', 'hosts', 'eksctl', 'cluster.yaml')),
    'clusters/prod/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    'nodes/userdata.toml': readFileSync(join(ROOT, 'examples', 'userdata.toml')),
    'README.md': '# infrastructure\n',
  });
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(BIN, join(dir, 'node_modules', '.bin', 'brud'));
  const run = spawnSync('bash', ['-c', step], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const annotated = [...run.stdout.matchAll(/^::(error|warning) file=([^,]+),line=(\d+)/gm)].map((m) => `${m[2]}:${m[3]}`);
  assert.ok(annotated.includes('karpenter/nodeclass.yaml:35'), annotated.join(' '));
  assert.ok(annotated.includes('clusters/prod/cluster.yaml:29'), annotated.join(' '));
});
