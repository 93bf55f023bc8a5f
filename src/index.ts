/**
 * brud's library API. The CLI is built on these functions.
 *
 *   import { check, compile, plan, parse } from 'brud';
 *   const [result] = check(await readFile('userdata.toml'), { variant: 'aws-k8s-1.31' });
 *   if (result.errorCount === 0) console.log(compile(result).toml);
 */
import { checkBytes, type CheckOptions, type DocumentResult, type RuleSetting } from './check.js';
import { compileResult, CompileError, type Compiled } from './compile/compile.js';
import { normalizeDocument } from './compile/normalize.js';
import type { Diagnostic, Span } from './diagnostics.js';
import { parseTomlText } from './parse/toml.js';
import type { TomlTable } from './parse/value.js';
import { buildPlan, type Plan } from './plan/plan.js';
import { targetName } from './validate/target.js';

export type { CheckOptions, DocumentResult, RuleSetting, Diagnostic, Span, Plan, Compiled, TomlTable };
export type { Stage, Step, Skipped } from './plan/plan.js';
export { CompileError };
export { encodeUserData, launchTemplateData, BudgetError, EC2_USER_DATA_LIMIT } from './emit/ec2.js';
export { writeToml } from './emit/toml-writer.js';
export { NEWEST_RELEASE } from './targets/releases.js';
export { FAMILIES, parseVariant } from './targets/variants.js';
import { parseVariant } from './targets/variants.js';
import { normalizeRelease } from './targets/releases.js';
export { LINT_RULES, VERDICT_RULES, ALL_RULES } from './rules/index.js';

/** User-data as text or bytes: TOML, base64 or gzip user-data, or launch-template JSON. */
export type Input = string | Uint8Array;

function bytes(input: Input): Uint8Array {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
}

export type ParseOutput =
  | { ok: true; value: TomlTable; locate: (pointer: string, at?: 'key' | 'value') => Span }
  | { ok: false; error: { message: string } & Span };

/** Parses TOML 1.0 as Bottlerocket does, into null-prototype tables; positions on demand. */
export function parse(text: string): ParseOutput {
  const r = parseTomlText(text);
  if (!r.ok) return { ok: false, error: { message: r.finding.message, ...(r.finding.span ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }) } };
  const positions = r.parsed.positions;
  return { ok: true, value: r.parsed.value, locate: (pointer, at = 'value') => positions.locatePointer(pointer, at) };
}

/** An option the library cannot use (an unknown variant, a release that is not X.Y.Z). */
export class OptionError extends Error {}

function validOptions(options: CheckOptions): CheckOptions {
  const out = { ...options };
  if (out.variant !== undefined && !parseVariant(out.variant)) throw new OptionError(`unknown variant "${out.variant}" (e.g. aws-k8s-1.31, aws-ecs-2, or a family such as aws-k8s)`);
  if (out.osVersion !== undefined) {
    const release = normalizeRelease(out.osVersion);
    if (!release) throw new OptionError(`osVersion must be a Bottlerocket release such as "1.30.0", got "${out.osVersion}"`);
    out.osVersion = release;
  }
  return out;
}

/** Checks user-data; one result per document (launch-template JSON may hold several). */
export function check(input: Input, options: CheckOptions & { name?: string } = {}): DocumentResult[] {
  const { name = '<input>', ...rest } = options;
  return checkBytes(name, bytes(input), validOptions(rest));
}

function single(doc: DocumentResult | Input, options: CheckOptions & { name?: string }): DocumentResult {
  if (typeof doc === 'string' || doc instanceof Uint8Array) {
    const results = check(doc, options);
    if (results.length !== 1) throw new CompileError(`the input holds ${results.length} user-data documents; pass one`);
    return results[0];
  }
  return doc;
}

/**
 * Normalized settings as canonical TOML and JSON. Throws CompileError when the document has errors
 * (Bottlerocket would reject it).
 */
export function compile(doc: DocumentResult | Input, options: CheckOptions & { name?: string } = {}): Compiled {
  return compileResult(single(doc, options));
}

/** The boot execution plan (boot 1 by default). Throws CompileError when the document has errors. */
export function plan(doc: DocumentResult | Input, options: CheckOptions & { name?: string; boot?: number } = {}): Plan {
  const { boot = 1, ...rest } = options;
  const result = single(doc, rest);
  if (result.errorCount > 0 || !result.document || !result.target) compileResult(result); // throws the reason
  const target = result.target!;
  const inferred = target.variantSource === 'inferred' || target.variantSource === 'default';
  return buildPlan(normalizeDocument(result.document!).document, { variant: targetName(target) + (inferred ? ' (inferred)' : ''), family: target.family, release: target.release }, boot);
}
