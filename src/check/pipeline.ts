/**
 * The check pipeline for one input: unwrap → parse → document shape → target → schema and target
 * checks → lint rules → positions. Each stage reports findings by key path; positions are attached
 * at the end from the parse tree.
 */
import { ec2Budget } from '../emit/ec2.js';
import { unwrapUserData, type SourceDocument } from '../input/unwrap.js';
import type { HostPart } from '../input/hosts/types.js';
import { readTemplate, type Template } from '../input/template.js';
import { EC2_USER_DATA_LIMIT } from '../model/limits.js';
import { INPUT_START, type Finding, type Span } from '../model/diagnostic.js';
import { isTable, TomlFloat, type TomlTable, type TomlValue } from '../model/value.js';
import { parseTomlText } from '../parse/toml.js';
import { hints } from '../util/hints.js';
import { LINT_RULES } from '../rules/registry.js';
import { runLintRule } from '../rules/types.js';
import { verdict } from '../rules/verdicts.js';
import { loadSchema, namespacesWithKey } from '../schema/bundle.js';
import { secretLineSpans, secretPaths } from '../schema/secrets.js';
import { FACTS, hasFact } from '../targets/facts.js';
import { NEWEST_RELEASE } from '../targets/releases.js';
import { parseVariant } from '../targets/variant-name.js';
import type { VariantFamily } from '../targets/families.js';
import type { Target } from '../targets/target.js';
import { closest } from '../util/suggest.js';
import { validateDocument } from '../validate/validate.js';
import { depthFinding } from './depth.js';
import { readDirectives, type FileTarget } from './directives.js';
import { finish as finishAt, severityOf, type FinishOptions, type Locate } from './finish.js';
import { resolveTarget } from './resolve-target.js';
import { directiveFinding, templateFindings } from './template.js';
import type { CheckOptions, DocumentResult } from './types.js';

type Platform = VariantFamily['platform'];

/** Checks the bytes of one input, which may hold several documents (launch-template versions, a manifest's node classes). */
export function checkBytes(name: string, bytes: Uint8Array, options: CheckOptions = {}): DocumentResult[] {
  return unwrapUserData(name, bytes).map((doc) => {
    if (doc.host) return checkHosted(doc, doc.host, options);
    return {
      ...checkSource(doc, options),
      ...(doc.slot ? { slot: doc.slot } : {}),
      ...(doc.wrappings.length > 0 ? { decoded: true } : {}),
    };
  });
}

/**
 * User-data found in a host file: checked with what the host implies (the caller's options win), every
 * finding placed in the host file.
 */
function checkHosted(src: SourceDocument, host: HostPart, options: CheckOptions): DocumentResult {
  const implied: CheckOptions = {
    ...(host.variant && !options.variant ? { variant: host.variant } : {}),
    ...(host.osVersion && !options.osVersion ? { osVersion: host.osVersion } : {}),
  };
  const r = checkSource(src, { ...options, ...implied }, host);
  const info = {
    format: host.format,
    ...(host.wrapper ? { wrapper: host.wrapper } : {}),
    ...(src.text !== undefined ? { userData: src.text } : {}),
    ...(host.none ? { none: true as const } : {}),
  };
  // fixes are offsets into the user-data text, which a host file holds indented or escaped: none here
  const diagnostics = r.diagnostics.map(({ fix: _fix, ...d }) => d);
  return { ...r, diagnostics, source: host.source, host: info };
}

function checkSource(src: SourceDocument, given: CheckOptions, host?: HostPart): DocumentResult {
  const findings: Finding[] = [...src.findings];
  const text = src.text;
  const tpl = text === undefined ? undefined : readTemplate(text, { ...host?.vars, ...given.vars }, src.name, host?.template);
  const end = finisher(src, host, tpl);
  if (text === undefined && !host?.document) return end(findings, withDefaults(given));
  const body = text ?? '';
  const { options, givenPlatform } = fileOptions(body, given, findings, host);
  const early = earlyFinding(text, tpl, givenPlatform, options, host);
  if (early) return { ...end([...findings, early], options), ...templateInfo(tpl) };
  const read = readDocument(tpl?.text ?? text, host, tpl);
  if (!read.ok) {
    const r = end([...findings, read.finding, ...launchSize(src, body, givenPlatform)], options);
    return { ...r, ...textSecretSpans(r, body, host, tpl), ...templateInfo(tpl) };
  }
  const { doc, locate } = read;
  // refused like a parse error: no document, so no later stage walks the tree
  const refused = refusal(doc, options);
  if (refused) {
    const r = end([...findings, refused, ...launchSize(src, body, givenPlatform)], options, locate, doc);
    return { ...r, ...secretSpans(r, doc, locate) };
  }
  const analysis = analyzeDocument(doc, options);
  findings.push(...analysis.findings, ...launchSize(src, body, analysis.target?.family.platform ?? givenPlatform));
  const result = end(findings, { ...options, lintsRan: analysis.lintsRan }, locate, doc);
  return {
    ...result,
    ...secretSpans(result, doc, locate),
    ...(analysis.target ? { target: analysis.target } : {}),
    document: doc,
    locate,
    ...templateInfo(tpl),
  };
}

/**
 * Where the document's secrets are written, for code frames: a frame shows the lines around a finding,
 * and any of them may hold a secret that finding is not about. Only worked out when something is listed.
 */
function secretSpans(r: DocumentResult, doc: TomlTable, locate: Locate): Pick<DocumentResult, 'secrets'> {
  if (r.diagnostics.length === 0) return {};
  const spans = secretPaths(doc).map((path) => locate(path, 'value'));
  return spans.length > 0 ? { secrets: spans } : {};
}

/** As secretSpans, for text that did not parse: the lines that look like a secret's assignment. */
function textSecretSpans(
  r: DocumentResult,
  text: string,
  host: HostPart | undefined,
  tpl: Template | undefined,
): Pick<DocumentResult, 'secrets'> {
  if (r.diagnostics.length === 0 || host?.document) return {};
  const spans = secretLineSpans(tpl?.text ?? text).map((s) => {
    const t = tpl ? tpl.map(s) : s;
    return host ? host.map(t) : t;
  });
  return spans.length > 0 ? { secrets: spans } : {};
}

type End = (findings: Finding[], options: FinishOptions, locate?: Locate, doc?: TomlTable) => DocumentResult;

/**
 * How a document's check ends: a template keeps only what holds for any value; in a host file, a finding
 * about the whole user-data points where it is written.
 */
function finisher(src: SourceDocument, host: HostPart | undefined, tpl: Template | undefined): End {
  const toHost = (s: Span): Span => (host ? host.map(s) : s);
  const nowhere = host ? () => host.anchor : undefined;
  return (all, options, locate, doc) => {
    const kept = tpl ? templateFindings(all, doc, tpl, toHost) : all;
    const placed = host ? kept.map((f) => (f.span === 'input' ? { ...f, span: host.anchor } : f)) : kept;
    const r = finishAt(src.name, placed, src.text, locate ?? nowhere, options);
    // a fix is worked out on the parsed text, where a template's placeholders are stand-ins: none there
    if (!tpl || (tpl.placeholders.length === 0 && !tpl.directive)) return r;
    return { ...r, diagnostics: r.diagnostics.map(({ fix: _fix, ...d }) => d) };
  };
}

/** A finding that ends the check before parsing: empty user-data, or a template directive. */
function earlyFinding(
  text: string | undefined,
  tpl: Template | undefined,
  platform: Platform,
  options: CheckOptions,
  host: HostPart | undefined,
): Finding | undefined {
  if (text !== undefined && text.trim() === '') return emptyFinding(text, platform, options);
  if (tpl?.directive) return directiveFinding(tpl.directive, (s) => (host ? host.map(s) : s));
  return undefined;
}

/** What a result says about its template: the placeholders that have no value (compile refuses it). */
function templateInfo(tpl: Template | undefined): Pick<DocumentResult, 'template'> {
  if (!tpl || (tpl.placeholders.length === 0 && !tpl.directive)) return {};
  const unknown = [...new Set(tpl.placeholders.map((p) => p.written))];
  return { template: { unknown, ...(tpl.directive ? { directive: tpl.directive.text } : {}) } };
}

/** The options for one document: the caller's, then the file's own `#:brud` directives. */
function fileOptions(
  text: string,
  given: CheckOptions,
  findings: Finding[],
  host: HostPart | undefined,
): { options: FinishOptions; givenPlatform: Platform } {
  const directives = readDirectives(text);
  findings.push(...directives.findings.map((f) => (host && typeof f.span === 'object' ? { ...f, span: host.map(f.span) } : f)));
  const resolved = targetOptions(given, directives.target);
  findings.push(...resolved.findings);
  // in a host file, findings carry the host's lines: so do the lines the suppressions name
  const suppressions = host
    ? directives.suppressions.map((x) => ({
        ...x,
        line: host.map({ line: x.line, column: 1, endLine: x.line, endColumn: 1 }).line,
        span: host.map(x.span),
      }))
    : directives.suppressions;
  const options: FinishOptions = { ...resolved.options, suppressions };
  return { options, givenPlatform: (options.variant ? parseVariant(options.variant)?.family.platform : undefined) ?? 'aws' };
}

type Read = { ok: true; doc: TomlTable; locate: Locate } | { ok: false; finding: Finding };

/** The document: parsed from its text (positions mapped into a host file), or given by the host (a YAML map). */
function readDocument(text: string | undefined, host: HostPart | undefined, tpl: Template | undefined): Read {
  if (host?.document) return { ok: true, doc: host.document.value, locate: host.document.locate };
  const place = (s: Span): Span => {
    const t = tpl ? tpl.map(s) : s;
    return host ? host.map(t) : t;
  };
  const parsed = parseTomlText(text!);
  if (!parsed.ok)
    return { ok: false, finding: host || tpl ? { ...parsed.finding, span: place(spanOf(parsed.finding.span)) } : parsed.finding };
  const positions = parsed.parsed.positions;
  const locate: Locate = host || tpl ? (path, at) => place(positions.locate({ path, at })) : (path, at) => positions.locate({ path, at });
  return { ok: true, doc: parsed.parsed.value, locate };
}

function spanOf(span: Finding['span']): Span {
  return typeof span === 'object' ? span : INPUT_START;
}

/**
 * Empty user-data depends on where the variant reads it (its platform):
 *  - EC2 IMDS trims it and treats nothing as "no user-data" from 1.15.0 (`FACTS.emptyUserDataOk`);
 *  - VMware guestinfo has no emptiness check on any release: the empty document fails for lack of
 *    `settings` (bottlerocket-core-kit sources/user-data-providers/vmware-guestinfo/src/x86_64.rs@a10182f9);
 *    only a zero-length user-data file on the CD-ROM counts as none (vmware-cd-rom/src/lib.rs@a10182f9);
 *  - local files (metal) count as none only when zero-length, on every release (bottlerocket-core-kit
 *    sources/early-boot-config/early-boot-config-provider/src/provider.rs@a10182f9 `is_empty()`, no trim;
 *    bottlerocket-os/bottlerocket sources/api/early-boot-config/src/provider/local_file.rs@v1.0.8).
 */
function emptyFinding(text: string, platform: Platform, options: CheckOptions): Finding {
  const release = options.osVersion ?? NEWEST_RELEASE;
  const zeroLength = text.length === 0;
  const error = { span: 'input' as const, severity: 'error' as const };
  if (platform === 'vmware')
    return verdict(
      'document/empty',
      'vmware',
      { zeroLength: zeroLength ? '' : ' (not even on the CD-ROM: the file is not zero-length)' },
      error,
    );
  if (platform === 'metal') {
    return zeroLength
      ? verdict('document/empty', 'noSettingsFile', {}, { span: 'input' })
      : verdict('document/empty', 'whitespaceFile', {}, error);
  }
  return hasFact('emptyUserDataOk', release)
    ? verdict('document/empty', 'noSettings', {}, { span: 'input' })
    : verdict('document/empty', 'rejected', { since: FACTS.emptyUserDataOk.since }, error);
}

/** What makes a parsed document as good as unparsed: nesting beyond any setting, or a float toml 0.5 refuses. */
function refusal(doc: TomlTable, options: CheckOptions): Finding | undefined {
  return depthFinding(doc) ?? toml05Overflow(doc, options.osVersion ?? NEWEST_RELEASE);
}

/**
 * Before `FACTS.tomlEditParser`, Bottlerocket parsed user-data with toml 0.5, which refuses a float
 * literal that overflows (toml-rs src/de.rs@0.5.9); brud's parser follows toml_edit, which already
 * refuses `1e400` but reads `-1e400` as -inf. The first such float, if any, as a parse error.
 */
function toml05Overflow(doc: TomlTable, release: string): Finding | undefined {
  if (hasFact('tomlEditParser', release)) return undefined;
  const stack: Array<{ v: TomlValue; path: Array<string | number> }> = [{ v: doc, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v instanceof TomlFloat) {
      if (v.value === -Infinity && !v.text.includes('inf')) {
        const data = { value: v.text, release, since: FACTS.tomlEditParser.since };
        return verdict('parse/syntax', 'floatRangeToml05', data, { path, at: 'value' });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (isTable(v)) for (const k of Object.keys(v)) stack.push({ v: v[k]!, path: [...path, k] });
  }
  return undefined;
}

/**
 * What fails at launch rather than at boot: EC2 refuses user-data over its 16 KB limit (counted on the
 * bytes it stores: the TOML, or its gzip), so `RunInstances` or the launch template fails before
 * Bottlerocket reads a byte. Only variants that boot on EC2 get it. The warning says whether gzip, which
 * Bottlerocket decompresses, would make the document fit (the same budget `compile` applies).
 */
function launchSize(src: SourceDocument, text: string, platform: Platform): Finding[] {
  if (platform !== 'aws' || !src.stored) return [];
  const budget = ec2Budget(src.stored.bytes, src.stored.gzip, () => new TextEncoder().encode(text));
  if (budget.fits) return [];
  const place = { span: 'input' as const };
  const limit = EC2_USER_DATA_LIMIT;
  if (budget.gzipped) return [verdict('launch/ec2-user-data-size', 'gzipped', { bytes: budget.bytes, limit }, place)];
  const data = { bytes: budget.bytes, limit, zipped: budget.zipped };
  return [verdict('launch/ec2-user-data-size', budget.zippedFits ? 'gzipFits' : 'gzipOver', data, place)];
}

/**
 * Everything after parsing, on a decoded document: its shape, the target, the schema and target
 * checks, and (when Bottlerocket would accept it) the lint rules. Findings carry paths only.
 */
export function analyzeDocument(
  doc: TomlTable,
  given: CheckOptions & { fromFile?: boolean } = {},
): { findings: Finding[]; target?: Target; lintsRan: boolean } {
  const options = withDefaults(given);
  const findings: Finding[] = documentShape(doc);
  const settings = isTable(doc.settings) ? doc.settings : undefined;
  const resolved = resolveTarget(settings, options);
  findings.push(...resolved.findings);
  const target = resolved.target && given.fromFile ? { ...resolved.target, variantSource: 'file' as const } : resolved.target;
  if (!target) return { findings, lintsRan: false };
  findings.push(...validateDocument(doc, target));
  // lints look at the meaning of valid settings; on a rejected document they would only add noise
  const lintsRan = !findings.some((f) => severityOf(f, options) === 'error');
  if (lintsRan) {
    for (const rule of LINT_RULES) findings.push(...runLintRule(rule, { doc, settings, target }));
  }
  return { findings, ...(target ? { target } : {}), lintsRan };
}

/** The options with the defaults (a project config's target) filled in where nothing else named one. */
export function withDefaults<T extends CheckOptions>(options: T): T {
  const { defaults, ...rest } = options;
  if (!defaults) return options;
  return {
    ...rest,
    ...(rest.variant === undefined && defaults.variant !== undefined ? { variant: defaults.variant } : {}),
    ...(rest.osVersion === undefined && defaults.osVersion !== undefined ? { osVersion: defaults.osVersion } : {}),
  } as T;
}

/**
 * The target of a document: explicit options first (they win, with a note when the file disagrees), then
 * the file's own `#:brud` line, then the defaults (a project config).
 */
function targetOptions(given: CheckOptions, declared: FileTarget): { options: CheckOptions & { fromFile?: boolean }; findings: Finding[] } {
  const findings: Finding[] = [];
  const options: CheckOptions & { fromFile?: boolean } = { ...given };
  const fields = [
    ['variant', 'variant', given.variant, declared.variant],
    ['osVersion', 'os-version', given.osVersion, declared.osVersion],
  ] as const;
  for (const [key, field, explicit, fromFile] of fields) {
    if (fromFile === undefined) continue;
    if (explicit === undefined) {
      options[key] = fromFile;
      if (key === 'variant') options.fromFile = true;
    } else if (explicit !== fromFile)
      findings.push(
        verdict('directive/target', 'overridden', { field, declared: fromFile, given: `${field} ${explicit}` }, { span: 'input' }),
      );
  }
  return { options: withDefaults(options), findings };
}

/** Top-level keys other than `settings` are dropped by Bottlerocket without a word. */
function documentShape(doc: TomlTable): Finding[] {
  const namespaces = Object.keys(loadSchema().$defs?.settings?.properties ?? {});
  return Object.keys(doc)
    .filter((k) => k !== 'settings')
    .map((key) => {
      const homes = namespacesWithKey(key);
      const guess = namespaces.includes(key) ? `settings.${key}` : homes.length === 1 ? `${homes[0]}.${key}` : closest(key, ['settings']);
      // the fix moves a bare top-level key under settings (`[kubernetes]` → `[settings.kubernetes]`)
      const fix = guess === undefined ? undefined : { text: guess, expect: (w: string) => w === key };
      return verdict('document/ignored-key', 'ignored', { key, hint: hints.didYouMean(guess) }, { path: [key], at: 'key', fix });
    });
}
