// Directives in comments: `# brud-disable-next-line` / `# brud-disable-line` suppressions (reported when
// unused, as ESLint's reportUnusedDisableDirectives) and the file's own target, `#:brud variant=… os-version=…`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanComments } from '../src/parse/comments.js';
import { checkText, runCli, tmpFiles } from './helpers.js';

const MODELESS = '[settings.bootstrap-commands.late]\ncommands = [["apiclient", "set", "motd=hi"]]\n';
const ids = (r: { diagnostics: Array<{ ruleId: string; messageId: string; line: number }> }) =>
  r.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.messageId}`);

test('brud-disable-next-line suppresses the named rule on the next line, and the finding is not counted', () => {
  const plain = checkText('a.toml', MODELESS);
  assert.deepEqual(ids(plain), ['1 bootstrap/mode-missing neverRuns']);
  const r = checkText('a.toml', `# brud-disable-next-line bootstrap/mode-missing -- set by the pipeline later\n${MODELESS}`);
  assert.deepEqual(ids(r), []);
  assert.equal(r.warningCount, 0);
});

test('brud-disable-line suppresses findings that start on its own line; without rule ids it covers every configurable rule', () => {
  const text = MODELESS.replace('late]', 'late] # brud-disable-line');
  assert.deepEqual(ids(checkText('a.toml', text)), []);
});

test('an unused suppression is reported once per unused rule id, at the comment', () => {
  const text = `[settings.motd]\n# brud-disable-next-line bootstrap/mode-missing, bootstrap/reboot-loop\n`;
  const r = checkText('a.toml', `[settings]\nmotd = "hi" # brud-disable-line\n${text.replace('[settings.motd]\n', '')}`);
  assert.deepEqual(ids(r), ['2 directive/unused unusedAll', '3 directive/unused unused', '3 directive/unused unused']);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.column, d.severity]),
    [
      [13, 'warning'],
      [1, 'warning'],
      [1, 'warning'],
    ],
  );
});

test('directive/unused can be turned off like any configurable rule', () => {
  const r = checkText('a.toml', '[settings]\nmotd = "hi" # brud-disable-line\n', { rules: { 'directive/unused': 'off' } });
  assert.deepEqual(ids(r), []);
});

test('unused suppressions are not reported when the lint rules did not run (the document has errors)', () => {
  const r = checkText('a.toml', '[settings]\n# brud-disable-next-line bootstrap/mode-missing\nmotd = 1\n');
  assert.deepEqual(ids(r), ['3 schema/type type']);
});

test('Bottlerocket’s own verdicts cannot be suppressed, and unknown rule ids are named with a suggestion', () => {
  const r = checkText('a.toml', '[settings]\n# brud-disable-next-line schema/type bootstrap/mode-mising\nmotd = 1\n');
  assert.deepEqual(ids(r), ['2 directive/invalid notSuppressible', '2 directive/invalid unknownRule', '3 schema/type type']);
  assert.match(r.diagnostics[1]!.message, /did you mean "bootstrap\/mode-missing"\?/);
  assert.equal(r.errorCount, 1);
});

test('a directive inside a string is text, not a directive', () => {
  const r = checkText('a.toml', `[settings]\nmotd = """\n# brud-disable-next-line\n"""\n`);
  assert.deepEqual(ids(r), []);
  assert.deepEqual(
    scanComments("a = \"# no\" # yes\nb = '''\n# no\n''' # also\nc = \"\\\"#\" #x").map((c) => [c.line, c.text, c.ownLine]),
    [
      [1, ' yes', false],
      [4, ' also', false],
      [5, 'x', false],
    ],
  );
});

test('#:brud names the target; the result says it came from the file', () => {
  const r = checkText('a.toml', '#:brud variant=aws-ecs-2 os-version=1.40.0\n[settings.kubernetes]\ncluster-name = "x"\n');
  assert.equal(r.target?.family.id, 'aws-ecs-2');
  assert.equal(r.target?.release, '1.40.0');
  assert.equal(r.target?.variantSource, 'file');
  assert.deepEqual(ids(r), ['2 schema/not-on-variant notOnVariant']);
});

test('explicit options win over #:brud, with an info note naming both; defaults (a project config) lose to it', () => {
  const text = '#:brud variant=aws-ecs-2\n[settings.motd]\n';
  const explicit = checkText('a.toml', '#:brud variant=aws-ecs-2\n[settings]\nmotd = "x"\n', { variant: 'aws-k8s-1.31' });
  assert.equal(explicit.target?.family.id, 'aws-k8s');
  assert.equal(explicit.target?.variantSource, 'given');
  assert.deepEqual(ids(explicit), ['1 directive/target overridden']);
  assert.equal(explicit.diagnostics[0]!.severity, 'info');
  const same = checkText('a.toml', text.replace('[settings.motd]', '[settings]\nmotd = "x"'), { variant: 'aws-ecs-2' });
  assert.deepEqual(ids(same), []);
  const defaults = checkText('a.toml', '#:brud variant=aws-ecs-2\n[settings]\nmotd = "x"\n', { defaults: { variant: 'aws-k8s-1.31' } });
  assert.equal(defaults.target?.family.id, 'aws-ecs-2');
  assert.equal(defaults.target?.variantSource, 'file');
});

test('a #:brud line brud cannot use is reported, field by field', () => {
  const r = checkText(
    'a.toml',
    '#:brud varient=aws-ecs-2 variant=aws-k9 os-version=one\n#:brud variant=aws-ecs-2\n[settings]\nmotd = "x"\n',
  );
  assert.deepEqual(ids(r), [
    '1 directive/invalid badRelease',
    '1 directive/invalid unknownField',
    '1 directive/invalid badVariant',
    '2 directive/invalid twice',
  ]);
  assert.match(r.diagnostics[1]!.message, /did you mean "variant"\?/);
  assert.equal(r.target?.variantSource, 'default');
  assert.deepEqual(ids(checkText('a.toml', '#:brud\n[settings]\nmotd = "x"\n')), ['1 directive/invalid empty']);
});

test('brud check: the file’s #:brud beats brud.toml, a flag beats the file, and the JSON says where the variant came from', async () => {
  const dir = tmpFiles({
    'brud.toml': 'variant = "aws-k8s-1.31"\n',
    'e.toml': '#:brud variant=aws-ecs-2\n[settings.ecs]\ncluster = "prod"\n',
  });
  const fromFile = await runCli(['check', '-f', 'json', 'e.toml'], { cwd: dir });
  assert.equal(fromFile.status, 0, fromFile.stdout);
  const out = JSON.parse(fromFile.stdout) as { results: Array<{ target: { variant: string; variantSource: string; osVersion: string } }> };
  assert.deepEqual(out.results[0]!.target, { variant: 'aws-ecs-2', variantSource: 'file', osVersion: out.results[0]!.target.osVersion });
  const flag = await runCli(['check', '-f', 'json', '--variant', 'aws-k8s-1.31', join(dir, 'e.toml')], { cwd: dir });
  assert.equal(flag.status, 1);
  const flagged = JSON.parse(flag.stdout) as { results: Array<{ diagnostics: Array<{ ruleId: string }> }> };
  assert.deepEqual(
    flagged.results[0]!.diagnostics.map((d) => d.ruleId),
    ['directive/target', 'schema/not-on-variant'],
  );
});
