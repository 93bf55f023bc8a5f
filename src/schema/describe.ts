/** Schema nodes in words, for messages and `brud explain` ("a string or an array of strings"). */
import { admittedTypes, deref, type SchemaNode } from './bundle.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array',
  object: 'a table',
  null: 'null',
};

/** "a string or an array of strings" for a schema node (or one branch of it). */
export function describeTypes(node: SchemaNode, root: SchemaNode, only?: SchemaNode): string {
  const n = deref(only ?? node, root);
  const branches = n.anyOf ?? n.oneOf;
  if (branches) {
    const parts = [...new Set(branches.map((b) => describeTypes(b, root)))];
    return parts.join(' or ');
  }
  const types = admittedTypes(n, root);
  if (!types) return 'a value';
  return [...types]
    .map((t) => {
      if (t === 'array' && typeof n.items === 'object') {
        const inner = describeTypes(n.items, root);
        return inner === 'a value' ? 'an array' : `an array of ${plural(inner)}`;
      }
      return TYPE_WORDS[t] ?? t;
    })
    .join(' or ');
}

function plural(phrase: string): string {
  const noun = phrase.replace(/^(a|an) /, '');
  if (noun === 'a table' || noun === 'table') return 'tables';
  if (noun.startsWith('array')) return 'arrays';
  return noun.endsWith('s') ? noun : noun + 's';
}
