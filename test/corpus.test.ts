// The real-world corpus (fixtures/corpus/real-world, with SOURCES.md) and the reference examples,
// through the real CLI, against golden output and against the verdicts their sources state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertGolden, FIXTURES, runCli } from './helpers.js';

interface Result {
  file: string;
  errorCount: number;
  diagnostics: Array<{ ruleId: string; messageId: string; line: number; column: number; severity: string }>;
}

const corpusDir = 'fixtures/corpus/real-world';
const sources = readFileSync(join(FIXTURES, 'corpus', 'real-world', 'SOURCES.md'), 'utf8');
/** file → validity column of SOURCES.md */
const verdicts = new Map([...sources.matchAll(/^\| `([^`]+\.toml)` \|(?:[^|]*\|){3} ([^|]*) \|/gm)].map((m) => [m[1], m[2].trim()]));

/**
 * Documented examples that Bottlerocket's model rejects as written: the docs use placeholders or a typo.
 * Each is pinned to the rule and line brud reports, so a change in verdict fails the test.
 */
const DOC_EXAMPLES_REJECTED: Record<string, { rule: string; line: number; why: string }[]> = {
  '011-br-readme-registry-credentials.toml': [
    {
      rule: 'schema/invalid-value',
      line: 8,
      why: 'auth = "example_base64_encoded_auth_string" is a placeholder, not base64 (ValidBase64)',
    },
  ],
  '020-br-readme-pki.toml': [
    { rule: 'schema/invalid-value', line: 2, why: 'data = "W3N..." is a truncated placeholder, not a PEM bundle in base64' },
    { rule: 'schema/invalid-value', line: 6, why: 'same placeholder' },
  ],
  '034-brboot-bootstrap-container-userdata-b64.toml': [
    { rule: 'schema/invalid-value', line: 2, why: 'source = "<URI to ECR Repository …>" is a placeholder, not a URL' },
  ],
  '059-issue-karpenter-pr1862-registry-credentials.toml': [
    { rule: 'schema/invalid-value', line: 8, why: 'auth = "<secret>" was redacted in the PR text; the real value was base64' },
  ],
  '037-br-security-nvidia-unprivileged.toml': [
    { rule: 'schema/unknown-key', line: 1, why: 'the guide writes "kubelet-device-plugin"; the namespace is "kubelet-device-plugins"' },
  ],
};

async function check(args: string[]): Promise<Result[]> {
  return JSON.parse((await runCli(['check', '--format', 'json', ...args])).stdout).results as Result[];
}

test('the whole corpus gives the same report every time, and the same findings (golden of file, position, rule, message id)', async () => {
  const r = await runCli(['check', '--format', 'json', corpusDir]);
  assert.equal(r.status, 1);
  assert.equal((await runCli(['check', '--format', 'json', corpusDir])).stdout, r.stdout, 'the report is deterministic');
  // the verdicts, not the wording: prose is checked by the formatter and message tests
  const findings = (JSON.parse(r.stdout) as { results: Result[] }).results
    .flatMap((x) => x.diagnostics.map((d) => `${x.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.messageId}`))
    .join('\n');
  assertGolden('corpus-findings.txt', findings + '\n');
});

test('corpus files their sources call valid are accepted, except documented placeholders, redactions and typos, pinned', async () => {
  const results = await check([corpusDir]);
  const byName = new Map(results.map((r) => [r.file.slice(corpusDir.length + 1), r]));
  // templated/ files hold template syntax (${VAR}, %s) that is only valid once rendered
  const valid = [...verdicts].filter(([f, v]) => v.startsWith('known-valid') && !f.startsWith('templated/'));
  assert.ok(valid.length >= 40, `only ${valid.length} known-valid files found in SOURCES.md`);
  for (const [file] of valid) {
    const r = byName.get(file);
    assert.ok(r, `${file} was not checked`);
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ rule: d.ruleId, line: d.line }));
    const expected = (DOC_EXAMPLES_REJECTED[file] ?? []).map(({ rule, line }) => ({ rule, line }));
    assert.deepEqual(errors, expected, file);
  }
});

test('corpus files reported as breaking boot are rejected at the right line', async () => {
  const results = await check([`${corpusDir}/reported-invalid`]);
  const find = (name: string) => results.find((r) => r.file.endsWith(name))!;
  // two [settings.kubernetes] tables; the reporter's redaction "some valye" on line 23 is the first TOML error
  assert.deepEqual(
    find('R01-br2024-duplicate-settings-kubernetes.toml').diagnostics.map((d) => [d.ruleId, d.line]),
    [['parse/syntax', 23]],
  );
  // an unterminated string on line 2; it is a Terraform template (${base64encode(…)} on line 5), which the note says
  assert.deepEqual(
    find('R04-karpenter4814-mirrors-table-unterminated-string.toml').diagnostics.map((d) => [d.ruleId, d.line]),
    [
      ['parse/syntax', 2],
      ['template/unchecked', 5],
    ],
  );
  // a node label key with two "/" (kubernetes.io/cluster/<name>) is not a valid label key
  assert.deepEqual(
    find('R03-br2435-nodecreationfailure-empty-taints.toml').diagnostics.map((d) => [d.ruleId, d.line]),
    [['schema/invalid-key', 7]],
  );
  // a bootstrap container without source broke boot on 1.30.0; from 1.33.0 a default image is used
  const [r05] = await check(['--os-version', '1.30.0', `${corpusDir}/reported-invalid/R05-karpenter8131-bootstrap-no-source-v1.30.toml`]);
  assert.deepEqual(
    r05.diagnostics.map((d) => [d.ruleId, d.severity]),
    [['containers/missing-source', 'error']],
  );
  // empty user-data was an error before 1.15.0
  const [r06] = await check(['--os-version', '1.14.0', `${corpusDir}/reported-invalid/R06-br1470-empty-user-data.toml`]);
  assert.deepEqual(
    r06.diagnostics.map((d) => [d.ruleId, d.severity]),
    [['document/empty', 'error']],
  );
});

test('the reference examples get the verdicts their header comments state (golden)', async () => {
  const r = await runCli(['check', 'fixtures/reference-examples']);
  assertGolden('reference-examples.txt', r.stdout);
  const results = await check(['fixtures/reference-examples']);
  const errors = (name: string) =>
    results
      .find((x) => x.file.endsWith(name))!
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.ruleId);
  assert.deepEqual(errors('valid-aws-k8s.toml'), []);
  assert.deepEqual(errors('invalid-unknown-key.toml'), ['schema/unknown-key']);
  assert.deepEqual(errors('invalid-wrong-type.toml'), ['schema/type']);
  assert.deepEqual(errors('invalid-bootstrap-command.toml'), ['schema/invalid-value']);
  assert.deepEqual(errors('pitfall-accepted-but-breaks-boot.toml'), ['containers/missing-source']);
  const [variant] = await check(['--variant', 'aws-k8s-1.31', 'fixtures/reference-examples/invalid-wrong-variant.toml']);
  assert.deepEqual(
    variant.diagnostics.map((d) => d.ruleId),
    ['schema/not-on-variant'],
  );
});
