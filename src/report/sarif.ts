/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, with rule metadata and the run's exit
 * status. Artifact URIs are RFC 3986 references (percent-encoded; absolute paths as file:// URIs), and
 * the JSON escapes every character that could mislead a log.
 */
import { PROJECT_URL } from '../model/project.js';
import type { Fix } from '../model/diagnostic.js';
import type { RuleMeta } from '../rules/types.js';
import { safeJson } from '../util/escape.js';
import type { Formatter, ReportResult } from './model.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The project's address; a placeholder until the repository is public (package.json "homepage"). */
export const INFORMATION_URI = PROJECT_URL;

/** A file path as a URI reference: relative paths percent-encoded, absolute ones as file:// URIs. */
export function artifactUri(path: string): string {
  const slashed = path.split('\\').join('/');
  const encoded = slashed
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

function resultMessage(r: ReportResult, d: ReportResult['diagnostics'][number]): string {
  const where = `${r.file !== r.path ? `${r.file}: ` : ''}${r.decoded ? `decoded user-data line ${d.line}, column ${d.column}: ` : ''}`;
  return where + d.message;
}

/**
 * The edit `brud check --fix` would make, as SARIF states a fix: one replacement in the file, by character
 * offset (brud's fix ranges count UTF-16 code units of the text, as the SARIF viewers written in JavaScript
 * and C# do).
 */
function sarifFix(path: string, fix: Fix): object {
  const [from, to] = fix.range;
  return {
    description: { text: 'the edit brud check --fix makes' },
    artifactChanges: [
      {
        artifactLocation: { uri: artifactUri(path) },
        replacements: [{ deletedRegion: { charOffset: from, charLength: to - from }, insertedContent: { text: fix.text } }],
      },
    ],
  };
}

export const formatSarif: Formatter = (report, ctx) => {
  const used = [...new Set(report.results.flatMap((r) => r.diagnostics.map((d) => d.ruleId)))].sort();
  const rules = used.map((id) => ctx.rules(id)).filter((r): r is RuleMeta => r !== undefined);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
      level: LEVEL[d.severity],
      message: { text: resultMessage(r, d) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(r.path) },
            region: r.decoded ? { startLine: 1 } : { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
          ...(d.keyPath ? { logicalLocations: [{ fullyQualifiedName: d.keyPath, kind: 'member' }] } : {}),
        },
      ],
      ...(d.fix && !r.decoded ? { fixes: [sarifFix(r.path, d.fix)] } : {}),
    })),
  );
  const omitted = report.results.filter((r) => r.omitted);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'brud',
            version: ctx.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} ${r.rationale}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              help: { text: r.rationale },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.exitCode !== 2,
            exitCode: report.exitCode,
            ...(omitted.length > 0
              ? {
                  toolExecutionNotifications: omitted.map((r) => ({
                    level: 'note',
                    message: { text: `${r.file}: ${r.omitted} more findings not listed` },
                    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.path) } } }],
                  })),
                }
              : {}),
          },
        ],
        results,
      },
    ],
  };
  return safeJson(JSON.stringify(sarif, null, 2)) + '\n';
};
