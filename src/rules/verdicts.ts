/**
 * The rules that restate Bottlerocket's own verdict (input, parse, document, schema, target), and the
 * ones about brud's reading of the input (io, internal) and the wrapping tools. Each rule's messages sit
 * beside its metadata, as ESLint keeps `meta.messages`; emitters name a message by id and pass data.
 * Lint rules (what Bottlerocket accepts but will not do what was meant) live in `lint/`.
 */
import type { Finding, MessageData, Path, Severity, Span } from '../model/diagnostic.js';
import { EC2_USER_DATA_LIMIT, MAX_INPUT_BYTES, MAX_SETTINGS_DEPTH, sizeText, TOML_RECURSION_LIMIT } from '../model/limits.js';
import { FACTS } from '../targets/facts.js';
import { renderMessage, type RuleMeta } from './types.js';

/** What every error of the settings model costs on the node. */
export const REJECTS = 'Bottlerocket would reject the whole user-data and the node would not boot.';
const BOTTLEROCKET_REJECTS = 'Bottlerocket rejects the whole user-data document, and the node stops before joining its cluster.';

type VerdictMeta = Omit<RuleMeta, 'id' | 'configurable'> & { configurable?: boolean };

function error(description: string, rationale: string, messages: Record<string, string>, extra: Partial<VerdictMeta> = {}): VerdictMeta {
  return { severity: 'error', description, rationale, messages, ...extra };
}

function warning(description: string, rationale: string, messages: Record<string, string>, extra: Partial<VerdictMeta> = {}): VerdictMeta {
  return { severity: 'warning', description, rationale, messages, ...extra };
}

function info(description: string, rationale: string, messages: Record<string, string>): VerdictMeta {
  return { severity: 'info', description, rationale, messages };
}

const NOT_TOML = 'it expects TOML with a [settings] table, and would fail to boot with a TOML parse error';

export const VERDICTS = {
  'input/too-large': error(
    `The input is larger than brud accepts (${sizeText(MAX_INPUT_BYTES)}).`,
    `EC2 accepts at most ${sizeText(EC2_USER_DATA_LIMIT)} of user-data; brud refuses larger inputs before parsing.`,
    {
      tooLarge: 'input is over {{limit}} bytes; brud refuses it unread (EC2 accepts at most {{ec2Limit}} bytes of user-data)',
      gzipTooLarge: 'gzip user-data expands beyond {{limit}} bytes; brud refuses it',
    },
    { fatal: true },
  ),
  'launch/ec2-user-data-size': warning(
    `User-data over EC2's limit of ${sizeText(EC2_USER_DATA_LIMIT)} (the bytes EC2 stores, before base64).`,
    'EC2 refuses the launch (RunInstances, the launch template) before Bottlerocket reads the user-data (AWS EC2 User Guide, "Work with instance user data"); gzip counts compressed, and Bottlerocket decompresses it (bottlerocket-core-kit early-boot-config-provider/src/compression.rs).',
    {
      gzipFits:
        'the user-data is {{bytes}} bytes; EC2 accepts at most {{limit}} bytes before base64, so the launch fails. Gzipped it would be {{zipped}} bytes and fit: Bottlerocket decompresses gzip user-data (brud compile --gzip writes it)',
      gzipOver:
        'the user-data is {{bytes}} bytes; EC2 accepts at most {{limit}} bytes before base64, so the launch fails, and gzip would only bring it to {{zipped}} bytes, still over: move large values (scripts, certificates) into a bootstrap container image',
      gzipped:
        'the gzipped user-data is {{bytes}} bytes; EC2 accepts at most {{limit}} bytes before base64, so the launch fails even compressed: move large values (scripts, certificates) into a bootstrap container image',
    },
  ),
  'input/encoding': error('The input is not valid UTF-8.', BOTTLEROCKET_REJECTS, {
    notUtf8: '{{what}} is not valid UTF-8 (byte 0x{{byte}}); Bottlerocket rejects user-data that is not UTF-8 text',
  }),
  'input/bom': warning('The input starts with a byte-order mark.', "Bottlerocket's TOML parser skips it; other tools may not.", {
    bom: "the input starts with a byte-order mark; Bottlerocket's TOML parser skips it, but other tools that read user-data may not: save the file as UTF-8 without BOM",
  }),
  'input/not-toml': error(
    'The input is not TOML user-data (a shell script, cloud-init, MIME multipart, …).',
    'Bottlerocket fails to parse it and the node does not boot.',
    {
      shellScript: `this is a shell script (it starts with "#!"); Bottlerocket does not run user-data scripts: ${NOT_TOML}. Run commands with settings.bootstrap-commands or a bootstrap container instead`,
      cloudInit: `this is cloud-init user-data ("#cloud-config"); Bottlerocket does not use cloud-init: ${NOT_TOML}`,
      mime: 'this is {{kind}} user-data; Bottlerocket does not unpack MIME: it expects plain TOML with a [settings] table, and would fail to boot with a TOML parse error (as in karpenter-provider-aws#3536). Pass the TOML part alone',
      base64Again:
        'the {{wrappings}}-decoded user-data is base64 text again; Bottlerocket decodes neither, so it would fail to parse it as TOML. Encode the TOML only once',
      gzipAgain: 'the gzip-decompressed user-data is gzip again; Bottlerocket decompresses only once, so it would fail to parse it',
      jsonWithoutUserData:
        'this is JSON without launch-template user-data (expected "UserData", "LaunchTemplateData.UserData" or "LaunchTemplateVersions[].LaunchTemplateData.UserData"); Bottlerocket user-data is TOML',
      userDataNotString: 'UserData is not a string; launch templates carry user-data as base64 text',
      userDataNotBase64: 'UserData is not valid base64; EC2 requires launch-template user-data to be base64-encoded',
      hostNotString: '{{where}} is not a string; Bottlerocket user-data is TOML text',
      cfnNotBase64: 'UserData is not base64: CloudFormation passes it to EC2 as is, which requires base64; wrap it in Fn::Base64',
      tfNotBase64: 'user_data of aws_launch_template is not base64, which the AWS provider requires: write base64encode(…) around it',
      yamlAlias:
        'the YAML alias *{{alias}} in bottlerocket.settings is not followed by brud, so what it stands for is not checked; write the value out to have it checked',
      yamlNull: '"{{key}}" has no value (null): TOML has no null, so it cannot be written into the user-data; give it a value or remove it',
    },
  ),
  'input/bad-gzip': error('The input has the gzip magic bytes but does not decompress.', BOTTLEROCKET_REJECTS, {
    badGzip: 'the input starts with the gzip magic bytes but does not decompress ({{reason}}); Bottlerocket would fail to read it',
  }),
  'input/gzip-trailing': warning(
    'Bytes after the first gzip member (a second member, or other data).',
    "Bottlerocket's gzip reader stops after the first member: settings after it never reach the node (bottlerocket-core-kit early-boot-config-provider/src/compression.rs uses flate2's GzDecoder).",
    {
      ignored:
        'Bottlerocket reads only the first gzip member: the {{bytes}} bytes after it (another member, or other data) are ignored, and any settings in them never reach the node',
    },
  ),
  'input/decoded': info('The input was base64 or gzip and was decoded before checking.', 'Informational.', {
    base64:
      'decoded base64 user-data ({{characters}} characters → {{bytes}} bytes), as EC2 launch templates carry it; the node receives the decoded bytes',
    gzip: 'decompressed gzip user-data ({{from}} → {{to}} bytes); Bottlerocket detects gzip by its magic bytes and decompresses it',
  }),
  'input/no-user-data': info('A launch-template version, node class or file without Bottlerocket user-data.', 'Informational.', {
    noUserData: 'this launch-template version has no UserData; nothing to check',
    karpenterNone: 'this Bottlerocket EC2NodeClass has no spec.userData: Karpenter writes the whole user-data itself; nothing to check',
    cfnComputed: 'UserData is computed with {{fn}}: brud reads Fn::Base64 of a string or of Fn::Sub; check the rendered user-data instead',
    eksctlNone: 'this Bottlerocket node group has no bottlerocket.settings: eksctl writes the whole user-data itself; nothing to check',
    hostNone:
      'this {{syntax}} holds no Bottlerocket user-data (no Bottlerocket EC2NodeClass, eksctl node group, launch template or Terraform aws_launch_template); nothing to check',
  }),
  'template/directive': error(
    'A template directive (`%{ for }`, `%{ if }`, Helm `{{ }}`) brud cannot evaluate.',
    'What the node receives depends on how the template renders; brud checks the rendered output.',
    {
      directive: '{{syntax}} directive {{text}}: brud cannot evaluate template logic, so nothing in this document was checked; {{how}}',
    },
  ),
  'template/unchecked': info(
    'A template checked with its placeholders as unknown values: what could not be checked.',
    'brud reports only what holds whatever the values are (unknown keys, missing tables, types of quoted values, literal parts); checks that depend on a value are left out, and this note names them.',
    {
      unknown:
        'template: {{count}} placeholder(s) ({{names}}) taken as unknown values, and only what holds for any value was checked{{unchecked}}; fill them with --var NAME=VALUE to check the rest',
    },
  ),
  'input/host-syntax': error(
    'The YAML or JSON file that holds the user-data does not parse.',
    'The tool that reads the file (kubectl, eksctl, CloudFormation, Terraform) would refuse it, and brud cannot find the user-data in it.',
    { syntax: 'the {{syntax}} does not parse: {{detail}}' },
  ),
  'parse/syntax': error('The TOML does not parse (TOML 1.0, as Bottlerocket reads it).', BOTTLEROCKET_REJECTS, {
    syntax: '{{detail}}',
    bareCr: 'a carriage return (CR) not followed by a line feed is not allowed in TOML',
    integerRange: 'integer out of range: TOML integers are 64-bit (from -9223372036854775808 to 9223372036854775807)',
    floatRangeToml05:
      'the float {{value}} overflows a 64-bit float: Bottlerocket {{release}} parses user-data with toml 0.5, which refuses it (from {{since}}, toml_edit reads it as -inf)',
  }),
  'parse/too-deep': error(
    `Nesting deeper than Bottlerocket's TOML parser allows (${TOML_RECURSION_LIMIT - 1} levels, ${TOML_RECURSION_LIMIT - 1} dotted key parts), or settings nested deeper than any setting (${MAX_SETTINGS_DEPTH} tables).`,
    BOTTLEROCKET_REJECTS,
    {
      value:
        "recursion limit exceeded: arrays or inline tables are nested {{limit}} levels deep; Bottlerocket's TOML parser stops at {{max}}",
      key: "recursion limit exceeded: a key has {{limit}} or more dotted parts; Bottlerocket's TOML parser allows at most {{max}}",
      tables:
        'settings nested more than {{max}} tables deep (dotted keys inside inline tables multiply the depth); no Bottlerocket setting is nested that deep, so a key on the way is unknown and Bottlerocket rejects the user-data',
    },
  ),
  'io/unreadable': error(
    'An input that cannot be read.',
    'brud cannot give a verdict (exit 2).',
    { unreadable: 'cannot read {{name}}: {{reason}}' },
    { fatal: true },
  ),
  'io/skipped': info(
    'An entry of a directory or glob that is not a regular file (a FIFO, a socket, a device).',
    'Reading it could block forever or never end; brud skips it and says so.',
    { special: '{{name}} is {{kind}}, not a regular file: skipped' },
  ),
  'document/empty': warning(
    'The user-data is empty.',
    `What empty user-data does depends on where the variant reads it: EC2 treats it as "no settings" since Bottlerocket ${FACTS.emptyUserDataOk.since}; VMware guestinfo fails on it; a local or CD-ROM file counts as none only when zero-length.`,
    {
      noSettings: 'the user-data is empty: Bottlerocket applies no settings from it (EC2 treats whitespace-only user-data as none)',
      rejected: `the user-data is empty: Bottlerocket before {{since}} fails with "TOML data did not contain 'settings' section"`,
      vmware: `the user-data is empty: VMware guestinfo has no emptiness check, so Bottlerocket fails with "TOML data did not contain 'settings' section"; only a zero-length user-data file on the CD-ROM counts as none{{zeroLength}}`,
      noSettingsFile: 'the user-data file is empty: Bottlerocket applies no settings from it',
      whitespaceFile: `the user-data file holds only whitespace: only a zero-length file counts as none, so Bottlerocket fails with "TOML data did not contain 'settings' section"`,
    },
  ),
  'document/missing-settings': error('The document has no [settings] table.', BOTTLEROCKET_REJECTS, {
    missing: `no [settings] table: Bottlerocket fails with "TOML data did not contain 'settings' section" and the node does not boot`,
  }),
  'document/ignored-key': warning(
    'A top-level key other than `settings`.',
    'Bottlerocket reads only `settings` and silently drops everything else.',
    {
      ignored:
        'top-level key "{{key}}" is ignored: Bottlerocket reads only the [settings] table and silently drops everything else{{hint}}',
    },
    { fixable: ['ignored'] },
  ),
  'schema/unknown-key': error(
    'A key the settings model does not have.',
    BOTTLEROCKET_REJECTS,
    { unknownKey: 'unknown key "{{key}}" in {{where}}{{hint}}' },
    { consequence: REJECTS, fixable: ['unknownKey'] },
  ),
  'schema/invalid-key': error(
    'A map key that breaks its modeled type (e.g. an Identifier with "_").',
    BOTTLEROCKET_REJECTS,
    { invalidKey: 'key "{{key}}" in {{where}} is not valid{{rule}}{{hint}}' },
    { consequence: REJECTS, fixable: ['invalidKey'] },
  ),
  'schema/type': error(
    'A value of the wrong TOML type.',
    BOTTLEROCKET_REJECTS,
    {
      type: '{{where}}: expected {{expected}}, found {{found}}{{hint}}',
      datetime:
        '{{where}}: expected {{expected}}, found a TOML datetime ({{value}}); no Bottlerocket setting takes a datetime: quote it if it is meant as text',
      nonFinite: '{{where}}: expected {{expected}}, found {{value}}, which Bottlerocket converts to null{{why}}',
      float: '{{where}}: expected {{expected}}, found a float {{value}}{{hint}}',
    },
    { consequence: REJECTS, fixable: ['type'] },
  ),
  'schema/invalid-value': error(
    'A value that breaks its modeled type, range or allowed values.',
    BOTTLEROCKET_REJECTS,
    {
      enum: '{{where}}: expected one of {{allowed}}, found {{value}}{{hint}}',
      const: '{{where}}: expected {{allowed}}, found {{value}}{{rule}}',
      invalid: '{{where}}: {{value}} is not valid{{rule}}',
      range: '{{where}}: must be {{bound}} {{limit}}{{range}}, found {{value}}',
      items: '{{where}}: must have {{bound}} {{count}}, found {{found}}{{rule}}',
      properties: '{{where}}: must have {{bound}} {{count}}{{rule}}',
      not: '{{where}}: {{rule}}',
      unique: '{{where}}: the elements must be different (elements {{first}} and {{second}} are the same)',
      keyword: '{{where}}: not valid ({{keyword}}){{rule}}',
      olderRule: '{{where}}: {{value}} is not valid on Bottlerocket {{release}} ({{rule}})',
      olderKey: '{{where}}: the key {{key}} is not valid on Bottlerocket {{release}} ({{rule}})',
    },
    { consequence: REJECTS, fixable: ['enum', 'not'] },
  ),
  'schema/missing-key': error(
    'A required key is missing.',
    BOTTLEROCKET_REJECTS,
    {
      required: '{{where}} is missing the required key "{{key}}"',
      dependentRequired: '{{where}}: "{{key}}" needs "{{missing}}" beside it',
    },
    { consequence: REJECTS },
  ),
  'schema/not-on-variant': error(
    'A namespace the target variant does not have.',
    BOTTLEROCKET_REJECTS,
    { notOnVariant: 'settings.{{namespace}} is not a setting of {{variant}}{{elsewhere}}' },
    { consequence: REJECTS },
  ),
  'schema/not-in-release': error(
    'A key, value form or value newer than the target release.',
    BOTTLEROCKET_REJECTS,
    {
      key: '{{where}} was added in Bottlerocket {{since}}; Bottlerocket {{release}} does not know it',
      form: '{{where}} as {{found}} is accepted from Bottlerocket {{since}}; Bottlerocket {{release}} expects {{expected}}',
      value: '{{value}} is accepted for {{where}} from Bottlerocket {{since}}; Bottlerocket {{release}} rejects it',
      mapKey: '"{{key}}" is accepted as a key of {{where}} from Bottlerocket {{since}}; Bottlerocket {{release}} rejects it',
    },
    { consequence: REJECTS },
  ),
  'schema/deprecated': warning('A deprecated setting.', 'Accepted, but it has no effect.', {
    deprecated: '{{where}} is deprecated since Bottlerocket {{since}}{{detail}}',
  }),
  'schema/ignored-key': warning(
    'A key that a lenient table ignores.',
    'A few Bottlerocket tables do not reject unknown keys; Bottlerocket drops the key without a word.',
    {
      ignored: 'unknown key "{{key}}" in {{where}}: this table does not reject unknown keys, so Bottlerocket silently ignores it{{hint}}',
    },
    { fixable: ['ignored'] },
  ),
  'schema/null-value': warning('nan or inf, which become JSON null.', 'Bottlerocket ignores the setting.', {
    ignored: '{{value}} cannot be written in JSON: Bottlerocket converts it to null and ignores {{where}} (the setting keeps its default)',
  }),
  'wrapper/refused': error(
    'A setting the wrapping tool (Karpenter, eksctl, EKS) refuses.',
    'The tool fails the launch or the node group before Bottlerocket sees anything.',
    {
      karpenterStringOnly:
        'Karpenter reads {{where}} as a string: an integer here fails the launch ("cannot decode TOML integer", aws/karpenter-provider-aws#6787); write it as "{{value}}"',
      eksctlManagedLabels:
        'eksctl refuses settings.kubernetes.{{key}} for managed node groups: labels and taints should be set on the managedNodeGroup object',
      eksctlManaged:
        'eksctl refuses settings.kubernetes.{{key}} for managed node groups: EKS automatically injects cluster bootstrapping fields into user-data',
      eksctl:
        'eksctl refuses it: "invalid Bottlerocket setting: use nodeGroups[i].{{field}} instead (path=nodeGroups[i].bottlerocket.settings.kubernetes.{{key}})"',
      eksMixedArray: 'EKS managed node groups do not accept arrays of mixed types ({{kinds}})',
      eksQuoteInKey: 'EKS managed node groups do not accept quotes inside a quoted key ({{key}})',
      eksQuotedHeader:
        'EKS managed node groups do not accept quoted keys in table headers: move the quoted key into the table (e.g. [settings.kernel.sysctl] then "vm.max_map_count" = "…")',
      eksEscapedQuote: 'EKS managed node groups do not accept escaped quotes (\\") in strings',
    },
  ),
  'wrapper/overridden': warning('A setting the wrapping tool replaces with its own value.', 'The value you wrote never reaches the node.', {
    karpenterCluster: 'Karpenter always sets {{where}} from the cluster; this value is replaced',
    karpenterMaxPods:
      "Karpenter always sets settings.kubernetes.max-pods (spec.kubelet.maxPods, else the instance type's pod capacity); this value is replaced",
    karpenterDns:
      'Karpenter sets settings.kubernetes.cluster-dns-ip whenever it knows the cluster DNS IP (spec.kubelet.clusterDNS, or the kube-dns it discovers); this value is then replaced',
    karpenterTaints:
      "Karpenter replaces settings.kubernetes.node-taints with the NodePool's taints (and karpenter.sh/unregistered): set taints on the NodePool instead",
    karpenterLabel: 'Karpenter sets its own {{domain}} labels; on the same key its value wins',
    eksctlCluster: 'eksctl always writes {{where}} from the cluster for nodeGroups; this value is replaced',
  }),
  'wrapper/dropped': warning('A setting the wrapping tool drops.', 'The value you wrote never reaches the node.', {
    topLevel: '{{tool}} keeps only the [settings] table: top-level "{{key}}" is dropped',
    karpenterUnknown:
      'Karpenter does not model settings.kubernetes.{{key}}: it logs "Unknown parameter in userData K8s settings" and drops it',
    karpenterNoMode:
      'Karpenter re-writes bootstrap-commands entries with every field; "{{name}}" has no mode, which comes out as mode = "" and Bottlerocket rejects (inferred from Karpenter\'s types): set mode',
  }),
  'wrapper/may-override': info(
    'A setting the wrapping tool replaces when its own configuration sets it.',
    'Check the tool’s configuration.',
    {
      karpenterKubelet: 'Karpenter replaces {{where}} (the whole table) if the EC2NodeClass sets spec.kubelet.{{field}}',
      eksctlMaxPods: 'eksctl replaces settings.kubernetes.max-pods when the managed node group sets maxPodsPerNode',
      eksctlDns: 'eksctl refuses settings.kubernetes.cluster-dns-ip together with nodeGroups[i].clusterDNS ("only one of … can be set")',
      eksLabel: 'EKS sets its own eks.amazonaws.com/* node labels; "{{label}}" collides with them',
    },
  ),
  'merge/conflict': error('A key that is a table in one layer and a value in another.', 'One layer’s intent is lost whichever wins.', {
    conflict: '{{where}} is {{first}} in {{firstLayer}} but {{second}} in {{secondLayer}}: a table and a value cannot be merged',
  }),
  'target/no-variant': error(
    'No variant accepts every namespace the document uses.',
    BOTTLEROCKET_REJECTS,
    { noVariant: 'no Bottlerocket variant accepts all of {{namespaces}} on {{release}}: {{hint}}' },
    { consequence: REJECTS },
  ),
  'target/variant-unavailable': warning('The named variant does not exist in the target release.', 'There is no such image to boot.', {
    unavailable: '{{variant}} does not exist in Bottlerocket {{release}}: {{reason}}',
  }),
  'directive/unused': warning(
    'A `# brud-disable-next-line` or `# brud-disable-line` comment that suppresses nothing.',
    "A stale suppression would hide the next real finding on that line; reported as ESLint's reportUnusedDisableDirectives does (only when the lint rules ran, that is when Bottlerocket would accept the document).",
    {
      unused: 'unused {{directive}} directive: no "{{rule}}" finding on line {{line}}; remove it',
      unusedAll: 'unused {{directive}} directive: no finding on line {{line}}; remove it',
    },
    { configurable: true, fixable: ['unused', 'unusedAll'] },
  ),
  'directive/invalid': warning(
    'A brud directive comment that brud cannot use (`# brud-disable-…`, `#:brud …`).',
    'It does nothing, so what it was meant to do does not happen.',
    {
      unknownRule: '{{directive}}: unknown rule "{{rule}}"{{hint}}',
      notSuppressible:
        '{{directive}}: "{{rule}}" is Bottlerocket\'s own verdict and cannot be suppressed: the node would still refuse the user-data',
      unknownField: '#:brud: unknown field "{{field}}" (expected variant=NAME and os-version=X.Y.Z){{hint}}',
      badVariant: '#:brud: unknown variant "{{value}}" (e.g. aws-k8s-1.31, aws-ecs-2, or a family such as aws-k8s){{hint}}',
      badRelease: '#:brud: os-version must be a Bottlerocket release such as 1.30.0, got "{{value}}"',
      twice: '#:brud is given twice (first on line {{line}}); only the first is used',
      empty: '#:brud names nothing: write variant=NAME and/or os-version=X.Y.Z',
    },
  ),
  'directive/target': info(
    'The file declares its target (`#:brud variant=… os-version=…`) and an explicit option overrides it.',
    'Explicit options win over the file, as command-line flags win in ESLint; the note says so when they disagree.',
    {
      overridden: 'the file declares {{field}}={{declared}} (#:brud), but {{given}} was given explicitly and wins',
    },
  ),
} as const satisfies Record<string, VerdictMeta>;

export type VerdictId = keyof typeof VERDICTS;
export type VerdictMessageId<R extends VerdictId> = keyof (typeof VERDICTS)[R]['messages'] & string;

/** Where a verdict points: a document path (and which part of it), a span, or the whole input. */
export interface Place {
  path?: Path;
  at?: 'key' | 'value';
  span?: Span | 'input';
  severity?: Severity;
  /** The place holds a secret (its value is masked in the message already). */
  secret?: boolean;
  /** The certain edit the message proposes (see Finding.fix). */
  fix?: Finding['fix'] | undefined;
}

/**
 * A finding of a verdict rule, its message rendered from the rule's template. `data` may be a function:
 * the message is then rendered only when read, so that the findings past the listing cap (counted,
 * never shown) cost no "did you mean" search.
 */
export function verdict<R extends VerdictId>(
  ruleId: R,
  messageId: VerdictMessageId<R>,
  data: MessageData | (() => MessageData),
  place: Place = {},
): Finding {
  const meta = VERDICTS[ruleId];
  const rest = {
    path: place.path ?? [],
    ...(place.at ? { at: place.at } : {}),
    ...(place.span ? { span: place.span } : {}),
    ...(place.severity ? { severity: place.severity } : {}),
    ...(place.secret ? { secret: true as const } : {}),
    ...(place.fix ? { fix: place.fix } : {}),
  };
  if (typeof data !== 'function') return { ruleId, messageId, message: renderMessage(meta, messageId, data), ...rest };
  // one getter shared by every lazy finding: a getter of its own per object gave each finding a hidden
  // class of its own (dictionary mode, ~500 bytes): 60,000 unknown keys held 30 MB of them
  const f = { ruleId, messageId } as Finding;
  Object.defineProperty(f, 'message', LAZY_MESSAGE);
  lazyData.set(f, data);
  return Object.assign(f, rest);
}

/** The data of each lazy finding whose message was not read yet. */
const lazyData = new WeakMap<Finding, () => MessageData>();

const LAZY_MESSAGE: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Finding): string {
    const message = renderMessage(VERDICTS[this.ruleId as VerdictId], this.messageId, lazyData.get(this)!());
    // rendered once: from now on a plain property (only the few listed findings get here)
    Object.defineProperty(this, 'message', { value: message, enumerable: true, configurable: true, writable: true });
    lazyData.delete(this);
    return message;
  },
};
