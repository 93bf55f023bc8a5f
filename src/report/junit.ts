/**
 * JUnit XML: one test suite, one test case per checked document; errors fail it, an input brud could
 * not check is an error of the case, warnings go to its system-out. Well-formed whatever the input:
 * every string is made visible (no control characters, which XML 1.0 forbids even escaped) and
 * escaped; `time` attributes are written for consumers that require them.
 */
import { visible } from '../util/escape.js';
import type { Formatter, ReportResult } from './model.js';

function xml(s: string): string {
  return visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An XML text node with real line breaks between findings (made visible first, then joined). */
function xmlLines(lines: readonly string[]): string {
  return lines.map(xml).join('\n');
}

function testCase(r: ReportResult): string {
  const lines = r.diagnostics.map((d) => `${r.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]`);
  if (r.omitted) lines.push(`… and ${r.omitted} more findings not listed`);
  const attrs = `classname="brud.check" name="${xml(r.file)}" file="${xml(r.path)}" time="0"`;
  const first = r.diagnostics.find((d) => d.severity === 'error');
  if (first) {
    const element = r.fatal ? 'error' : 'failure';
    const message = xml(`${r.errorCount} error(s): ${first.message}`);
    return `    <testcase ${attrs}>\n      <${element} type="${xml(first.ruleId)}" message="${message}">${xmlLines(lines)}</${element}>\n    </testcase>`;
  }
  if (lines.length > 0) return `    <testcase ${attrs}>\n      <system-out>${xmlLines(lines)}</system-out>\n    </testcase>`;
  return `    <testcase ${attrs}/>`;
}

export const formatJunit: Formatter = (report) => {
  const errors = report.results.filter((r) => r.fatal).length;
  const failures = report.results.filter((r) => r.errorCount > 0 && !r.fatal).length;
  const counts = `tests="${report.results.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="brud" ${counts} time="0">`,
    `  <testsuite name="brud check" ${counts} skipped="0" time="0">`,
    ...report.results.map(testCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
