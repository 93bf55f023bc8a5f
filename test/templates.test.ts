// Templates (issue 11, item 2): placeholders are unknown values, and only what holds whatever the values
// are is reported; directives get one finding; --var fills placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, compile, CompileError } from '../src/index.js';
import fc from 'fast-check';
import { runCli, tmpFiles } from './helpers.js';

const found = (text: string, options: Parameters<typeof check>[1] = {}) =>
  check(text, { name: 'ud.tpl', ...options })[0]!.diagnostics.map((d) => [d.ruleId, d.line, d.column]);

test('a quoted placeholder is a string of unknown content: its type is checked, its format is not', () => {
  assert.deepEqual(found('[settings.kubernetes]\napi-server = "${endpoint}"\n'), [['template/unchecked', 2, 15]]);
  const [r] = check('[settings.kubernetes]\nmax-pods = "${n}"\n', { name: 'ud.tpl' });
  const type = r!.diagnostics.find((d) => d.ruleId === 'schema/type')!;
  assert.match(type.message, /found a string "\$\{n\}"/, 'the message names the placeholder');
  assert.deepEqual([type.line, type.column], [2, 12]);
});

test('a bare placeholder may be any scalar; an unknown key next to it is still an error', () => {
  assert.deepEqual(found('[settings.kubernetes]\nmax-pods = ${max_pods}\nmax-podz = ${x}\n'), [
    ['template/unchecked', 2, 12],
    ['schema/unknown-key', 3, 1],
  ]);
});

test('adjacent bare placeholders are one unknown value: no parse error, and a finding after them keeps its column', () => {
  // Fn::Sub "max-pods = ${X}${Y}" renders valid TOML for any two digit strings
  assert.deepEqual(found('[settings.kubernetes]\nmax-pods = ${X}${Y}${Z} # n\nmax-podz = ${x}\n'), [
    ['template/unchecked', 2, 12],
    ['schema/unknown-key', 3, 1],
  ]);
  const [r] = check('[settings]\nkubernetes = { max-pods = ${X}${Y}, cluster-namez = "a" }\n', { name: 'ud.tpl' });
  assert.deepEqual(
    r!.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.endColumn]),
    [
      ['template/unchecked', 2, 27, 31],
      ['schema/unknown-key', 2, 37, 50],
    ],
  );
  assert.match(r!.diagnostics[0]!.message, /\$\{X\}, \$\{Y\}/);
});

test('a placeholder as a key, or a documentation <placeholder> in a header, hides only what is under it', () => {
  assert.deepEqual(found('[settings.kubernetes.node-labels]\n${label} = "a b"\n'), [['template/unchecked', 2, 1]]);
  assert.deepEqual(found('[settings.oci-defaults.resource-limits.<rlimit>]\nsoft-limit = 1\n', { name: 'ud.toml' }), [
    ['template/unchecked', 1, 40],
  ]);
});

test('a placeholder alone on a line is an unknown fragment: nothing it could add is called missing', () => {
  const [r] = check('${everything}\n', { name: 'ud.tpl' });
  assert.deepEqual(
    r!.diagnostics.map((d) => d.ruleId),
    ['template/unchecked'],
  );
  assert.match(r!.diagnostics[0]!.message, /what \$\{everything\} inserts at line 1/);
});

test('directives get one finding that says how to render first: Terraform %{ } and Helm {{ }}', () => {
  const [tf] = check('%{ for k, v in labels ~}\n[settings]\n%{ endfor ~}\n', { name: 'ud.tpl' });
  assert.deepEqual(
    tf!.diagnostics.map((d) => [d.ruleId, d.line, d.column]),
    [['template/directive', 1, 1]],
  );
  assert.match(tf!.diagnostics[0]!.message, /terraform/);
  const [helm] = check('[settings.kubernetes]\ncluster-name = "{{ .Values.cluster }}"\n{{- if .Values.x }}\n', { name: 'ud.toml' });
  assert.deepEqual(
    helm!.diagnostics.map((d) => [d.ruleId, d.line, d.column]),
    [['template/directive', 3, 1]],
  );
  assert.match(helm!.diagnostics[0]!.message, /helm template/);
});

test('shell text inside a longer string is not a template; $${ and ${! are literal ${', () => {
  const shell = '[settings]\nmotd = "hello ${USER}"\n';
  assert.deepEqual(found(shell, { name: 'ud.toml' }), []);
  assert.deepEqual(found('[settings]\nmotd = "$${x}"\n'), []);
  assert.equal(check('[settings]\nmotd = "${!x}"\n', { name: 'ud.tpl' })[0]!.document?.settings && true, true);
});

test('--var fills placeholders (positions stay those of the file); a filled template compiles, an unfilled one does not', async () => {
  const text = '[settings.kubernetes]\napi-server = "${endpoint}"\nmax-pods = ${max_pods}\n';
  assert.deepEqual(found(text, { vars: { endpoint: 'not a url', max_pods: '110' } }), [['schema/invalid-value', 2, 14]]);
  const full = check(text, { name: 'ud.tpl', vars: { endpoint: 'https://example.com', max_pods: '110' } })[0]!;
  assert.equal(full.template, undefined);
  assert.match(compile(full).toml, /max-pods = 110/);
  assert.throws(() => compile(check(text, { name: 'ud.tpl' })[0]!), CompileError);
  const dir = tmpFiles({ 'ud.tpl': text });
  const cli = await runCli(['check', '--var', 'endpoint=https://example.com', '--var', 'max_pods="110"', 'ud.tpl'], { cwd: dir });
  assert.equal(cli.status, 1);
  assert.match(cli.stdout, /ud\.tpl:3:12: error: settings\.kubernetes\.max-pods: expected an integer/);
  const bad = await runCli(['check', '--var', 'novalue', 'ud.tpl'], { cwd: dir });
  assert.equal(bad.status, 2);
  const compiled = await runCli(['compile', 'ud.tpl'], { cwd: dir });
  assert.equal(compiled.status, 1);
  assert.match(compiled.stderr, /ud\.tpl is a template \(\$\{endpoint\}, \$\{max_pods\}\): fill its placeholders with --var NAME=VALUE/);
  const filled = await runCli(['compile', '--var', 'endpoint=https://example.com', '--var', 'max_pods=110', 'ud.tpl'], { cwd: dir });
  assert.equal(filled.status, 0, filled.stderr);
});

test('a template inside a Karpenter node class: placeholders and findings at their YAML positions', async () => {
  const yaml =
    'apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: t\nspec:\n  amiFamily: Bottlerocket\n  userData: |\n    [settings.kubernetes]\n    kube-api-qps = ${qps}\n    kube-api-qsp = 1\n';
  const dir = tmpFiles({ 'nc.yaml': yaml });
  const r = await runCli(['check', '--format', 'json', 'nc.yaml'], { cwd: dir });
  const diags = (JSON.parse(r.stdout) as { results: Array<{ diagnostics: Array<{ ruleId: string; line: number; column: number }> }> })
    .results[0]!.diagnostics;
  assert.deepEqual(
    diags.map((d) => [d.ruleId, d.line, d.column]),
    [
      ['template/unchecked', 9, 20],
      ['schema/unknown-key', 10, 5],
      ['wrapper/dropped', 10, 5],
    ],
  );
});

test('a literal part that no value could make valid is still an error; one that some value completes is not', () => {
  assert.deepEqual(found('[settings.kubernetes]\ncpu-manager-policy = "${x}-static"\n'), [
    ['schema/invalid-value', 2, 22],
    ['template/unchecked', 2, 23],
  ]);
  // "single-numa-node" ends in -node, "static" is "" + "static": some value makes each valid
  assert.deepEqual(found('[settings.kubernetes]\ntopology-manager-policy = "${p}-node"\ncpu-manager-policy = "${x}static"\n'), [
    ['template/unchecked', 2, 28],
  ]);
});

test('templates of any shape: check never throws, and every finding lies inside the text', () => {
  const token = fc.constantFrom(
    '${a}',
    '${ b ~}',
    '$${',
    '${!x}',
    '%{ if x }',
    '%%{',
    '{{ .V }}',
    '<n>',
    '[settings]',
    '[settings.kubernetes]',
    'max-pods = ',
    'motd = "',
    '"',
    "'",
    '"""',
    '#',
    '=',
    '[',
    ']',
    '{',
    '}',
    ',',
    '\n',
    ' ',
    'x',
    '1',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 40 }), fc.boolean(), (tokens, named) => {
      const text = tokens.join('');
      const results = check(text, { name: named ? 'ud.tpl' : 'ud.toml', vars: { a: '1' } });
      const lines = text.split('\n');
      for (const r of results)
        for (const d of r.diagnostics) {
          assert.ok(d.line >= 1 && d.line <= lines.length, `line ${d.line} of ${lines.length}: ${JSON.stringify(text)}`);
          assert.ok(d.column >= 1 && d.column <= lines[d.line - 1]!.length + 1, `column ${d.column}: ${JSON.stringify(text)}`);
        }
    }),
    { numRuns: 300, seed: 11 },
  );
});
