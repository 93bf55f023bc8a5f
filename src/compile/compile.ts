/**
 * `compile`: a checked document to normalized settings, written as canonical TOML or JSON. Refuses a
 * document with errors: what Bottlerocket would reject must not be turned into launch-template user-data.
 */
import type { DocumentResult } from '../check.js';
import { writeToml } from '../emit/toml-writer.js';
import type { TomlTable } from '../parse/value.js';
import { jsonText } from '../report/json-text.js';
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

/** `notes` are extra header lines (e.g. what a wrapping tool sets at launch). */
export function compileResult(result: DocumentResult, notes: string[] = []): Compiled {
  if (result.errorCount > 0) throw new CompileError(`${result.file} has ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}: Bottlerocket would reject it, so there is nothing to compile`);
  if (!result.document) throw new CompileError(`${result.file} holds no user-data to compile`);
  if (!result.target) throw new CompileError(`${result.file}: no variant accepts these settings; pass --variant`);
  const { document, orderedPaths } = normalizeDocument(result.document);
  const target = result.target;
  const variant = target.variantSource === 'inferred' || target.variantSource === 'default' ? `${targetName(target)} (family inferred from the settings)` : targetName(target);
  const header = [`# Bottlerocket user-data for ${variant}, Bottlerocket ${target.release}.`, '# Normalized by brud: keys sorted, aliases resolved, one table per section.', ...notes.map((n) => `# ${n}`)].join('\n') + '\n\n';
  const keepOrder = (path: readonly string[]) => orderedPaths.some((p) => p.length === path.length && p.every((k, i) => k === path[i]));
  return { document, toml: header + writeToml(document, { keepOrder }), json: jsonText(document) + '\n' };
}

