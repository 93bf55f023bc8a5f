/**
 * The rule `brud schema --install` keeps in `.taplo.toml`, the config taplo and Even Better TOML read: a
 * `[[rule]]` that attaches the installed schema to the user-data files. The block sits between two marker
 * comments, so a rerun replaces it and leaves everything else in the file as it was.
 */
export const BEGIN_MARK = '# >>> brud schema --install (rerun it to update this rule)';
export const END_MARK = '# <<< brud schema --install';

/** A TOML basic string (the patterns and the path come from the command line and brud.toml). */
function tomlString(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what TOML requires escaped
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

export function taploRule(include: readonly string[], schemaPath: string, target: string): string {
  return [
    BEGIN_MARK,
    `# Bottlerocket user-data: ${target}`,
    '[[rule]]',
    `include = [${include.map(tomlString).join(', ')}]`,
    '',
    '[rule.schema]',
    `path = ${tomlString(schemaPath)}`,
    END_MARK,
  ].join('\n');
}

/** The config with brud's rule put in: in place of the previous one, or at the end. */
export function withTaploRule(existing: string | undefined, rule: string): string {
  if (existing === undefined || existing.trim() === '') return rule + '\n';
  const begin = existing.indexOf(BEGIN_MARK);
  const end = begin < 0 ? -1 : existing.indexOf(END_MARK, begin);
  if (begin >= 0 && end >= 0) return existing.slice(0, begin) + rule + existing.slice(end + END_MARK.length);
  return `${existing.replace(/\n*$/, '')}\n\n${rule}\n`;
}
