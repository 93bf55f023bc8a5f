/**
 * GitLab code quality (the `artifacts:reports:codequality` JSON of a merge request): one issue per
 * finding with `description`, `check_name`, `fingerprint`, `severity` and `location.path` /
 * `location.lines.begin`. The fingerprint hashes the file, rule, message id and key path (and which
 * occurrence of that tuple it is), not the line, so a finding keeps its identity when lines move above it
 * and GitLab does not report it as fixed and new again.
 */
import type { Severity } from '../model/diagnostic.js';
import { safeJson } from '../util/escape.js';
import { sha256Hex } from '../util/platform.js';
import type { Formatter } from './model.js';

/** An error stops the node from booting: GitLab's `critical`. A warning is `minor`, a note `info`. */
const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'minor', info: 'info' };

/** The path GitLab matches against the repository: forward slashes, no leading `./`. */
function repoPath(path: string): string {
  return path
    .split('\\')
    .join('/')
    .replace(/^(\.\/)+/, '');
}

export const formatGitlab: Formatter = (report) => {
  const seen = new Map<string, number>();
  const issues = report.results.flatMap((r) =>
    r.diagnostics.map((d) => {
      const path = repoPath(r.path);
      const identity = [path, r.file, d.ruleId, d.messageId, d.pointer].join('\u0000');
      const n = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, n);
      const where = `${r.file !== r.path ? `${r.file}: ` : ''}${r.decoded ? `decoded user-data line ${d.line}, column ${d.column}: ` : ''}`;
      return {
        description: where + d.message,
        check_name: d.ruleId,
        fingerprint: sha256Hex(`${identity}\u0000${n}`),
        severity: SEVERITY[d.severity],
        location: { path, lines: { begin: r.decoded ? 1 : d.line } },
      };
    }),
  );
  return safeJson(JSON.stringify(issues, null, 2)) + '\n';
};
