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

export function toJsonValue(v: TomlValue): JsonValue {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof TomlFloat) return Number.isFinite(v.value) ? v.value : null;
  if (v instanceof TomlDateTime) return { [TOML_DATETIME_FIELD]: v.text };
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (isTable(v)) {
    const out = Object.create(null) as { [k: string]: JsonValue };
    for (const k of Object.keys(v)) out[k] = toJsonValue(v[k]!);
    return out;
  }
  return v;
}
