/**
 * The last stage of a check: each finding gets its severity (the rule's, the finding's own, or the
 * project's setting for a configurable rule) and its place in the text, from the parse tree.
 */
import {
  compareDiagnostics,
  INPUT_START,
  toKeyPath,
  toPointer,
  type Diagnostic,
  type Finding,
  type Severity,
  type Span,
} from '../model/diagnostic.js';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from '../model/limits.js';
import { isFatal, ruleMeta } from '../rules/registry.js';
import type { CheckOptions, DocumentResult, RuleSetting } from './types.js';

export type Locate = (path: ReadonlyArray<string | number>, at?: 'key' | 'value') => Span;

export function severityOf(f: Finding, options: CheckOptions): Severity | 'off' {
  const meta = ruleMeta(f.ruleId);
  const configured: RuleSetting | undefined = meta?.configurable ? options.rules?.[f.ruleId] : undefined;
  return configured ?? f.severity ?? meta?.severity ?? 'error';
}

export function finish(
  file: string,
  findings: readonly Finding[],
  source: string | undefined,
  locate: Locate | undefined,
  options: CheckOptions,
): DocumentResult {
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(f, options);
    if (severity === 'off') continue;
    const span = f.span === undefined ? (locate?.(f.path, f.at) ?? INPUT_START) : f.span === 'input' ? INPUT_START : f.span;
    // a path written nowhere (the document itself) is about the whole input, as is a finding without a place
    const whole = span === INPUT_START;
    diagnostics.push({
      severity,
      ruleId: f.ruleId,
      messageId: f.messageId,
      message: f.message,
      pointer: toPointer(f.path),
      keyPath: toKeyPath(f.path),
      ...span,
      ...(whole ? { wholeInput: true as const } : {}),
      ...(f.secret ? { secret: true as const } : {}),
    });
  }
  diagnostics.sort(compareDiagnostics);
  const omitted = Math.max(0, diagnostics.length - MAX_DIAGNOSTICS_PER_DOCUMENT);
  return {
    file,
    diagnostics: omitted > 0 ? diagnostics.slice(0, MAX_DIAGNOSTICS_PER_DOCUMENT) : diagnostics,
    ...(omitted > 0 ? { omitted } : {}),
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    fatal: diagnostics.some((d) => isFatal(d.ruleId)),
    ...(source !== undefined ? { source } : {}),
  };
}
