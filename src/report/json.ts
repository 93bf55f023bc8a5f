/**
 * Machine output (documented in docs/output-formats.md). Keys are written in a fixed order so that the
 * same input gives the same bytes.
 */
import { safeJson } from '../util/escape.js';
import { FORMAT_VERSION, type Formatter } from './model.js';

export const formatJson: Formatter = (report) => {
  const out = {
    formatVersion: FORMAT_VERSION,
    results: report.results.map((r) => ({
      file: r.file,
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      ...(r.omitted ? { omitted: r.omitted } : {}),
      diagnostics: r.diagnostics.map((d) => ({
        severity: d.severity,
        ruleId: d.ruleId,
        messageId: d.messageId,
        message: d.message,
        pointer: d.pointer,
        keyPath: d.keyPath,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ...(d.fix ? { fix: { range: d.fix.range, text: d.fix.text } } : {}),
      })),
      ...(r.target ? { target: { variant: r.target.variant, variantSource: r.target.variantSource, osVersion: r.target.osVersion } } : {}),
    })),
    summary: {
      files: report.summary.files,
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      ...(report.summary.hiddenWarnings > 0 ? { hiddenWarnings: report.summary.hiddenWarnings } : {}),
      ...(report.summary.otherFiles ? { otherFiles: report.summary.otherFiles } : {}),
      ...(report.failure ? { failure: report.failure } : {}),
    },
  };
  return safeJson(JSON.stringify(out, null, 2)) + '\n';
};
