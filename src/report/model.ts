/** The one results model every formatter consumes (as ESLint's formatters do): pure data in, text out. */
import type { Diagnostic } from '../diagnostics.js';

export interface ReportTarget {
  variant: string;
  variantSource: 'flag' | 'config' | 'inferred' | 'default';
  osVersion: string;
}

export interface ReportResult {
  /** What the user sees: the file, plus where in it for launch-template JSON. */
  file: string;
  /** The file on disk (or the stdin name), for tools that link to files. */
  path: string;
  errorCount: number;
  warningCount: number;
  diagnostics: Diagnostic[];
  target?: ReportTarget;
  /** Checked text, for code frames (not serialized). */
  source?: string;
  /** Positions refer to the decoded user-data, not to lines of the file at `path`. */
  decoded?: boolean;
}

export interface Report {
  results: ReportResult[];
  summary: { files: number; errors: number; warnings: number };
}

export interface FormatContext {
  color: boolean;
  toolVersion: string;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;

export function summarize(results: ReportResult[]): Report {
  return {
    results,
    summary: {
      files: results.length,
      errors: results.reduce((n, r) => n + r.errorCount, 0),
      warnings: results.reduce((n, r) => n + r.warningCount, 0),
    },
  };
}
