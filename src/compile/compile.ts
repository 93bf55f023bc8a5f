/**
 * `compile`: a checked document to normalized settings, written as canonical TOML or JSON. Refuses a
 * document with errors: what Bottlerocket would reject must not be turned into launch-template user-data.
 */
import type { DocumentResult } from '../check/types.js';
import { writeToml } from '../emit/toml-writer.js';
import type { TomlTable } from '../model/value.js';
import { targetName } from '../targets/target.js';
import { jsonText } from '../emit/json-text.js';
import { normalizeDocument } from './normalize.js';

export interface Compiled {
  /** `{ settings: … }`, normalized. */
  document: TomlTable;
  /** Canonical TOML, with a header comment naming the target. */
  toml: string;
  /** The same settings as JSON, as Bottlerocket's API receives them. */
  json: string;
}

/** Why a document cannot be compiled (or planned): it has errors, holds nothing, or fits no variant. */
export class CompileError extends Error {}

/** Throws CompileError unless the document is one Bottlerocket would accept, with a target. */
export function assertCompilable(
  result: DocumentResult,
): asserts result is DocumentResult & { document: TomlTable; target: NonNullable<DocumentResult['target']> } {
  if (result.errorCount > 0)
    throw new CompileError(
      `${result.file} has ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}: Bottlerocket would reject it, so there is nothing to compile`,
    );
  if (result.template)
    throw new CompileError(
      `${result.file} is a template: ${result.template.directive ?? result.template.unknown.join(', ')} has no value here; fill the placeholders with --var NAME=VALUE (vars in the library), or render it first`,
    );
  if (!result.document) throw new CompileError(`${result.file} holds no user-data to compile`);
  if (!result.target) throw new CompileError(`${result.file}: no variant accepts these settings; pass --variant`);
}

/** `notes` are extra header lines (e.g. what a wrapping tool sets at launch). */
export function compileResult(result: DocumentResult, notes: readonly string[] = []): Compiled {
  assertCompilable(result);
  const target = result.target;
  const { document } = normalizeDocument(result.document, { release: target.release });
  const variant = target.variantSource === 'given' ? targetName(target) : `${targetName(target)} (family inferred from the settings)`;
  const header =
    [
      `# Bottlerocket user-data for ${variant}, Bottlerocket ${target.release}.`,
      '# Normalized by brud: keys sorted, aliases resolved, one table per section.',
      ...notes.map((n) => `# ${n}`),
    ].join('\n') + '\n\n';
  return { document, toml: header + writeToml(document), json: jsonText(document) + '\n' };
}
