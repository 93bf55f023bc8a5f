/** JUnit XML: one test case per checked document; errors fail it, warnings go to its system-out. */
import type { Formatter } from './model.js';

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const formatJunit: Formatter = (report) => {
  const failures = report.results.filter((r) => r.errorCount > 0).length;
  const cases = report.results.map((r) => {
    const lines = r.diagnostics.map((d) => `${r.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]`);
    const attrs = `classname="brud.check" name="${xml(r.file)}" file="${xml(r.path)}"`;
    if (r.errorCount > 0) {
      const first = r.diagnostics.find((d) => d.severity === 'error')!;
      return `    <testcase ${attrs}>\n      <failure type="${xml(first.ruleId)}" message="${xml(`${r.errorCount} error(s): ${first.message}`)}">${xml(lines.join('\n'))}</failure>\n    </testcase>`;
    }
    if (lines.length > 0) return `    <testcase ${attrs}>\n      <system-out>${xml(lines.join('\n'))}</system-out>\n    </testcase>`;
    return `    <testcase ${attrs}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="brud" tests="${report.results.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="brud check" tests="${report.results.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
