/**
 * Deterministic JSON text for values that may hold TOML numbers: big integers are written exactly
 * (JSON.stringify would round them), floats as numbers (nan and inf as null), datetimes as strings.
 * Keys keep their insertion order; indentation is two spaces.
 */
import { TomlDateTime, TomlFloat } from '../model/value.js';

export function jsonText(v: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof TomlFloat) return Number.isFinite(v.value) ? JSON.stringify(v.value) : 'null';
  if (v instanceof TomlDateTime) return JSON.stringify(v.text);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => inner + jsonText(x, inner)).join(',\n')}\n${indent}]`;
  if (typeof v === 'object') {
    const entries = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
    return entries.length === 0
      ? '{}'
      : `{\n${entries.map((k) => `${inner}${JSON.stringify(k)}: ${jsonText((v as Record<string, unknown>)[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}
