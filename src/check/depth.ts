/**
 * The depth guard for decoded documents (see `MAX_SETTINGS_DEPTH`): an iterative walk, so that the
 * guard itself cannot overflow the stack it protects.
 */
import type { Finding, Path } from '../model/diagnostic.js';
import { MAX_SETTINGS_DEPTH } from '../model/limits.js';
import { isTable, type TomlTable, type TomlValue } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';

/** The path to the first value nested deeper than `max` under `settings`, or undefined. */
export function pathTooDeep(doc: TomlTable, max = MAX_SETTINGS_DEPTH): Path | undefined {
  interface Node {
    value: TomlValue | undefined;
    key: string | number;
    depth: number;
    parent?: Node;
  }
  const stack: Node[] = [{ value: doc.settings, key: 'settings', depth: 1 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value, depth } = node;
    if (value === undefined || (!isTable(value) && !Array.isArray(value))) continue;
    if (depth > max) {
      const path: Array<string | number> = [];
      for (let n: Node | undefined = node; n; n = n.parent) path.push(n.key);
      return path.reverse();
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, key: i, depth: depth + 1, parent: node }));
    else for (const k of Object.keys(value)) stack.push({ value: value[k], key: k, depth: depth + 1, parent: node });
  }
  return undefined;
}

/** The `parse/too-deep` finding for a document nested deeper than Bottlerocket's settings can be, if it is. */
export function depthFinding(doc: TomlTable): Finding | undefined {
  const path = pathTooDeep(doc);
  if (path === undefined) return undefined;
  let keys = path.length;
  while (typeof path[keys - 1] !== 'string') keys--;
  // about the whole input: finding the line would build the position index of the whole deep tree
  return verdict('parse/too-deep', 'tables', { max: MAX_SETTINGS_DEPTH }, { path: path.slice(0, keys), span: 'input' });
}
