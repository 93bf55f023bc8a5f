/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, with rule metadata. */
import type { RuleMeta } from '../rules/types.js';
import type { Formatter } from './model.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const formatSarif: Formatter = (report, ctx) => {
  const used = [...new Set(report.results.flatMap((r) => r.diagnostics.map((d) => d.ruleId)))].sort();
  const rules = used.map((id) => ctx.rules(id)).filter((r): r is RuleMeta => r !== undefined);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'brud',
            version: ctx.toolVersion,
            informationUri: 'https://github.com/brud-dev/brud',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} ${r.rationale}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              help: { text: r.rationale },
            })),
          },
        },
        results: report.results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.ruleId,
            ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
            level: LEVEL[d.severity],
            message: {
              text: `${r.file !== r.path ? `${r.file}: ` : ''}${r.decoded ? `decoded user-data line ${d.line}, column ${d.column}: ` : ''}${d.message}`,
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.path.split('\\').join('/') },
                  region: r.decoded
                    ? { startLine: 1 }
                    : { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                },
                ...(d.keyPath ? { logicalLocations: [{ fullyQualifiedName: d.keyPath, kind: 'member' }] } : {}),
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
};
