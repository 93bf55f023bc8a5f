/** The one results model every check formatter consumes (as ESLint's formatters do): pure data in, text out. */
import type { DocumentResult } from '../check/types.js';
import type { Diagnostic, Span } from '../model/diagnostic.js';
import type { RuleMeta } from '../rules/types.js';
import { targetName } from '../targets/target.js';

/**
 * The version of every JSON output (check report, plan, diff, explain). It changes only when a field is
 * removed or changes meaning; added fields keep it.
 */
export const FORMAT_VERSION = 1;

/** How the variant was chosen: on the command line, in the project config, by the library's caller, in the file (`#:brud`), or from the settings. */
export type VariantSource = 'flag' | 'config' | 'given' | 'file' | 'inferred' | 'default';

export interface ReportTarget {
  variant: string;
  variantSource: VariantSource;
  osVersion: string;
}

export interface ReportResult {
  /** What the user sees: the file, plus where in it for launch-template JSON. */
  file: string;
  /** The file on disk (or the stdin name), for tools that link to files. */
  path: string;
  errorCount: number;
  warningCount: number;
  /** The input could not be checked (no verdict). */
  fatal: boolean;
  /** Not read at all (a directory entry that is not a regular file). */
  skipped?: boolean;
  diagnostics: Diagnostic[];
  target?: ReportTarget;
  /** Checked text, for code frames (not serialized). */
  source?: string;
  /** Where secrets are written in `source`: code frames mask them on every line they show (not serialized). */
  secrets?: Span[];
  /** Positions refer to the decoded user-data, not to lines of the file at `path`. */
  decoded?: boolean;
  /** Findings counted but not listed (the library lists at most MAX_DIAGNOSTICS_PER_DOCUMENT). */
  omitted?: number;
}

export interface Report {
  results: ReportResult[];
  summary: {
    files: number;
    errors: number;
    warnings: number;
    /** Warnings counted but not listed (`--quiet`). */
    hiddenWarnings: number;
    /** Files a directory walk passed over: not user-data, nor a file that holds any. */
    otherFiles?: number;
  };
  /** Why the run fails although nothing is an error (`--strict`, `--max-warnings`), in words. */
  failure?: string;
  /** The exit status the run ends with (0 clean, 1 findings, 2 not checked). */
  exitCode: number;
}

export interface FormatContext {
  color: boolean;
  toolVersion: string;
  /** Metadata of the rules the report uses (SARIF rule descriptions, help links). */
  rules: (id: string) => RuleMeta | undefined;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;

/** A checked document as a report entry; `variantSource` says where a given variant came from. */
export function toReportResult(r: DocumentResult, path: string, given: 'flag' | 'config' | 'given' = 'given'): ReportResult {
  return {
    file: r.file,
    path,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fatal: r.fatal,
    ...(r.skipped ? { skipped: true } : {}),
    diagnostics: r.diagnostics,
    ...(r.source !== undefined ? { source: r.source } : {}),
    ...(r.secrets ? { secrets: r.secrets } : {}),
    ...(r.decoded ? { decoded: true } : {}),
    ...(r.omitted ? { omitted: r.omitted } : {}),
    ...(r.target
      ? {
          target: {
            variant: targetName(r.target),
            variantSource: r.target.variantSource === 'given' ? given : r.target.variantSource,
            osVersion: r.target.release,
          },
        }
      : {}),
  };
}

export interface ReportOptions {
  /** List errors only; warnings are still counted (and say so). */
  quiet?: boolean;
  /** Fail on any warning. */
  strict?: boolean;
  /** Fail when there are more warnings than this. */
  maxWarnings?: number;
  /** Files a directory walk passed over (counted in the summary). */
  otherFiles?: number;
}

/** The report of a run, and its exit status: 2 when an input could not be checked, 1 on errors or failing warnings. */
export function buildReport(results: readonly ReportResult[], options: ReportOptions = {}): { report: Report; exitCode: number } {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const shown = options.quiet
    ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') }))
    : [...results];
  const failure = warningFailure(warnings, options);
  const exitCode = results.some((r) => r.fatal) ? 2 : errors > 0 || failure ? 1 : 0;
  const report: Report = {
    results: shown,
    summary: {
      files: results.length,
      errors,
      warnings,
      hiddenWarnings: options.quiet ? warnings : 0,
      ...(options.otherFiles ? { otherFiles: options.otherFiles } : {}),
    },
    ...(errors === 0 && failure ? { failure } : {}),
    exitCode,
  };
  return { report, exitCode };
}

function warningFailure(warnings: number, options: ReportOptions): string | undefined {
  if (options.strict && warnings > 0) return `--strict fails the run on warnings (${warnings})`;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings)
    return `too many warnings (${warnings}; maximum: ${options.maxWarnings})`;
  return undefined;
}
