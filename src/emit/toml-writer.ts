/**
 * Canonical TOML: one spelling for a value tree, so that equal settings give equal bytes.
 *  - a table's plain values first (`key = value`), then its sub-tables as `[a.b]` headers and arrays of
 *    tables as `[[a.b]]`, each group in key order (byte order);
 *  - keys bare where TOML allows (`A-Za-z0-9_-`), else quoted as basic strings;
 *  - strings as single-line basic strings with escapes; arrays on one line when short, else one
 *    element per line with a trailing comma;
 *  - integers exact (bigint too), floats with a decimal point or exponent, datetimes as written.
 * The output parses back to the same tree (TOML 1.0), so compiling it again gives the same bytes.
 */
import { isTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../model/value.js';
import { byteOrder } from '../util/byte-order.js';

export interface WriteOptions {
  /** Line width before an array is broken over several lines. */
  width?: number;
}

const BARE = /^[A-Za-z0-9_-]+$/;

/** Bidi controls and separators: valid in TOML strings, but written as escapes so no reader is misled. */
const UNSAFE_FORMAT = new Set([
  0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
]);

export function tomlKey(k: string): string {
  return BARE.test(k) ? k : tomlString(k);
}

export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || UNSAFE_FORMAT.has(c)) out += '\\u' + c.toString(16).padStart(4, '0').toUpperCase();
    else out += ch;
  }
  return out + '"';
}

function floatText(f: TomlFloat): string {
  const v = f.value;
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A value written inline (on the right of `=`). */
export function inlineValue(v: TomlValue, width = Infinity, indent = ''): string {
  if (typeof v === 'string') return tomlString(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof TomlFloat) return floatText(v);
  if (v instanceof TomlDateTime) return v.text;
  if (Array.isArray(v)) {
    const items = v.map((x) => inlineValue(x, Infinity));
    const flat = `[${items.join(', ')}]`;
    if (indent.length + flat.length <= width || v.length === 0) return flat;
    const inner = indent + '  ';
    return `[\n${v.map((x) => `${inner}${inlineValue(x, width, inner)},`).join('\n')}\n${indent}]`;
  }
  const keys = Object.keys(v);
  return keys.length === 0 ? '{}' : `{ ${keys.map((k) => `${tomlKey(k)} = ${inlineValue(v[k]!, Infinity)}`).join(', ')} }`;
}

function isArrayOfTables(v: TomlValue | undefined): v is TomlTable[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isTable(x));
}

/** Writes a table tree as TOML documents do: values, then `[tables]` and `[[arrays of tables]]`. */
export function writeToml(root: TomlTable, options: WriteOptions = {}): string {
  const width = options.width ?? 100;
  const blocks: string[] = [];
  const keysOf = (t: TomlTable) => Object.keys(t).sort(byteOrder);

  const emit = (table: TomlTable, path: string[], header: string | undefined): void => {
    const keys = keysOf(table);
    const plain = keys.filter((k) => !isTable(table[k]) && !isArrayOfTables(table[k]));
    const lines = plain.map((k) => `${tomlKey(k)} = ${inlineValue(table[k]!, width, '')}`);
    const hasChildren = keys.length > plain.length;
    // a header is needed for values, or for an empty table that would otherwise vanish
    if (header !== undefined && (lines.length > 0 || !hasChildren)) blocks.push([header, ...lines].join('\n'));
    else if (lines.length > 0) blocks.push(lines.join('\n'));
    for (const k of keys) {
      const v = table[k];
      const childPath = [...path, k];
      const name = childPath.map(tomlKey).join('.');
      if (isTable(v)) emit(v, childPath, `[${name}]`);
      else if (isArrayOfTables(v)) for (const el of v) emitArrayElement(el, `[[${name}]]`);
    }
  };
  const emitArrayElement = (table: TomlTable, header: string): void => {
    const keys = keysOf(table);
    const plain = keys.filter((k) => !isTable(table[k]) && !isArrayOfTables(table[k]));
    blocks.push([header, ...plain.map((k) => `${tomlKey(k)} = ${inlineValue(table[k]!, width, '')}`)].join('\n'));
    for (const k of keys) {
      const v = table[k];
      // sub-tables of an array element must stay inline to keep it one element
      if (isTable(v) || isArrayOfTables(v)) blocks[blocks.length - 1] += `\n${tomlKey(k)} = ${inlineValue(v, Infinity)}`;
    }
  };
  emit(root, [], undefined);
  return blocks.join('\n\n') + (blocks.length > 0 ? '\n' : '');
}
