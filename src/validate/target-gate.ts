/**
 * Checks that depend on the target and on TOML value kinds, made by walking the document beside the
 * bundled schema (the precompiled validator knows neither variants nor releases, and sees JSON where
 * TOML had floats and datetimes):
 *  - a namespace the variant does not have, a key (or map key, value form, enum value) newer than the
 *    release: Bottlerocket treats them as unknown and rejects the whole document;
 *  - deprecated keys: accepted, but without effect;
 *  - floats where an integer is expected (serde rejects `110.0` for u32) and TOML datetimes (they
 *    serialize to a struct no setting accepts);
 *  - `nan`/`inf`, which become JSON null: a struct field then counts as unset.
 * Every reported path is "claimed", so that the schema validator's errors under it are dropped.
 */
import type { Finding, Path } from '../diagnostics.js';
import { toKeyPath, toPointer } from '../diagnostics.js';
import { isTable, jsonTypeOfToml, showValue, tomlTypeName, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../parse/value.js';
import { admittedTypes, childSchema, deref, loadSchema, typeAdmitted, type SchemaNode } from '../schema/bundle.js';
import { isAvailable } from '../targets/releases.js';
import { familiesAccepting, familyAccepts } from '../targets/variants.js';
import { describeTypes, rejects } from './messages.js';
import { targetName, type Target } from './target.js';
import { hasOwn, own } from '../own.js';
import { closest } from './suggest.js';

export interface GateResult {
  findings: Finding[];
  /** Pointers whose subtree is fully reported here. */
  claimed: Set<string>;
}

export function checkTarget(doc: TomlTable, target: Target, root: SchemaNode = loadSchema()): GateResult {
  const result: GateResult = { findings: [], claimed: new Set() };
  const settings = doc.settings;
  const settingsSchema = childSchema(root, 'settings', root);
  if (settingsSchema && isTable(settings)) visitChildren(settings, settingsSchema, ['settings'], target, result, root);
  return result;
}

function claim(result: GateResult, f: Finding): void {
  result.findings.push(f);
  result.claimed.add(toPointer(f.path));
}

function visit(value: TomlValue, schema: SchemaNode, path: Path, target: Target, result: GateResult, root: SchemaNode, parentIsStruct: boolean): void {
  const node = deref(schema, root);
  const since = node['x-since'];
  if (since && !isAvailable(since, target.release)) {
    claim(result, {
      ruleId: 'schema/not-in-release',
      message: rejects(`${toKeyPath(path)} was added in Bottlerocket ${since}; Bottlerocket ${target.release} does not know it`),
      path,
      at: 'key',
    });
    return;
  }
  const before = node['x-before'];
  if (before && typeof value === 'string' && !isAvailable(before.release, target.release)) {
    // an older release checked this type with another rule: it decides, not today's schema
    if (!new RegExp(before.pattern, 'u').test(value)) {
      claim(result, { ruleId: 'schema/invalid-value', message: rejects(`${toKeyPath(path)}: ${showValue(value)} is not valid on Bottlerocket ${target.release} (${before.rule})`), path, at: 'value' });
    } else result.claimed.add(toPointer(path));
    return;
  }
  const deprecated = node['x-deprecated'];
  if (deprecated && isAvailable(deprecated.since, target.release)) {
    result.findings.push({
      ruleId: 'schema/deprecated',
      message: `${toKeyPath(path)} is deprecated since Bottlerocket ${deprecated.since}${deprecated.message ? `: ${deprecated.message}` : ''}${deprecated.replacement ? `; use ${deprecated.replacement}` : ''}`,
      path,
      at: 'key',
    });
  }
  if (!checkValueKind(value, node, path, result, root, parentIsStruct)) return;

  let effective = node;
  const branches = node.anyOf ?? node.oneOf;
  if (branches) {
    const t = jsonTypeOfToml(value);
    const branch = branches.find((b) => typeAdmitted(admittedTypes(b, root), t));
    if (!branch) return; // no form fits: the validator reports the type
    const branchSince = deref(branch, root)['x-since'];
    if (branchSince && !isAvailable(branchSince, target.release)) {
      const allowed = branches.filter((b) => {
        const s = deref(b, root)['x-since'];
        return !s || isAvailable(s, target.release);
      });
      claim(result, {
        ruleId: 'schema/not-in-release',
        message: rejects(`${toKeyPath(path)} as ${tomlTypeName(value)} is accepted from Bottlerocket ${branchSince}; Bottlerocket ${target.release} expects ${describeTypes({ anyOf: allowed }, root)}`),
        path,
        at: 'value',
      });
      return;
    }
    effective = deref(branch, root);
  }
  const enumSince = effective['x-enum-since'];
  const valueSince = typeof value === 'string' ? own(enumSince, value) : undefined;
  if (typeof value === 'string' && valueSince && !isAvailable(valueSince, target.release)) {
    claim(result, {
      ruleId: 'schema/not-in-release',
      message: rejects(`${showValue(value)} is accepted for ${toKeyPath(path)} from Bottlerocket ${valueSince}; Bottlerocket ${target.release} rejects it`),
      path,
      at: 'value',
    });
    return;
  }
  if (isTable(value)) visitChildren(value, effective, path, target, result, root);
  else if (Array.isArray(value)) {
    value.forEach((el, i) => {
      const child = childSchema(effective, i, root);
      if (child) visit(el, child, [...path, i], target, result, root, false);
    });
  }
}

function visitChildren(table: TomlTable, schema: SchemaNode, path: Path, target: Target, result: GateResult, root: SchemaNode): void {
  const node = deref(schema, root);
  const isStruct = node.properties !== undefined && node.additionalProperties === false;
  const keySince = node['x-key-since'] ?? {};
  const keyEnumSince = node.propertyNames ? deref(node.propertyNames, root)['x-enum-since'] ?? {} : {};
  const atSettings = path.length === 1 && path[0] === 'settings';
  for (const key of Object.keys(table)) {
    const childPath = [...path, key];
    if (atSettings && hasOwn(node.properties, key) && !familyAccepts(target.family, key, target.release, target.variant)) {
      claim(result, { ruleId: 'schema/not-on-variant', message: notOnVariant(key, target), path: childPath, at: 'key' });
      continue;
    }
    const since = own(keySince, key) ?? own(keyEnumSince, key);
    if (since && !isAvailable(since, target.release)) {
      claim(result, {
        ruleId: 'schema/not-in-release',
        message: rejects(`${quoteKey(key)} is accepted as a key of ${toKeyPath(path)} from Bottlerocket ${since}; Bottlerocket ${target.release} rejects it`),
        path: childPath,
        at: 'key',
      });
      continue;
    }
    const child = childSchema(node, key, root);
    if (!child && node['x-ignores-unknown'] === true) {
      const known = Object.keys(node.properties ?? {});
      const guess = closest(key, known);
      claim(result, {
        ruleId: 'schema/ignored-key',
        message: `unknown key "${key}" in ${toKeyPath(path)}: this table does not reject unknown keys, so Bottlerocket silently ignores it${guess ? `; did you mean "${guess}"?` : ''}`,
        path: childPath,
        at: 'key',
      });
      continue;
    }
    if (child) visit(table[key], child, childPath, target, result, root, isStruct);
  }
}

function notOnVariant(namespace: string, target: Target): string {
  const others = familiesAccepting(namespace, target.release).map((f) => f.id);
  const where = others.length > 0 ? ` (it exists on ${others.join(', ')})` : '';
  return rejects(`settings.${namespace} is not a setting of ${targetName(target)}${where}`);
}

/** Float, datetime and non-finite checks. Returns false when the value was reported (stop descending). */
function checkValueKind(value: TomlValue, node: SchemaNode, path: Path, result: GateResult, root: SchemaNode, parentIsStruct: boolean): boolean {
  if (value instanceof TomlDateTime) {
    claim(result, {
      ruleId: 'schema/type',
      message: rejects(`${toKeyPath(path)}: expected ${describeTypes(node, root)}, found a TOML datetime (${value.text}); no Bottlerocket setting takes a datetime: quote it if it is meant as text`),
      path,
      at: 'value',
    });
    return false;
  }
  if (value instanceof TomlFloat) {
    if (!Number.isFinite(value.value)) {
      if (parentIsStruct) {
        claim(result, {
          ruleId: 'schema/null-value',
          severity: 'warning',
          message: `${value.text} cannot be written in JSON: Bottlerocket converts it to null and ignores ${toKeyPath(path)} (the setting keeps its default)`,
          path,
          at: 'value',
        });
        return false;
      }
      claim(result, { ruleId: 'schema/type', message: rejects(`${toKeyPath(path)}: expected ${describeTypes(node, root)}, found ${value.text}, which Bottlerocket converts to null`), path, at: 'value' });
      return false;
    }
    const types = admittedTypes(node, root);
    if (types && !types.has('number')) {
      const hint = Number.isInteger(value.value) && types.has('integer') ? `: write it as an integer, ${value.value}` : '';
      claim(result, { ruleId: 'schema/type', message: rejects(`${toKeyPath(path)}: expected ${describeTypes(node, root)}, found a float ${value.text}${hint}`), path, at: 'value' });
      return false;
    }
  }
  return true;
}

function quoteKey(k: string | number | undefined): string {
  return `"${String(k)}"`;
}
