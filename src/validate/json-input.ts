/**
 * The JSON value Bottlerocket's API would receive for a TOML value: early-boot-config converts the
 * TOML tree to JSON with serde (bottlerocket-core-kit early-boot-config-provider/src/settings.rs).
 * Integers beyond 2^53 become the nearest double; that loses nothing for validation, because every
 * range Bottlerocket checks is far inside it. Floats stay numbers (whether a float may stand where an
 * integer is expected is decided before this, by `validate/target-gate.ts`). A TOML datetime
 * serializes as serde's private datetime struct, which no setting accepts.
 */
import { isTable, TomlDateTime, TomlFloat, type TomlValue } from '../model/value.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export const TOML_DATETIME_FIELD = '$__toml_private_datetime';

/** Iterative, so that a tree thousands of tables deep (under a top-level key Bottlerocket ignores) cannot overflow the stack. */
export function toJsonValue(v: TomlValue): JsonValue {
  const root: { value?: JsonValue } = {};
  const work: Array<[TomlValue, { [k: string]: JsonValue } | JsonValue[], string | number]> = [[v, root, 'value']];
  while (work.length > 0) {
    const [value, into, key] = work.pop()!;
    const out = scalar(value);
    if (out !== undefined) {
      (into as Record<string | number, JsonValue>)[key] = out;
    } else if (Array.isArray(value)) {
      const arr: JsonValue[] = new Array<JsonValue>(value.length);
      (into as Record<string | number, JsonValue>)[key] = arr;
      value.forEach((x, i) => work.push([x, arr, i]));
    } else {
      const obj = Object.create(null) as { [k: string]: JsonValue };
      (into as Record<string | number, JsonValue>)[key] = obj;
      // children are assigned in reverse, so fill the keys in order first (key order is kept)
      const table = value as Record<string, TomlValue>;
      for (const k of Object.keys(table)) obj[k] = null;
      for (const k of Object.keys(table)) work.push([table[k]!, obj, k]);
    }
  }
  return root.value!;
}

/** The JSON form of a leaf, or undefined for a table or an array. */
function scalar(v: TomlValue): JsonValue | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof TomlFloat) return Number.isFinite(v.value) ? v.value : null;
  if (v instanceof TomlDateTime) return { [TOML_DATETIME_FIELD]: v.text };
  if (Array.isArray(v) || isTable(v)) return undefined;
  return v;
}
