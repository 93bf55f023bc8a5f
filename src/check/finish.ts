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
import { lineStarts, resolveFix } from './fix-plan.js';
import { suppressedBy, unusedSuppressions, type Suppression } from './directives.js';
import type { CheckOptions, DocumentResult, RuleSetting } from './types.js';

/** What finishing a check needs besides the options: the file's suppressions, and whether the lint rules ran. */
export type FinishOptions = CheckOptions & { suppressions?: readonly Suppression[]; lintsRan?: boolean };

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
  options: FinishOptions,
): DocumentResult {
  const suppressions = options.suppressions ?? [];
  // sorted on what the order needs; the rest (message, pointer, key path) is built for the listed ones only
  const placed: Array<{ f: Finding; severity: Severity; span: Span }> = [];
  for (const f of findings) {
    const severity = severityOf(f, options);
    if (severity === 'off') continue;
    const span = f.span === undefined ? (locate?.(f.path, f.at) ?? INPUT_START) : f.span === 'input' ? INPUT_START : f.span;
    if (suppressedBy(suppressions, f.ruleId, span.line)) continue;
    placed.push({ f, severity, span });
  }
  // an unused suppression is known only once the lint rules had their chance to report
  if (options.lintsRan) {
    for (const f of unusedSuppressions(suppressions)) {
      const severity = severityOf(f, options);
      if (severity !== 'off') placed.push({ f, severity, span: f.span as Span });
    }
  }
  // the order of compareDiagnostics; a message is rendered only to break a tie of place, rule and severity
  const view = ({ f, severity, span }: (typeof placed)[number]) => ({
    line: span.line,
    column: span.column,
    ruleId: f.ruleId,
    severity,
    get message() {
      return f.message;
    },
  });
  placed.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column || compareDiagnostics(view(a), view(b)));
  const omitted = Math.max(0, placed.length - MAX_DIAGNOSTICS_PER_DOCUMENT);
  let starts: number[] | undefined;
  const fixOf = (f: Finding, span: Span) => {
    if (f.fix === undefined || source === undefined || f.secret) return undefined;
    const fix = resolveFix(f, span, { source, starts: (starts ??= lineStarts(source)), locate });
    return fix ? { fix } : undefined;
  };
  const diagnostics: Diagnostic[] = placed.slice(0, MAX_DIAGNOSTICS_PER_DOCUMENT).map(({ f, severity, span }) => ({
    severity,
    ruleId: f.ruleId,
    messageId: f.messageId,
    message: f.message,
    pointer: toPointer(f.path),
    keyPath: toKeyPath(f.path),
    ...span,
    // a path written nowhere (the document itself) is about the whole input, as is a finding without a place
    ...(span === INPUT_START ? { wholeInput: true as const } : {}),
    ...(f.secret ? { secret: true as const } : {}),
    ...fixOf(f, span),
  }));
  return {
    file,
    diagnostics,
    ...(omitted > 0 ? { omitted } : {}),
    errorCount: placed.filter((d) => d.severity === 'error').length,
    warningCount: placed.filter((d) => d.severity === 'warning').length,
    fatal: placed.some((d) => isFatal(d.f.ruleId)),
    ...(source !== undefined ? { source } : {}),
  };
}
