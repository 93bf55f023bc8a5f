/**
 * The decoded TOML value model. Tables are null-prototype objects so that keys such as
 * `__proto__` or `constructor` stay ordinary own keys and can never reach Object.prototype.
 * Integers beyond 2^53 stay exact as bigint; floats and datetimes keep their own classes
 * because Bottlerocket treats them differently from integers and strings.
 */

export type TomlTable = { [key: string]: TomlValue };
export type TomlValue = string | boolean | number | bigint | TomlFloat | TomlDateTime | TomlValue[] | TomlTable;

/** A TOML float. Kept apart from integers: Bottlerocket rejects `max-pods = 110.0`. */
export class TomlFloat {
  constructor(
    readonly value: number,
    /** The literal as written, e.g. `1e3` or `nan`. */
    readonly text: string,
  ) {}
}

export type DateTimeKind = 'offset-date-time' | 'local-date-time' | 'local-date' | 'local-time';

/** A TOML date or time. No Bottlerocket setting accepts one; they are reported, never coerced. */
export class TomlDateTime {
  constructor(
    readonly kind: DateTimeKind,
    readonly text: string,
  ) {}
}

export function newTable(): TomlTable {
  return Object.create(null) as TomlTable;
}

export function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TomlFloat) && !(v instanceof TomlDateTime);
}

/** The JSON type a TOML value becomes in the settings API (a datetime becomes an object). */
export function jsonTypeOfToml(v: TomlValue): string {
  if (typeof v === 'number' || typeof v === 'bigint') return 'integer';
  if (v instanceof TomlFloat) return Number.isFinite(v.value) ? 'number' : 'null';
  if (v instanceof TomlDateTime) return 'object';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** The TOML type name of a value, as used in messages ("found a float"). */
export function tomlTypeName(v: TomlValue | undefined | null): string {
  if (v === undefined || v === null) return 'nothing';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'number' || typeof v === 'bigint') return 'an integer';
  if (v instanceof TomlFloat) return 'a float';
  if (v instanceof TomlDateTime) return 'a TOML datetime';
  if (Array.isArray(v)) return 'an array';
  return 'a table';
}

/** A short rendering of a value for messages: strings quoted, long values cut. */
export function showValue(v: TomlValue | undefined, max = 60): string {
  let s: string;
  if (v === undefined) return '(none)';
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else if (v instanceof TomlFloat || v instanceof TomlDateTime) s = v.text;
  else if (Array.isArray(v)) s = '[' + v.map((e) => showValue(e, max)).join(', ') + ']';
  else
    s =
      '{ ' +
      Object.keys(v)
        .map((k) => `${k} = ${showValue(v[k], max)}`)
        .join(', ') +
      ' }';
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * A deep copy of a value's tables and arrays (scalars and their classes are immutable). Iterative: a
 * tree thousands of levels deep (dotted keys inside inline tables) must not exhaust the stack.
 */
export function cloneValue(v: TomlValue): TomlValue {
  const copyOf = (x: TomlValue): TomlValue => (Array.isArray(x) ? [] : isTable(x) ? newTable() : x);
  const root = copyOf(v);
  const pending: Array<[TomlValue, TomlValue]> = [[v, root]];
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    const entries: Array<[string | number, TomlValue]> = Array.isArray(from)
      ? from.map((x, i) => [i, x])
      : isTable(from)
        ? Object.entries(from)
        : [];
    for (const [k, x] of entries) {
      const copy = copyOf(x);
      (to as Record<string | number, TomlValue>)[k] = copy;
      if (copy !== x) pending.push([x, copy]);
    }
  }
  return root;
}

/** Follows a path into a value; undefined where it does not exist. */
export function getAt(root: TomlValue, path: ReadonlyArray<string | number>): TomlValue | undefined {
  let cur: TomlValue | undefined = root;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isTable(cur) && Object.hasOwn(cur, seg) ? cur[seg] : undefined;
  }
  return cur;
}
