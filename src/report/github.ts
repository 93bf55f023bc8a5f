/**
 * GitHub Actions workflow commands: inline annotations on the pull request, no extra permissions
 * needed. Escaping matches @actions/core (`%`, CR and LF in data; also `:` and `,` in properties), and
 * every other control character is made visible, so a key from a pull request cannot forge a command.
 */
import { visible } from '../util/escape.js';
import { plural } from '../util/words.js';
import type { Formatter } from './model.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

function escapeData(s: string): string {
  return visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command, `::name prop=value,…::message`, with the properties and message escaped. */
export function workflowCommand(name: string, props: Readonly<Record<string, string | number>>, message: string): string {
  const list = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

/**
 * Text for a runner's log that can never start a workflow command. The runner trims a line's leading
 * white space before it looks for "::", so shifting a line by a space protects nothing: every line is
 * made visible (no CR, no controls), and a line that would start with "::" once trimmed is escaped as
 * a command's data is (`%`, then its leading colons as `%3A`).
 */
export function logText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const shown = visible(line);
      return /^\s*::/.test(shown) ? escapeData(shown).replace(/^(\s*)::/, '$1%3A%3A') : shown;
    })
    .join('\n');
}

export const formatGithub: Formatter = (report) => {
  const lines: string[] = [];
  for (const r of report.results) {
    for (const d of r.diagnostics) {
      // a position in decoded user-data is not a line of the file: annotate the file's first line
      const at = r.decoded ? ['line=1'] : [`line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`];
      const props = [`file=${escapeProperty(r.path)}`, ...at, `title=${escapeProperty(`brud ${d.ruleId}`)}`].join(',');
      const where = `${r.file !== r.path ? `${r.file}: ` : ''}${r.decoded ? `decoded user-data line ${d.line}, column ${d.column}: ` : ''}`;
      lines.push(`::${LEVEL[d.severity]} ${props}::${escapeData(where + d.message)}`);
    }
    if (r.omitted)
      lines.push(`::notice file=${escapeProperty(r.path)}::${escapeData(`… and ${plural(r.omitted, 'more finding')} not listed`)}`);
  }
  const { files, errors, warnings } = report.summary;
  const failure = report.failure ? `; ${report.failure}` : '';
  lines.push(`brud: ${plural(files, 'document')} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${failure}`);
  return lines.join('\n') + '\n';
};
