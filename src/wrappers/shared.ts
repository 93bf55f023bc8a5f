/** What the wrappers share: the tools keep only `[settings]`, and most act on `settings.kubernetes`. */
import type { Finding } from '../model/diagnostic.js';
import { cloneValue, isTable, newTable, type TomlTable } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';

export const K8S = ['settings', 'kubernetes'] as const;

export function kubernetesOf(doc: TomlTable): TomlTable | undefined {
  const settings = doc.settings;
  return isTable(settings) && isTable(settings.kubernetes) ? settings.kubernetes : undefined;
}

/** A copy of the document with only its `[settings]`; every other top-level key is reported as dropped. */
export function keepOnlySettings(doc: TomlTable, tool: string, findings: Finding[]): TomlTable {
  const out = newTable();
  for (const key of Object.keys(doc)) {
    if (key !== 'settings') findings.push(verdict('wrapper/dropped', 'topLevel', { tool, key }, { path: [key], at: 'key' }));
  }
  out.settings = isTable(doc.settings) ? cloneValue(doc.settings) : newTable();
  return out;
}
