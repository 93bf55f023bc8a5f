/**
 * The check pipeline for one input: unwrap → parse → document shape → target → schema and target
 * checks → lint rules → positions. Each stage reports findings by key path; positions are attached
 * at the end from the parse tree.
 */
import type { Diagnostic, Finding, Severity, Span } from './diagnostics.js';
import { compareDiagnostics, toKeyPath, toPointer } from './diagnostics.js';
import { unwrapUserData, type SourceDocument } from './parse/input.js';
import type { PositionIndex } from './parse/positions.js';
import { parseTomlText } from './parse/toml.js';
import { isTable, type TomlTable } from './parse/value.js';
import { LINT_RULES, ruleMeta } from './rules/index.js';
import { loadSchema, namespacesWithKey } from './schema/bundle.js';
import { isAvailable, NEWEST_RELEASE } from './targets/releases.js';
import { FAMILIES, familyAccepts, inferFamily, isFamilyAvailable, parseVariant, variantAvailability, type Variant } from './targets/variants.js';
import { closest } from './validate/suggest.js';
import { rejects } from './validate/messages.js';
import { hasOwn } from './own.js';
import type { Target } from './validate/target.js';
import { validateDocument } from './validate/validate.js';

export type RuleSetting = Severity | 'off';

export interface CheckOptions {
  /** A variant name (`aws-k8s-1.31`) or family (`aws-k8s`); inferred from the document when absent. */
  variant?: string;
  variantSource?: Target['variantSource'];
  /** Target Bottlerocket release (X.Y.Z); the newest known when absent. */
  osVersion?: string;
  releaseSource?: Target['releaseSource'];
  /** Severity overrides for configurable rules. */
  rules?: Record<string, RuleSetting>;
}

export interface DocumentResult {
  /** Display name of the checked document (file, plus where in it for launch-template JSON). */
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** The TOML text that was checked, for code frames. */
  source?: string;
  target?: Target;
  /** The decoded document when it parsed. */
  document?: TomlTable;
  /** Lines and columns refer to decoded text (base64, gzip or launch-template JSON), not to the file. */
  decoded?: boolean;
  positions?: PositionIndex;
}

/** Release from which empty user-data counts as "no settings" (bottlerocket PR #3430, closing #1470). */
const EMPTY_USER_DATA_OK_SINCE = '1.15.0';

/** Checks the bytes of one input, which may hold several documents (launch-template versions). */
export function checkBytes(name: string, bytes: Uint8Array, options: CheckOptions = {}): DocumentResult[] {
  return unwrapUserData(name, bytes).map((doc) => ({ ...checkSource(doc, options), ...(doc.wrappings.length > 0 ? { decoded: true } : {}) }));
}

export function checkText(name: string, text: string, options: CheckOptions = {}): DocumentResult {
  return checkSource({ name, text, wrappings: [], findings: [] }, options);
}

function checkSource(src: SourceDocument, options: CheckOptions): DocumentResult {
  const findings: Finding[] = [...src.findings];
  const text = src.text;
  const release = options.osVersion ?? NEWEST_RELEASE;
  if (text === undefined) return finish(src.name, findings, undefined, undefined, options);
  if (text.trim() === '') {
    const ok = isAvailable(EMPTY_USER_DATA_OK_SINCE, release);
    findings.push({
      ruleId: 'document/empty',
      severity: ok ? 'warning' : 'error',
      message: ok
        ? 'the user-data is empty: Bottlerocket applies no settings from it (EC2 treats whitespace-only user-data as none)'
        : `the user-data is empty: Bottlerocket before ${EMPTY_USER_DATA_OK_SINCE} fails with "TOML data did not contain 'settings' section"`,
      path: [],
    });
    return finish(src.name, findings, text, undefined, options);
  }
  const parsed = parseTomlText(text);
  if (!parsed.ok) {
    findings.push(parsed.finding);
    return finish(src.name, findings, text, undefined, options);
  }
  const doc = parsed.parsed.value;
  const analysis = analyzeDocument(doc, options);
  findings.push(...analysis.findings);
  const result = finish(src.name, findings, text, parsed.parsed.positions, options);
  return { ...result, target: analysis.target, document: doc, positions: parsed.parsed.positions };
}

/**
 * Everything after parsing, on a decoded document: its shape, the target, the schema and target
 * checks, and (when Bottlerocket would accept it) the lint rules. Findings carry paths only.
 */
export function analyzeDocument(doc: TomlTable, options: CheckOptions = {}, extra: Finding[] = []): { findings: Finding[]; target?: Target } {
  const release = options.osVersion ?? NEWEST_RELEASE;
  const findings: Finding[] = [...extra, ...documentShape(doc)];
  const settings = isTable(doc.settings) ? doc.settings : undefined;
  const resolved = resolveTarget(settings, options, release);
  findings.push(...resolved.findings);
  const target = resolved.target;
  if (target) {
    findings.push(...validateDocument(doc, target));
    const hasErrors = findings.some((f) => severityOf(f, options) === 'error');
    // lints look at the meaning of valid settings; on a rejected document they would only add noise
    if (!hasErrors) for (const rule of LINT_RULES) findings.push(...rule.check({ doc, settings, target }));
  }
  return { findings, target };
}

/** Top-level keys other than `settings` are dropped by Bottlerocket without a word. */
function documentShape(doc: TomlTable): Finding[] {
  const namespaces = Object.keys(loadSchema().$defs?.settings?.properties ?? {});
  return Object.keys(doc)
    .filter((k) => k !== 'settings')
    .map((k) => {
      const homes = namespacesWithKey(k);
      const guess = namespaces.includes(k) ? `settings.${k}` : homes.length === 1 ? `${homes[0]}.${k}` : closest(k, ['settings']);
      const hint = guess ? `; did you mean "${guess}"?` : '';
      return {
        ruleId: 'document/ignored-key',
        message: `top-level key "${k}" is ignored: Bottlerocket reads only the [settings] table and silently drops everything else${hint}`,
        path: [k],
        at: 'key' as const,
      };
    });
}

function resolveTarget(settings: TomlTable | undefined, options: CheckOptions, release: string): { target?: Target; findings: Finding[] } {
  const findings: Finding[] = [];
  const releaseSource = options.releaseSource ?? (options.osVersion ? 'flag' : 'default');
  if (options.variant) {
    const variant = parseVariant(options.variant) as Variant; // the CLI validates the name first
    const why = variantAvailability(variant, release);
    if (why) findings.push({ ruleId: 'target/variant-unavailable', message: `${variant.name} does not exist in Bottlerocket ${release}: ${why}`, path: [] });
    return { target: { family: variant.family, variant: variant.name === variant.family.id ? undefined : variant, release, variantSource: options.variantSource ?? 'flag', releaseSource }, findings };
  }
  const known = loadSchema().$defs?.settings?.properties ?? {};
  const used = Object.keys(settings ?? {}).filter((ns) => hasOwn(known, ns));
  const family = inferFamily(used, release);
  // "inferred" only when the namespaces used tell families apart; common ones leave the default
  const telling = used.some((ns) => FAMILIES.some((f) => isFamilyAvailable(f, release) && !familyAccepts(f, ns, release)));
  if (family) return { target: { family, release, variantSource: telling ? 'inferred' : 'default', releaseSource }, findings };
  findings.push({
    ruleId: 'target/no-variant',
    message: rejects(`no Bottlerocket variant accepts all of settings.${used.join(', settings.')} on ${release}: ${conflictHint(used, release)}`),
    path: ['settings'],
    at: 'key',
  });
  return { findings };
}

function conflictHint(used: string[], release: string): string {
  if (used.includes('kubernetes') && used.includes('ecs')) return 'kubernetes is for Kubernetes variants and ecs for ECS variants';
  const family = inferFamily([], release);
  const missing = family ? used.filter((ns) => !familyAccepts(family, ns, release)) : used;
  return `check ${missing.map((m) => 'settings.' + m).join(', ')} (pass --variant to see which keys your variant lacks)`;
}

export function severityOf(f: Finding, options: CheckOptions): Severity | 'off' {
  const meta = ruleMeta(f.ruleId);
  const configured = meta?.configurable ? options.rules?.[f.ruleId] : undefined;
  if (configured) return configured;
  return f.severity ?? meta?.severity ?? 'error';
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export function finish(file: string, findings: Finding[], source: string | undefined, positions: PositionIndex | undefined, options: CheckOptions): DocumentResult {
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(f, options);
    if (severity === 'off') continue;
    const span = f.span ?? positions?.locate(f) ?? START;
    diagnostics.push({ severity, ruleId: f.ruleId, message: f.message, pointer: toPointer(f.path), keyPath: toKeyPath(f.path), ...span });
  }
  diagnostics.sort(compareDiagnostics);
  return {
    file,
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    source,
  };
}

