/**
 * The rule `brud schema --install` keeps in `.taplo.toml`, the config taplo and Even Better TOML read: a
 * `[[rule]]` that attaches the installed schema to the user-data files. The block sits between two marker
 * comments, so a rerun replaces it and leaves everything else in the file as it was.
 */
import { tomlString } from '../index.js';

export const BEGIN_MARK = '# >>> brud schema --install (rerun it to update this rule)';
export const END_MARK = '# <<< brud schema --install';

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
