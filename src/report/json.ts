/**
 * Machine output, format version 1 (documented in the README):
 * {"formatVersion":1,"results":[{"file","errorCount","warningCount","diagnostics":[…],"target"}],"summary":{…}}
 * Keys are written in a fixed order so that the same input gives the same bytes.
 */
import type { Formatter } from './model.js';

export const formatJson: Formatter = (report) => {
  const out = {
    formatVersion: 1,
    results: report.results.map((r) => ({
      file: r.file,
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      diagnostics: r.diagnostics.map((d) => ({
        severity: d.severity,
        ruleId: d.ruleId,
        message: d.message,
        pointer: d.pointer,
        keyPath: d.keyPath,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      })),
      ...(r.target ? { target: { variant: r.target.variant, variantSource: r.target.variantSource, osVersion: r.target.osVersion } } : {}),
    })),
    summary: { files: report.summary.files, errors: report.summary.errors, warnings: report.summary.warnings },
  };
  return JSON.stringify(out, null, 2) + '\n';
};
