/**
 * Fixes, as ESLint has them: a diagnostic whose message proposes one certain edit carries it as
 * `fix: { range, text }` (UTF-16 offsets into the checked text). `applyFixes` applies the edits that do
 * not overlap; `fixText` repeats check-and-apply until nothing is left to fix, at most MAX_FIX_PASSES
 * times (ESLint's 10), and never keeps a pass that would make the TOML stop parsing.
 */
import type { Fix } from '../model/diagnostic.js';
import type { DocumentResult } from './types.js';

/** ESLint's bound on fix passes: a fix that reveals another is applied in the next pass. */
export const MAX_FIX_PASSES = 10;

/** Applies the edits that do not overlap an earlier one (in text order); returns the text and how many were applied. */
export function applyFixes(text: string, fixes: readonly Fix[]): { output: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let last = 0;
  let applied = 0;
  for (const f of sorted) {
    const [from, to] = f.range;
    if (from < last || from > to || to > text.length) continue;
    output += text.slice(last, from) + f.text;
    last = to;
    applied++;
  }
  return { output: output + text.slice(last), applied };
}

export interface FixResult {
  /** The text with every fix applied (the input when nothing could be fixed). */
  output: string;
  /** Whether the output differs from the input. */
  fixed: boolean;
  /** Edits applied over all passes. */
  applied: number;
  /** Check-and-apply passes that applied something. */
  passes: number;
  /** The check of the output: what is left. */
  results: DocumentResult[];
}

const refusesToParse = (r: DocumentResult): boolean =>
  r.fatal || r.diagnostics.some((d) => d.ruleId === 'parse/syntax' || d.ruleId === 'parse/too-deep');

/**
 * Fixes user-data text. Only plain TOML can be fixed: positions in base64, gzip or launch-template JSON
 * are in the decoded text, a host file (a manifest) holds the TOML indented or escaped, and a template's
 * placeholders are parsed as stand-ins, so those inputs come back unchanged (with their findings).
 */
export function fixText(input: string, check: (text: string) => DocumentResult[]): FixResult {
  const bom = input.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  let text = input;
  let results = check(text);
  let applied = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const [only] = results;
    if (results.length !== 1 || !only || only.decoded || only.host || only.template || only.source === undefined) break;
    const fixes = only.diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
    if (fixes.length === 0) break;
    const pass = safePass(only.source, fixes, results.some(refusesToParse), (t) => check(bom + t));
    if (!pass) break;
    text = bom + pass.output;
    results = pass.results;
    applied += pass.applied;
    passes++;
  }
  return { output: text, fixed: text !== input, applied, passes, results };
}

/**
 * One pass: every fix at once, or, when that would make the TOML stop parsing (a renamed key that now
 * exists twice), the fixes one by one, keeping those that do not.
 */
function safePass(
  source: string,
  fixes: readonly Fix[],
  brokenBefore: boolean,
  check: (text: string) => DocumentResult[],
): { output: string; applied: number; results: DocumentResult[] } | undefined {
  const all = applyFixes(source, fixes);
  const results = check(all.output);
  if (brokenBefore || !results.some(refusesToParse)) return all.applied > 0 ? { ...all, results } : undefined;
  let output = source;
  let kept: DocumentResult[] | undefined;
  let applied = 0;
  let lowest = source.length;
  // later edits first, so the offsets of the earlier ones still hold; an edit overlapping a kept one is skipped
  for (const f of [...fixes].sort((a, b) => b.range[0] - a.range[0])) {
    if (f.range[1] > lowest) continue;
    const one = applyFixes(output, [f]);
    const after = check(one.output);
    if (one.applied === 0 || after.some(refusesToParse)) continue;
    output = one.output;
    lowest = f.range[0];
    kept = after;
    applied++;
  }
  return kept ? { output, applied, results: kept } : undefined;
}
