/**
 * TOML text with its secret values written as `"********"`: the settings the schemas mark `x-secret`
 * (aws.credentials, registry passwords, the bootstrap token…) and container `user-data` that decodes to
 * a key or credentials. For printing the input text itself (the `brud check --fix-dry-run` diff), as the
 * report masks secrets in its messages and code frames. Line breaks inside a masked value are kept, so
 * every other line keeps its number. Text that does not parse is returned as it is.
 */
import type { Path, Span } from '../model/diagnostic.js';
import { fromPointer } from '../model/diagnostic.js';
import { getAt, isTable, type TomlValue } from '../model/value.js';
import { parseTomlText } from '../parse/toml.js';
import { isSecretPath, MASK } from '../schema/secrets.js';
import { secretIn } from '../util/secret-text.js';

/** The path of a pointer with array indices as numbers (the schema walk tells arrays from tables by them). */
function pathOf(root: TomlValue, pointer: string): Path {
  const path: Array<string | number> = [];
  let cur: TomlValue | undefined = root;
  for (const seg of fromPointer(pointer)) {
    const key: string | number = Array.isArray(cur) ? Number(seg) : String(seg);
    path.push(key);
    cur = cur === undefined ? undefined : getAt(cur, [key]);
  }
  return path;
}

function isSecretValue(value: TomlValue | undefined, path: Path): boolean {
  if (value === undefined || isTable(value)) return false;
  return isSecretPath(path) || (path[path.length - 1] === 'user-data' && typeof value === 'string' && secretIn(value) !== undefined);
}

export function maskSecretText(text: string): string {
  const r = parseTomlText(text);
  if (!r.ok) return text;
  const { value: root, positions } = r.parsed;
  const spans: Span[] = [];
  for (const pointer of positions.pointers()) {
    const path = pathOf(root, pointer);
    if (!isSecretValue(getAt(root, path), path)) continue;
    // an element of a secret array is masked with the array
    if (path.length > 0 && isSecretValue(getAt(root, path.slice(0, -1)), path.slice(0, -1))) continue;
    spans.push(positions.locate({ path, at: 'value' }));
  }
  if (spans.length === 0) return text;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const ranges = spans
    .map((s) => [starts[s.line - 1]! + s.column - 1, starts[s.endLine - 1]! + s.endColumn - 1] as const)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) {
    if (from < at) continue;
    out += text.slice(at, from) + `"${MASK}"` + text.slice(from, to).replace(/[^\n]/g, '');
    at = to;
  }
  return out + text.slice(at);
}
