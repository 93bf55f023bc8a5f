/**
 * `compile`: a checked document to normalized settings, written as canonical TOML or JSON. Refuses a
 * document with errors: what Bottlerocket would reject must not be turned into launch-template user-data.
 */
import type { DocumentResult } from '../check.js';
import { writeToml } from '../emit/toml-writer.js';
import { isTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../parse/value.js';
import { targetName } from '../validate/target.js';
import { normalizeDocument } from './normalize.js';

export interface Compiled {
  /** `{ settings: … }`, normalized. */
  document: TomlTable;
  /** Canonical TOML, with a header comment naming the target. */
  toml: string;
  /** The same settings as JSON, as Bottlerocket's API receives them. */
  json: string;
}

export class CompileError extends Error {}

export function compileResult(result: DocumentResult): Compiled {
  if (!result.document || !result.target || result.errorCount > 0) {
    throw new CompileError(`${result.file} has ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}; fix them before compiling`);
  }
  const { document, orderedPaths } = normalizeDocument(result.document);
  const target = result.target;
  const variant = target.variantSource === 'inferred' || target.variantSource === 'default' ? `${targetName(target)} (family inferred from the settings)` : targetName(target);
  const header = `# Bottlerocket user-data for ${variant}, Bottlerocket ${target.release}.\n# Normalized by brud: keys sorted, aliases resolved, one table per section.\n\n`;
  const keepOrder = (path: readonly string[]) => orderedPaths.some((p) => p.length === path.length && p.every((k, i) => k === path[i]));
  return { document, toml: header + writeToml(document, { keepOrder }), json: toJson(document) + '\n' };
}

/** JSON with exact big integers (JSON.stringify would round them) and floats as numbers. */
export function toJson(v: TomlValue, indent = ''): string {
  const inner = indent + '  ';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof TomlFloat) return Number.isFinite(v.value) ? JSON.stringify(v.value) : 'null';
  if (v instanceof TomlDateTime) return JSON.stringify(v.text);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => inner + toJson(x, inner)).join(',\n')}\n${indent}]`;
  if (isTable(v)) {
    const keys = Object.keys(v);
    return keys.length === 0 ? '{}' : `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${toJson(v[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}
