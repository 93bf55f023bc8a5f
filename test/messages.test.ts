// Schema messages, one case per JSON Schema keyword and per `x-` annotation: each case is checked through
// the library and asserts the rule id, the message id, the pointer and the position of its one finding.
// A case names the Ajv keyword it exercises, and the full schema (compiled here with Ajv) must really fail
// that keyword at that place, so a case cannot drift away from what it claims to test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bundleSchemas, createAjv, ANNOTATION_KEYWORDS } from '../scripts/schema-tools.js';
import { toPointer } from '../src/model/diagnostic.js';
import { parseTomlText } from '../src/parse/toml.js';
import { verdict, VERDICTS } from '../src/rules/verdicts.js';
import { KEYWORD_MESSAGES, keywordFinding, type AjvError } from '../src/validate/keyword-messages.js';
import { toJsonValue } from '../src/validate/json-input.js';
import type { CheckOptions } from '../src/index.js';
import { checkText, ROOT, runCli } from './helpers.js';

const bundle = bundleSchemas(join(ROOT, 'schemas'));
const validateFull = createAjv().compile(bundle);

interface Case {
  /** The Ajv keyword whose failure the message table turns into the finding. */
  keyword?: string;
  /** The `x-` annotation that decides the finding. */
  annotation?: string;
  doc: string;
  options?: CheckOptions;
  /** [ruleId, messageId, pointer, line, column] of the document's only finding. */
  finding: [string, string, string, number, number];
  message?: RegExp;
}

const CASES: Case[] = [
  // keywords
  {
    keyword: 'additionalProperties',
    doc: '[settings.kubernetes]\nmax-podz = 1\n',
    finding: ['schema/unknown-key', 'unknownKey', '/settings/kubernetes/max-podz', 2, 1],
    message: /^unknown key "max-podz" in settings\.kubernetes; did you mean "max-pods"\?/,
  },
  {
    keyword: 'required',
    doc: '[settings.oci-defaults.resource-limits.max-open-files]\nsoft-limit = 1\n',
    finding: ['schema/missing-key', 'required', '/settings/oci-defaults/resource-limits/max-open-files', 1, 2],
    message: /is missing the required key "hard-limit"/,
  },
  {
    keyword: 'required',
    doc: '# only a comment\n',
    finding: ['document/missing-settings', 'missing', '', 1, 1],
  },
  {
    keyword: 'type',
    doc: '[settings.bootstrap-containers.a]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\nessential = "yes"\n',
    finding: ['schema/type', 'type', '/settings/bootstrap-containers/a/essential', 4, 13],
    message: /expected a boolean, found a string "yes"/,
  },
  {
    keyword: 'enum',
    doc: '[settings.kubernetes]\ncpu-manager-policy-options = ["full-pcpus-onyl"]\n',
    finding: ['schema/invalid-value', 'enum', '/settings/kubernetes/cpu-manager-policy-options/0', 2, 31],
    message: /did you mean "full-pcpus-only"\?/,
  },
  {
    keyword: 'const',
    doc: '[settings.bootstrap-commands.a]\ncommands = [["sh", "-c", "x"]]\nmode = "once"\n',
    finding: ['schema/invalid-value', 'const', '/settings/bootstrap-commands/a/commands/0/0', 2, 14],
    message: /expected "apiclient", found "sh" \(ApiclientCommand: /,
  },
  {
    keyword: 'pattern',
    doc: '[settings.kubernetes.node-labels]\na = "bad value!"\n',
    finding: ['schema/invalid-value', 'invalid', '/settings/kubernetes/node-labels/a', 2, 5],
    message: /"bad value!" is not valid \(KubernetesLabelValue: /,
  },
  {
    keyword: 'format',
    doc: '[settings.updates]\nversion-lock = "bad"\n',
    finding: ['schema/invalid-value', 'invalid', '/settings/updates/version-lock', 2, 16],
    message: /\(FriendlyVersion: /,
  },
  {
    keyword: 'minLength',
    doc: '[settings.kubernetes]\nshutdown-grace-period = ""\n',
    finding: ['schema/invalid-value', 'invalid', '/settings/kubernetes/shutdown-grace-period', 2, 25],
  },
  {
    keyword: 'maxLength',
    doc: `[settings.network]\nhostname = "${'a'.repeat(300)}"\n`,
    finding: ['schema/invalid-value', 'invalid', '/settings/network/hostname', 2, 12],
    message: /\(ValidLinuxHostname: 1-253 characters/,
  },
  {
    keyword: 'minimum',
    doc: '[settings.kubernetes]\nmax-pods = -1\n',
    finding: ['schema/invalid-value', 'range', '/settings/kubernetes/max-pods', 2, 12],
    message: /must be at least 0 \(u32: 0 to 4294967295\), found -1/,
  },
  {
    keyword: 'maximum',
    doc: '[settings.kubernetes]\nmax-pods = 4294967296\n',
    finding: ['schema/invalid-value', 'range', '/settings/kubernetes/max-pods', 2, 12],
    message: /must be at most 4294967295/,
  },
  {
    keyword: 'exclusiveMinimum',
    doc: '[settings.kubernetes]\nmemory-throttling-factor = 0.0\n',
    finding: ['schema/invalid-value', 'range', '/settings/kubernetes/memory-throttling-factor', 2, 28],
    message: /must be more than 0/,
  },
  {
    keyword: 'minItems',
    doc: '[settings.network]\nhosts = [["10.0.0.1"]]\n',
    finding: ['schema/invalid-value', 'items', '/settings/network/hosts/0', 2, 10],
    message: /must have at least 2 elements, found 1/,
  },
  {
    keyword: 'maxItems',
    doc: '[settings.network]\nhosts = [["10.0.0.1", ["a"], "x"]]\n',
    finding: ['schema/invalid-value', 'items', '/settings/network/hosts/0', 2, 10],
    message: /must have at most 2 elements, found 3/,
  },
  {
    keyword: 'not',
    doc: '[settings.image-verifier-plugins.notation]\ntrustpolicy = "e30="\ntrust-policy = "e30="\n',
    finding: ['schema/invalid-value', 'not', '/settings/image-verifier-plugins/notation', 1, 34],
    message: /`trustpolicy` and its alias `trust-policy` may not both be given/,
  },
  {
    keyword: 'multipleOf',
    doc: '[settings.kubernetes]\nids-per-pod = 65537\n',
    finding: ['schema/invalid-value', 'keyword', '/settings/kubernetes/ids-per-pod', 2, 15],
    message: /not valid \(multipleOf\) \(KubernetesIdsPerPodValue: /,
  },
  {
    keyword: 'propertyNames',
    doc: '[settings.kubernetes.node-labels]\n"a/b/c" = "x"\n',
    finding: ['schema/invalid-key', 'invalidKey', '/settings/kubernetes/node-labels/a~1b~1c', 2, 1],
    message: /^key "a\/b\/c" in settings\.kubernetes\.node-labels is not valid \(KubernetesLabelKey: /,
  },
  // TOML values JSON cannot carry, decided before the schema (a datetime, nan and inf, a float for an integer)
  {
    keyword: 'type',
    doc: '[settings.kubernetes]\nmax-pods = 1979-05-27\n',
    finding: ['schema/type', 'datetime', '/settings/kubernetes/max-pods', 2, 12],
  },
  {
    keyword: 'type',
    doc: '[settings.kernel.sysctl]\na = nan\n',
    finding: ['schema/type', 'nonFinite', '/settings/kernel/sysctl/a', 2, 5],
  },
  {
    keyword: 'type',
    doc: '[settings.kubernetes]\nmax-pods = inf\n',
    finding: ['schema/null-value', 'ignored', '/settings/kubernetes/max-pods', 2, 12],
  },
  {
    keyword: 'type',
    doc: '[settings.kubernetes]\nmax-pods = 1.5\n',
    finding: ['schema/type', 'float', '/settings/kubernetes/max-pods', 2, 12],
  },
  // annotations
  {
    annotation: 'x-since',
    doc: '[settings.bootstrap-commands.a]\nmode = "once"\n',
    options: { osVersion: '1.21.0' },
    finding: ['schema/not-in-release', 'key', '/settings/bootstrap-commands', 1, 11],
  },
  {
    annotation: 'x-since',
    doc: '[settings.kubernetes.node-taints]\na = ["x:NoSchedule"]\n',
    options: { osVersion: '1.5.0' },
    finding: ['schema/not-in-release', 'form', '/settings/kubernetes/node-taints/a', 2, 5],
    message: /as an array is accepted from Bottlerocket 1\.6\.0; Bottlerocket 1\.5\.0 expects a string/,
  },
  {
    annotation: 'x-enum-since',
    doc: '[settings.kubernetes]\ncpu-manager-policy-options = ["strict-cpu-reservation"]\n',
    options: { osVersion: '1.50.0' },
    finding: ['schema/not-in-release', 'value', '/settings/kubernetes/cpu-manager-policy-options/0', 2, 31],
    message: /from Bottlerocket 1\.51\.0; Bottlerocket 1\.50\.0 rejects it/,
  },
  {
    annotation: 'x-key-since',
    doc: '[settings.kubernetes.kube-reserved]\npid = "100"\n',
    options: { osVersion: '1.49.0' },
    finding: ['schema/not-in-release', 'mapKey', '/settings/kubernetes/kube-reserved/pid', 2, 1],
    message: /"pid" is accepted as a key of settings\.kubernetes\.kube-reserved from Bottlerocket 1\.50\.0/,
  },
  {
    annotation: 'x-deprecated',
    doc: '[settings.kubernetes]\npod-infra-container-image = "x"\n',
    finding: ['schema/deprecated', 'deprecated', '/settings/kubernetes/pod-infra-container-image', 2, 1],
    message: /is deprecated since Bottlerocket 1\.21\.0/,
  },
  {
    annotation: 'x-before',
    doc: '[settings.kubernetes]\ncluster-name = "trailing-"\n',
    options: { osVersion: '1.29.0' },
    finding: ['schema/invalid-value', 'olderRule', '/settings/kubernetes/cluster-name', 2, 16],
    message: /is not valid on Bottlerocket 1\.29\.0 \(a Kubernetes label value/,
  },
  {
    annotation: 'x-before',
    doc: '[settings.kubelet-device-plugins.nvidia.mig.profile]\n"nvidia-a100" = "2g.10gb"\n',
    options: { osVersion: '1.53.0', variant: 'aws-k8s-1.31-nvidia' },
    finding: ['schema/invalid-value', 'olderKey', '/settings/kubelet-device-plugins/nvidia/mig/profile/nvidia-a100', 2, 1],
    message: /the key "nvidia-a100" is not valid on Bottlerocket 1\.53\.0 \(the rule before Bottlerocket 1\.54\.0/,
  },
  {
    annotation: 'x-ignores-unknown',
    doc: '[settings.kernel.hugepages.transparent]\nenabeld = "always"\n',
    finding: ['schema/ignored-key', 'ignored', '/settings/kernel/hugepages/transparent/enabeld', 2, 1],
    message: /did you mean "enabled"\?/,
  },
  {
    annotation: 'x-secret',
    keyword: 'format',
    doc: '[[settings.container-registry.credentials]]\nregistry = "r"\nauth = "not base64!"\n',
    finding: ['schema/invalid-value', 'invalid', '/settings/container-registry/credentials/0/auth', 3, 8],
    message: /^settings\.container-registry\.credentials\[0\]\.auth: "\*{8}" is not valid \(ValidBase64: /,
  },
  {
    annotation: 'x-alias-of',
    keyword: 'not',
    doc: '[settings.boot]\nkernel = {}\nkernel-parameters = {}\n',
    finding: ['schema/invalid-value', 'not', '/settings/boot/kernel-parameters', 3, 1],
    message: /"kernel" and "kernel-parameters" are the same setting \(an alias\)/,
  },
  // decided by the document and the target, not by a keyword
  {
    doc: '[settings.ecs]\ncluster = "x"\n',
    options: { variant: 'aws-k8s-1.31' },
    finding: ['schema/not-on-variant', 'notOnVariant', '/settings/ecs', 1, 11],
  },
  {
    annotation: 'x-null-rejected',
    doc: '[settings.kubernetes]\nnode-taints = nan\n',
    finding: ['schema/type', 'nonFinite', '/settings/kubernetes/node-taints', 2, 15],
    message: /converts to null; its deserializer \(deserialize_node_taints\) reads only a table/,
  },
  { doc: '', finding: ['document/empty', 'noSettings', '', 1, 1] },
  { doc: '\n', options: { osVersion: '1.14.0' }, finding: ['document/empty', 'rejected', '', 1, 1] },
  { doc: '', options: { variant: 'vmware-k8s-1.33' }, finding: ['document/empty', 'vmware', '', 1, 1], message: /guestinfo/ },
  { doc: '', options: { variant: 'metal-dev' }, finding: ['document/empty', 'noSettingsFile', '', 1, 1] },
  { doc: ' \n', options: { variant: 'metal-dev' }, finding: ['document/empty', 'whitespaceFile', '', 1, 1] },
  {
    doc: 'motd = "hi"\n[settings]\n',
    finding: ['document/ignored-key', 'ignored', '/motd', 1, 1],
    message: /did you mean "settings\.motd"\?/,
  },
];

/** Where an Ajv error of the full schema points: the value, or the key for a property-name error. */
function ajvFailures(doc: string): Array<{ keyword: string; pointer: string }> {
  const parsed = parseTomlText(doc);
  assert.ok(parsed.ok);
  validateFull(toJsonValue(parsed.parsed.value));
  return (validateFull.errors ?? []).map((e) => ({
    keyword: e.propertyName !== undefined && e.keyword !== 'propertyNames' ? 'propertyNames' : e.keyword,
    pointer:
      e.propertyName !== undefined || e.keyword === 'propertyNames'
        ? `${e.instancePath}/${String(e.propertyName ?? e.params.propertyName)
            .replace(/~/g, '~0')
            .replace(/\//g, '~1')}`
        : e.keyword === 'additionalProperties'
          ? `${e.instancePath}/${String(e.params.additionalProperty)}`
          : e.instancePath,
  }));
}

for (const c of CASES) {
  const what = [c.keyword, c.annotation].filter(Boolean).join(' + ') || c.finding[0];
  test(`${what}: ${c.finding[0]} ${c.finding[1]} at ${c.finding[2] || '(document)'} ${c.finding[3]}:${c.finding[4]}`, () => {
    const r = checkText('x.toml', c.doc, c.options);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.ruleId, d.messageId, d.pointer, d.line, d.column]),
      [c.finding],
    );
    if (c.message) assert.match(r.diagnostics[0]!.message, c.message);
    if (c.keyword && c.finding[2] !== '' && !/^(datetime|nonFinite|float|ignored)$/.test(c.finding[1]))
      assert.ok(
        ajvFailures(c.doc).some((f) => f.keyword === c.keyword && f.pointer === c.finding[2]),
        `the full schema does not fail ${c.keyword} at ${c.finding[2]}: ${JSON.stringify(ajvFailures(c.doc))}`,
      );
    if (c.annotation === 'x-secret') {
      assert.equal(r.diagnostics[0]!.secret, true);
      assert.doesNotMatch(r.diagnostics[0]!.message, /not base64!/);
    }
  });
}

/**
 * Keywords in the message table that no schema of brud uses today: their messages are checked on a
 * minimal schema compiled here, with the error Ajv itself produces.
 */
const UNUSED: Array<{ keyword: string; schema: object; value: unknown; finding: [string, string]; message: RegExp }> = [
  {
    keyword: 'minProperties',
    schema: { type: 'object', minProperties: 2 },
    value: { a: 1 },
    finding: ['schema/invalid-value', 'properties'],
    message: /^settings\.t: must have at least 2 keys$/,
  },
  {
    keyword: 'maxProperties',
    schema: { type: 'object', maxProperties: 1 },
    value: { a: 1, b: 2 },
    finding: ['schema/invalid-value', 'properties'],
    message: /^settings\.t: must have at most 1 key$/,
  },
  {
    keyword: 'uniqueItems',
    schema: { type: 'array', uniqueItems: true },
    value: ['a', 'b', 'a'],
    finding: ['schema/invalid-value', 'unique'],
    message: /^settings\.t: the elements must be different \(elements 0 and 2 are the same\)$/,
  },
  {
    keyword: 'dependentRequired',
    schema: { type: 'object', dependentRequired: { a: ['b'] } },
    value: { a: 1 },
    finding: ['schema/missing-key', 'dependentRequired'],
    message: /^settings\.t: "a" needs "b" beside it$/,
  },
  {
    keyword: 'exclusiveMaximum',
    schema: { type: 'integer', exclusiveMaximum: 10 },
    value: 10,
    finding: ['schema/invalid-value', 'range'],
    message: /^settings\.t: must be less than 10, found 10$/,
  },
];

for (const u of UNUSED) {
  test(`${u.keyword} (no schema uses it yet): ${u.finding.join(' ')} from the error Ajv produces`, () => {
    const validate = createAjv({ verbose: true }).compile(u.schema);
    assert.equal(validate(u.value), false);
    const error = validate.errors!.find((e) => e.keyword === u.keyword) as AjvError;
    assert.ok(error, JSON.stringify(validate.errors));
    const path = ['settings', 't'];
    const f = keywordFinding(error, { path, value: u.value as never, doc: {}, root: bundle as never, secret: false });
    assert.deepEqual([f.ruleId, f.messageId, toPointer(f.path ?? [])], [...u.finding, '/settings/t']);
    assert.match(f.message.replace(/\. Bottlerocket would reject .*$/, ''), u.message);
  });
}

test('every keyword of the message table, and every schema message id, has a case above', () => {
  const covered = new Set([...CASES.flatMap((c) => (c.keyword ? [c.keyword] : [])), ...UNUSED.map((u) => u.keyword)]);
  assert.deepEqual(
    Object.keys(KEYWORD_MESSAGES).filter((k) => !covered.has(k)),
    [],
  );
  const ids = new Set([...CASES.map((c) => `${c.finding[0]} ${c.finding[1]}`), ...UNUSED.map((u) => u.finding.join(' '))]);
  const missing = Object.entries(VERDICTS)
    .filter(([id]) => id.startsWith('schema/') || id.startsWith('document/'))
    .flatMap(([id, meta]) => Object.keys(meta.messages).map((m) => `${id} ${m}`))
    .filter((m) => !ids.has(m));
  assert.deepEqual(missing, []);
});

/** Annotations that never produce a finding, and where their effect is tested instead. */
const NOT_A_CHECK: Record<string, string> = {
  'x-source': 'provenance; test/schema.test.ts requires it on every definition',
  'x-since-source': 'provenance of x-since, shown by brud explain',
  'x-default-note': 'prose for brud explain (test/schema-explain.test.ts goldens)',
  'x-modeled-type': 'named in messages: the const, pattern and multipleOf cases above match "(ApiclientCommand: …)" and the like',
  'x-canonical': 'normalization to the stored spelling (test/fidelity.test.ts, point 6)',
  'x-rule': 'the rule text of messages: the not and propertyNames cases above match it',
};

test('every x- annotation brud declares is tested: by a case above, or where its effect shows', () => {
  const tested = new Set(CASES.flatMap((c) => (c.annotation ? [c.annotation] : [])));
  assert.deepEqual(
    ANNOTATION_KEYWORDS.filter((a) => !tested.has(a) && !NOT_A_CHECK[a]),
    [],
  );
  for (const a of Object.keys(NOT_A_CHECK)) assert.ok((ANNOTATION_KEYWORDS as readonly string[]).includes(a), a);
});

test('messages: allowed forms for the release, the branch that fits, the key path, useful hints', async () => {
  const taints = checkText('x.toml', '[settings.kubernetes.node-taints]\ndedicated = ["a:NoSchedule"]\n', { osVersion: '1.2.0' });
  assert.match(taints.diagnostics[0].message, /accepted from Bottlerocket 1\.6\.0; Bottlerocket 1\.2\.0 expects a string\./);
  const limit = checkText('x.toml', '[settings.oci-defaults.resource-limits.max-open-files]\nhard-limit = -2\nsoft-limit = 1\n');
  assert.match(limit.diagnostics[0].message, /hard-limit: must be at least -1, found -2/);
  const float = checkText('x.toml', '[settings.kubernetes]\nmax-pods = 110.0\n');
  assert.match(float.diagnostics[0].message, /^settings\.kubernetes\.max-pods: expected an integer, found a float 110\.0/);
  const sysctl = checkText('x.toml', '[settings.kernel.sysctl]\nvm.swappiness = "10"\n');
  assert.match(sysctl.diagnostics[0].message, /TOML split a key at its dots; quote it: "vm\.swappiness" = "10"/);
  const label = checkText('x.toml', '[settings.kubernetes]\nnode-labels.team.example.com/owner = "x"\n');
  assert.match(label.diagnostics[0].message, /a key that contains "\/" \(a label or taint key\) must be quoted/);
  const key = checkText('x.toml', '[settings.kubernetes.kube-reserved]\nmemroy = "1Gi"\n');
  assert.match(key.diagnostics[0].message, /did you mean "memory"\?/);
  const dns = checkText('x.toml', '[settings.kubernetes]\ncluster-dns-ip = 5\n');
  assert.doesNotMatch(dns.diagnostics[0].message, /quote it/);
  assert.match(
    (await runCli(['explain', 'kernel.sysctl.vm.swappiness'])).stderr,
    /quote a key that contains dots, e\.g\. settings\.kernel\.sysctl\."vm\.swappiness"/,
  );
});

test('a setting written at the wrong level says where it belongs', async () => {
  const r = checkText('x.toml', 'hostname = "a"\n[settings]\ncluster-name = "x"\n');
  assert.match(r.diagnostics[0].message, /did you mean "settings\.network\.hostname"\?/);
  assert.match(r.diagnostics[1].message, /unknown key "cluster-name" in settings; it belongs in settings\.kubernetes\./);
});

test('value rules that changed between releases follow the target release', async () => {
  const doc = '[settings.kubernetes]\ncluster-name = "my.cluster"\ncluster-certificate = "aGk"\n';
  const rules = (os?: string) => checkText('x.toml', doc, os ? { osVersion: os } : {}).diagnostics.map((d) => [d.ruleId, d.line]);
  // cluster-name: a label value before 1.30.0, the EKS-style name after; base64 padding: optional before 1.20.0
  assert.deepEqual(rules('1.19.0'), []);
  assert.deepEqual(rules('1.29.0'), [['schema/invalid-value', 3]]);
  assert.deepEqual(rules(), [
    ['schema/invalid-value', 2],
    ['schema/invalid-value', 3],
  ]);
  const trailing = checkText('x.toml', '[settings.kubernetes]\ncluster-name = "trailing-"\n', { osVersion: '1.29.0' });
  assert.match(trailing.diagnostics[0].message, /not valid on Bottlerocket 1\.29\.0 \(a Kubernetes label value/);
  // the released models refuse only line breaks in single-line strings, and take a multi-line command
  assert.deepEqual(
    checkText('x.toml', '[[settings.container-registry.credentials]]\nregistry = "r"\npassword = "p\\tw"\n').diagnostics,
    [],
  );
  assert.equal(
    checkText(
      'x.toml',
      '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\ncommand = ["sh", "-c", """\necho a\necho b\n"""]\n',
    ).errorCount,
    0,
  );
});

test('a lazy message is rendered when read, once, and travels with a copy of its finding', () => {
  let renders = 0;
  const data = () => (renders++, { key: 'max-podz', where: 'settings.kubernetes', hint: '' });
  const f = verdict('schema/unknown-key', 'unknownKey', data, { path: ['settings', 'kubernetes', 'max-podz'], at: 'key' });
  const g = verdict('schema/unknown-key', 'unknownKey', data, { path: ['settings', 'kubernetes', 'other'], at: 'key' });
  assert.equal(renders, 0);
  assert.deepEqual(Object.keys(f), ['ruleId', 'messageId', 'message', 'path', 'at']);
  assert.match(f.message, /^unknown key "max-podz" in settings\.kubernetes/);
  assert.equal(f.message, { ...f }.message);
  assert.equal(renders, 1);
  assert.equal({ ...g, secret: true }.message, f.message);
  assert.equal(renders, 2);
});
