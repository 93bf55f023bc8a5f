/**
 * brud's library: everything the command line does, for programs (a GitHub Action, an editor, a CDK
 * app, a web page). The CLI in `src/cli/` is built on this module alone.
 *
 *   import { check, compile, plan } from 'brud';
 *   const [result] = check(await readFile('userdata.toml'), { variant: 'aws-k8s-1.31' });
 *   if (result.errorCount === 0) console.log(compile(result).toml);
 *
 * Functions take user-data as text or bytes (TOML, base64 or gzip user-data, launch-template JSON) or
 * an earlier check's result. Bad options throw `OptionError`; input that cannot be used as asked (two
 * documents where one is needed) throws `InputError`; compiling a document Bottlerocket would reject
 * throws `CompileError`.
 */
import { VERSION } from '#generated/version.js';
import { finish } from './check/finish.js';
import { fixText, type FixResult } from './check/fix.js';
import { checkBytes } from './check/pipeline.js';
import type { CheckOptions, DocumentResult, RuleSetting } from './check/types.js';
import { assertCompilable, CompileError, compileResult, type Compiled } from './compile/compile.js';
import { normalizeDocument } from './compile/normalize.js';
import { formatToml } from './compile/format.js';
import { diffDocuments, type DiffOptions, type DiffReport } from './diff/compare.js';
import { unwrapUserData, type SourceDocument } from './input/unwrap.js';
import { mergeDocuments, type MergeInput, type MergeResult } from './merge/layers.js';
import { compareDiagnostics, INPUT_START, type Span } from './model/diagnostic.js';
import { MAX_INPUT_BYTES } from './model/limits.js';
import { hostSyntax, loadYaml } from './input/hosts/index.js';
import { InputError, OptionError } from './model/errors.js';
import { parseTomlText } from './parse/toml.js';
import { buildPlan } from './plan/plan.js';
import type { Plan } from './plan/types.js';
import { ruleMeta } from './rules/registry.js';
import { verdict } from './rules/verdicts.js';
import { loadSchema, type SchemaNode } from './schema/bundle.js';
import { explainKey, type Explanation } from './schema/explain.js';
import { specializeSchema } from './schema/specialize.js';
import { NEWEST_RELEASE, normalizeRelease } from './targets/releases.js';
import { parseVariant } from './targets/variant-name.js';
import { applyWrapper, type Wrapped } from './wrappers/apply.js';
import { WRAPPERS, WRAPPER_NAMES } from './wrappers/index.js';
import type { TomlTable } from './model/value.js';

export type {
  CheckOptions,
  DocumentResult,
  RuleSetting,
  Compiled,
  Plan,
  DiffOptions,
  DiffReport,
  MergeInput,
  MergeResult,
  Wrapped,
  Explanation,
  SchemaNode,
  SourceDocument,
  TomlTable,
  Span,
};
export type { Diagnostic, Severity, Path, Fix } from './model/diagnostic.js';
export type { FixResult } from './check/fix.js';
export { applyFixes, MAX_FIX_PASSES } from './check/fix.js';
export { maskSecretText } from './check/mask-text.js';
export type { HostInfo } from './check/types.js';
export type { HostFormat } from './input/hosts/types.js';
export type { Stage, Step, Skipped, OnFailure } from './plan/types.js';
export type { Change, PlanChange } from './diff/diff.js';
export type { RuleMeta } from './rules/types.js';
export type { RuleId } from './rules/registry.js';
export type { VariantFamily } from './targets/families.js';
export type { Variant } from './targets/variant-name.js';
export type { Target } from './targets/target.js';
export type { Encoded } from './emit/ec2.js';
export type { ProjectConfig } from './config/config.js';
export type { Report, ReportResult, ReportTarget, ReportOptions, FormatContext, Formatter, VariantSource } from './report/model.js';

export { OptionError, InputError, CompileError, VERSION, WRAPPER_NAMES };
export { MAX_INPUT_BYTES, EC2_USER_DATA_LIMIT } from './model/limits.js';
export { PROJECT_URL, ISSUES_URL } from './model/project.js';
export { encodeUserData, launchTemplateData, BudgetError } from './emit/ec2.js';
export { tomlString, writeToml } from './emit/toml-writer.js';
export { NEWEST_RELEASE, OLDEST_RELEASE, compareVersions, normalizeRelease } from './targets/releases.js';
export { FAMILIES } from './targets/families.js';
export { parseVariant, exampleVariantNames } from './targets/variant-name.js';
export { RULES, LINT_RULES, ruleMeta, isRuleId } from './rules/registry.js';
export { FACTS } from './targets/facts.js';
export { ConfigError, CONFIG_NAMES, findConfig, loadConfigFile, isExcluded } from './config/config.js';
export { GlobError, globMatcher, isGlob } from './util/glob.js';
export { closest } from './util/suggest.js';
export { byteOrder } from './util/byte-order.js';
export { visible, safeJson } from './util/escape.js';
export { FORMATTERS, FORMAT_NAMES } from './report/index.js';
export { buildReport, toReportResult, FORMAT_VERSION } from './report/model.js';
export { planText, planJson, variantLabel } from './report/plan.js';
export { diffText, diffJson } from './report/diff.js';
export { planMarkdown, diffMarkdown, escapeMarkdown } from './report/markdown.js';
export { logText, workflowCommand } from './report/github.js';
export { explainText, explainJson } from './report/explain.js';
export { resultBlocks } from './report/text.js';
export { shouldColor, styler } from './report/color.js';

/** User-data as text or bytes: TOML, base64 or gzip user-data, or launch-template JSON. */
export type Input = string | Uint8Array;

/** A name for the input, shown in findings (default `<input>`). */
export interface Named {
  name?: string;
}

function bytesOf(input: unknown): Uint8Array {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (input instanceof Uint8Array) return input;
  throw new OptionError(`user-data must be a string or bytes (a Uint8Array), got ${input === null ? 'null' : typeof input}`);
}

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/** A valid variant and release (the release normalized), or OptionError. */
function validTarget<T extends { variant?: string; osVersion?: string }>(options: T): T {
  const out = { ...options };
  if (out.variant !== undefined && (typeof out.variant !== 'string' || !parseVariant(out.variant))) {
    throw new OptionError(`unknown variant "${String(out.variant)}" (e.g. aws-k8s-1.31, aws-ecs-2, or a family such as aws-k8s)`);
  }
  if (out.osVersion !== undefined) {
    const release = typeof out.osVersion === 'string' ? normalizeRelease(out.osVersion) : undefined;
    if (!release) throw new OptionError(`osVersion must be a Bottlerocket release such as "1.30.0", got "${String(out.osVersion)}"`);
    out.osVersion = release;
  }
  return out;
}

/** Checks the options every function shares; returns them with the release normalized (`v1.30` → `1.30.0`). */
function validOptions(options: CheckOptions): CheckOptions {
  if (typeof options !== 'object' || options === null) throw new OptionError('options must be an object');
  const out: CheckOptions = { ...options, ...validTarget(options) };
  if (out.defaults !== undefined) {
    if (typeof out.defaults !== 'object' || out.defaults === null) throw new OptionError('defaults must be an object');
    out.defaults = validTarget(out.defaults);
  }
  if (out.vars !== undefined) {
    if (typeof out.vars !== 'object' || out.vars === null || Object.values(out.vars).some((v) => typeof v !== 'string'))
      throw new OptionError('vars must be an object of strings (placeholder name → value)');
  }
  for (const [id, setting] of Object.entries(out.rules ?? {})) {
    const meta = ruleMeta(id);
    if (!meta) throw new OptionError(`rules: unknown rule "${id}"`);
    if (!meta.configurable) throw new OptionError(`rules: "${id}" is Bottlerocket's own verdict and cannot be re-graded`);
    if (typeof setting !== 'string' || !SEVERITIES.has(setting))
      throw new OptionError(`rules: "${id}" must be one of off, info, warning, error, got "${String(setting)}"`);
  }
  return out;
}

/** The result for an input that could not be read (a missing file, a directory without user-data): no verdict. */
export function unreadable(name: string, reason: string): DocumentResult {
  return finish(name, [verdict('io/unreadable', 'unreadable', { name, reason }, { span: 'input' })], undefined, undefined, {});
}

/** The result for a directory entry that is not a regular file (`kind`: "a FIFO", …): skipped with a note. */
export function skippedEntry(name: string, kind: string): DocumentResult {
  return {
    ...finish(name, [verdict('io/skipped', 'special', { name, kind }, { span: 'input' })], undefined, undefined, {}),
    skipped: true,
  };
}

/**
 * Checks user-data; one result per document (launch-template JSON, a manifest or a template may hold
 * several). Host formats (YAML manifests, CloudFormation, Terraform plans) need `await
 * loadHostFormats()` first, or `checkAsync`.
 */
export function check(input: Input, options: CheckOptions & Named = {}): DocumentResult[] {
  const { name = '<input>', discovered, ...rest } = options;
  const bytes = bytesOf(input);
  const results = checkBytes(name, bytes, validOptions(rest)).map(withImpliedWrapper);
  return discovered ? results.filter((r) => !holdsNoUserData(r, name, bytes)) : results;
}

/** What a host file names when it is about Bottlerocket user-data, even one that does not parse. */
const HOST_HINTS = /EC2NodeClass|ClusterConfig|AWS::EC2::(LaunchTemplate|Instance)|aws_launch_template|userData|UserData|user_data/;

/**
 * A file found by a directory walk that is not Bottlerocket user-data: a manifest or JSON with none in it,
 * YAML that does not parse and names nothing of the kind (a Helm chart's template), or a template of
 * another kind of user-data (a shell script).
 */
function holdsNoUserData(r: DocumentResult, name: string, bytes: Uint8Array): boolean {
  if (r.host?.none) return true;
  const first = r.diagnostics[0];
  if (first?.messageId === 'jsonWithoutUserData') return true;
  if (first?.ruleId === 'input/host-syntax') return !HOST_HINTS.test(new TextDecoder().decode(bytes.subarray(0, 256 * 1024)));
  return !name.endsWith('.toml') && !r.host && first?.ruleId === 'input/not-toml';
}

/** Whether an input is a host format (YAML, CloudFormation or Terraform JSON), which needs `loadHostFormats()`. */
export function isHostFormat(input: Input, name?: string): boolean {
  const bytes = bytesOf(input);
  if (bytes.length > MAX_INPUT_BYTES) return false;
  return hostSyntax(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)), name) !== undefined;
}

/** Loads the reader of host formats (the YAML parser), once; a plain TOML check never needs it. */
export async function loadHostFormats(): Promise<void> {
  await loadYaml();
}

/** `check`, loading the host-format reader first when the input needs it. */
export async function checkAsync(input: Input, options: CheckOptions & Named = {}): Promise<DocumentResult[]> {
  if (isHostFormat(input, options.name)) await loadHostFormats();
  return check(input, options);
}

/**
 * A document found in a Karpenter or eksctl manifest goes through that tool: what it drops, overrides or
 * refuses is part of the check.
 */
function withImpliedWrapper(r: DocumentResult): DocumentResult {
  const id = r.host?.wrapper;
  if (id === undefined || !r.document || !Object.hasOwn(WRAPPERS, id)) return r;
  const found = applyWrapper(r, WRAPPERS[id]!).findings;
  if (found.diagnostics.length === 0) return r;
  return {
    ...r,
    diagnostics: [...r.diagnostics, ...found.diagnostics].sort(compareDiagnostics),
    errorCount: r.errorCount + found.errorCount,
    warningCount: r.warningCount + found.warningCount,
  };
}

/**
 * Applies every certain fix the check of `text` proposes (`Diagnostic.fix`), checking again after each
 * pass until nothing is left to fix (at most MAX_FIX_PASSES passes, as ESLint). Comments and layout are
 * kept: the edits touch only what they fix. Only plain TOML is fixed; base64, gzip and launch-template
 * JSON come back unchanged. `results` is the check of the output.
 */
export function fix(text: string, options: CheckOptions & Named = {}): FixResult {
  if (typeof text !== 'string') throw new OptionError(`fix takes the text of a TOML file (a string), got ${typeof text}`);
  const { name = '<input>', ...rest } = options;
  const checked = validOptions(rest);
  return fixText(text, (t) => checkBytes(name, bytesOf(t), checked));
}

/**
 * The text in brud's canonical layout (what `brud fmt` writes): top-level lines at column 1, one space
 * around `=`, one blank line before each table header, no trailing whitespace. Comments, key order and
 * values are kept; the result is parsed again and must hold the same values. Throws InputError when the
 * text does not parse as TOML.
 */
export function format(text: string): string {
  if (typeof text !== 'string') throw new OptionError(`format takes the text of a TOML file (a string), got ${typeof text}`);
  const r = formatToml(text);
  if (r.ok) return r.text;
  throw new InputError(`it does not parse as TOML: ${r.span ? `${r.span.line}:${r.span.column}: ` : ''}${r.message}`);
}

/**
 * Checks user-data that must hold one document: a launch-template listing with several versions needs
 * `version` (its VersionNumber), a manifest with several documents `document` (`EC2NodeClass/gpu`, as
 * in the name `nodeclass.yaml#EC2NodeClass/gpu`). Throws InputError otherwise, naming them.
 */
export function checkOne(input: Input, options: CheckOptions & Named & { version?: number; document?: string } = {}): DocumentResult {
  const { version, document, ...rest } = options;
  const name = rest.name ?? '<input>';
  let docs = check(input, rest);
  if (version !== undefined) {
    docs = docs.filter((d) => d.slot?.version === version);
    if (docs.length === 0) throw new InputError(`${name} has no launch-template version ${version}`);
  }
  if (document !== undefined) {
    const all = docs;
    docs = docs.filter((d) => d.file === `${name}#${document}`);
    if (docs.length === 0) throw new InputError(`${name} has no document ${document} (it holds ${all.map((d) => d.file).join(', ')})`);
  }
  if (docs.length > 1) {
    const where = docs.map((d) => (d.host ? d.file : `(${d.slot?.where ?? d.file})`)).join(', ');
    throw new InputError(`${name} holds ${docs.length} user-data documents (${where})`);
  }
  return docs[0]!;
}

function resultOf(doc: DocumentResult | Input, options: CheckOptions & Named): DocumentResult {
  if (typeof doc === 'string' || doc instanceof Uint8Array) return checkOne(doc, options);
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as Partial<DocumentResult>).diagnostics))
    throw new OptionError(`user-data must be a string, bytes (a Uint8Array) or a check result, got ${doc === null ? 'null' : typeof doc}`);
  return doc;
}

/**
 * Normalized settings as canonical TOML and JSON. Throws CompileError when the document has errors
 * (Bottlerocket would reject it). `notes` are extra header lines.
 */
export function compile(doc: DocumentResult | Input, options: CheckOptions & Named & { notes?: readonly string[] } = {}): Compiled {
  const { notes, ...rest } = options;
  return compileResult(resultOf(doc, rest), notes);
}

/** The boot execution plan for boot N (default 1). Throws CompileError when the document has errors. */
export function plan(doc: DocumentResult | Input, options: CheckOptions & Named & { boot?: number } = {}): Plan {
  const { boot = 1, ...rest } = options;
  if (!Number.isInteger(boot) || boot < 1) throw new OptionError(`boot must be a whole number from 1, got ${String(boot)}`);
  const result = resultOf(doc, rest);
  assertCompilable(result);
  return buildPlan(normalizeDocument(result.document, { release: result.target.release }).document, result.target, boot);
}

/** What changes on the node between two documents: settings, boot plan, and a unified diff of the canonical TOML. */
export function diff(a: DocumentResult | Input, b: DocumentResult | Input, options: CheckOptions & DiffOptions = {}): DiffReport {
  const checked = validOptions(options);
  const sides = [
    resultOf(a, { ...checked, name: options.oldName ?? '<old>' }),
    resultOf(b, { ...checked, name: options.newName ?? '<new>' }),
  ] as const;
  for (const side of sides) {
    if (side.fatal || (side.document === undefined && side.errorCount > 0))
      throw new InputError(`${side.file} could not be read as user-data: ${side.diagnostics[0]?.message ?? 'no document'}`);
  }
  return diffDocuments(sides[0], sides[1], { ...options, ...checked });
}

/** A wrapping tool by name (`karpenter`, `eksctl`, `eksctl-managed`, `eks-managed`). */
function wrapperNamed(name: string) {
  if (!Object.hasOwn(WRAPPERS, name)) throw new OptionError(`unknown wrapper "${name}" (known: ${WRAPPER_NAMES.join(', ')})`);
  return WRAPPERS[name]!;
}

/** User-data built from a base and overlays (later wins), with `set` assignments last; see MergeResult. */
export function merge(
  inputs: readonly MergeInput[],
  options: CheckOptions & { set?: readonly string[]; wrapper?: string } = {},
): MergeResult {
  const { wrapper, set, ...rest } = options;
  return mergeDocuments(inputs, { ...validOptions(rest), ...(set ? { set } : {}), ...(wrapper ? { wrapper: wrapperNamed(wrapper) } : {}) });
}

/** A checked document as the node receives it through a wrapping tool, with the tool's findings. */
export function wrap(result: DocumentResult, wrapper: string): Wrapped {
  return applyWrapper(result, wrapperNamed(wrapper));
}

/** The JSON Schema of user-data for a variant (or any variant) and release, for editors and other validators. */
export function schema(options: { variant?: string; osVersion?: string; title?: string } = {}): SchemaNode {
  const { title, ...rest } = options;
  const checked = validOptions(rest);
  const variant = checked.variant === undefined ? undefined : parseVariant(checked.variant);
  const release = checked.osVersion ?? NEWEST_RELEASE;
  return specializeSchema(loadSchema(), {
    ...(variant ? { family: variant.family, variant } : {}),
    release,
    title:
      title ?? `Bottlerocket user-data for ${variant?.name ?? 'any variant'} on Bottlerocket ${release} (generated by brud ${VERSION})`,
  });
}

/** What a setting is: type, rule, default, variants, release, example, source. Throws OptionError for an unknown key. */
export function explain(key: string): Explanation {
  return explainKey(key);
}

/** The user-data documents an input holds, with the wrappings (base64, gzip, launch template) removed. */
export function unwrap(input: Input, name = '<input>'): SourceDocument[] {
  return unwrapUserData(name, bytesOf(input));
}

export type ParseOutput =
  | { ok: true; value: TomlTable; locate: (pointer: string, at?: 'key' | 'value') => Span }
  | { ok: false; error: { message: string } & Span };

/** Parses TOML 1.0 as Bottlerocket does, into null-prototype tables; positions on demand. */
export function parse(text: string): ParseOutput {
  if (typeof text !== 'string') throw new OptionError(`parse takes a string, got ${typeof text}`);
  const r = parseTomlText(text);
  if (!r.ok) {
    const span = typeof r.finding.span === 'object' ? r.finding.span : INPUT_START;
    return { ok: false, error: { message: r.finding.message, ...span } };
  }
  const positions = r.parsed.positions;
  return { ok: true, value: r.parsed.value, locate: (pointer, at = 'value') => positions.locatePointer(pointer, at) };
}
