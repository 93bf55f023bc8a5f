/**
 * Checks that depend on the target and on TOML value kinds, made by walking the document beside the
 * bundled schema (the precompiled validator knows neither variants nor releases, and sees JSON where
 * TOML had floats and datetimes):
 *  - a namespace the variant does not have, a key (or map key, value form, enum value) newer than the
 *    release: Bottlerocket treats them as unknown and rejects the whole document;
 *  - a value an older release checked with another rule (`x-before`);
 *  - deprecated keys: accepted, but without effect;
 *  - floats where an integer is expected (serde rejects `110.0` for u32) and TOML datetimes (they
 *    serialize to a struct no setting accepts);
 *  - `nan`/`inf`, which become JSON null (`serde_json::to_value` of a non-finite float): what null does
 *    depends on the field, as the model deserializes it. A plain optional field of a struct takes null as
 *    unset; a required field, a field with its own deserializer that does not take null
 *    (`x-null-rejected`), a map value or a list element fails.
 * Every reported path is "claimed", so that the schema validator's errors under it are dropped.
 */
import { renameFix } from './keyword-messages.js';
import type { Finding, Path } from '../model/diagnostic.js';
import { toKeyPath, toPointer } from '../model/diagnostic.js';
import {
  isTable,
  jsonTypeOfToml,
  showValue,
  tomlTypeName,
  TomlDateTime,
  TomlFloat,
  type TomlTable,
  type TomlValue,
} from '../model/value.js';
import { hints } from '../util/hints.js';
import { verdict } from '../rules/verdicts.js';
import { admittedTypes, childSchema, deref, typeAdmitted, type SchemaNode } from '../schema/bundle.js';
import { describeTypes } from '../schema/describe.js';
import { isSecretPath, MASK } from '../schema/secrets.js';
import { familiesAccepting, familyAccepts, familyLabel } from '../targets/availability.js';
import { isAvailable } from '../targets/releases.js';
import { targetName, type Target } from '../targets/target.js';
import { closest } from '../util/suggest.js';

export interface GateResult {
  findings: Finding[];
  /** Pointers whose subtree is fully reported here. */
  claimed: Set<string>;
}

/** What every step of the walk needs: the target, the schema root, and where findings go. */
interface GateContext {
  target: Target;
  root: SchemaNode;
  result: GateResult;
}

export function checkTarget(doc: TomlTable, target: Target, root: SchemaNode): GateResult {
  const ctx: GateContext = { target, root, result: { findings: [], claimed: new Set() } };
  const settings = doc.settings;
  const settingsSchema = childSchema(root, 'settings', root);
  if (settingsSchema && isTable(settings)) visitChildren(ctx, settings, settingsSchema, ['settings']);
  return ctx.result;
}

function claim(ctx: GateContext, f: Finding): void {
  ctx.result.findings.push(f);
  ctx.result.claimed.add(toPointer(f.path));
}

/**
 * What null (from `nan`/`inf`) does at a place: `ignored` for a plain optional struct field (serde's
 * `Option` takes null as None), else why it fails (`''` for a map value or list element: the value
 * type has no null).
 */
type NullFate = { ignored: true } | { ignored: false; why: string };
const NULL_FAILS: NullFate = { ignored: false, why: '' };

function visit(ctx: GateContext, value: TomlValue, schema: SchemaNode, path: Path, nullFate: NullFate): void {
  const node = deref(schema, ctx.root);
  if (!releaseHasKey(ctx, node, path) || !olderRuleHolds(ctx, node, value, path)) return;
  reportDeprecated(ctx, node, path);
  if (!checkValueKind(ctx, value, node, path, nullFate)) return;
  const effective = branchFor(ctx, node, value, path);
  if (!effective || !enumValueInRelease(ctx, effective, value, path)) return;
  if (isTable(value)) visitChildren(ctx, value, effective, path);
  else if (Array.isArray(value)) {
    value.forEach((el, i) => {
      const child = childSchema(effective, i, ctx.root);
      if (child) visit(ctx, el, child, [...path, i], NULL_FAILS);
    });
  }
}

/** `x-since`: a key the target release does not know yet. */
function releaseHasKey(ctx: GateContext, node: SchemaNode, path: Path): boolean {
  const since = node['x-since'];
  if (!since || isAvailable(since, ctx.target.release)) return true;
  claim(ctx, verdict('schema/not-in-release', 'key', { where: toKeyPath(path), since, release: ctx.target.release }, { path, at: 'key' }));
  return false;
}

/** `x-before`: an older release checked this value with another rule, which decides instead of today's schema. */
function olderRuleHolds(ctx: GateContext, node: SchemaNode, value: TomlValue, path: Path): boolean {
  const before = node['x-before'];
  if (!before || typeof value !== 'string' || isAvailable(before.release, ctx.target.release)) return true;
  if (new RegExp(before.pattern, 'u').test(value)) ctx.result.claimed.add(toPointer(path));
  else {
    const secret = isSecretPath(path, ctx.root);
    const data = { where: toKeyPath(path), value: showValue(secret ? MASK : value), release: ctx.target.release, rule: before.rule };
    claim(ctx, verdict('schema/invalid-value', 'olderRule', data, { path, at: 'value', secret }));
  }
  return false;
}

function reportDeprecated(ctx: GateContext, node: SchemaNode, path: Path): void {
  const deprecated = node['x-deprecated'];
  if (!deprecated || !isAvailable(deprecated.since, ctx.target.release)) return;
  const detail = `${deprecated.message ? `: ${deprecated.message}` : ''}${deprecated.replacement ? `; use ${deprecated.replacement}` : ''}`;
  ctx.result.findings.push(
    verdict('schema/deprecated', 'deprecated', { where: toKeyPath(path), since: deprecated.since, detail }, { path, at: 'key' }),
  );
}

/** The `anyOf` branch the value's type selects (or the node itself); undefined when the form is newer than the release. */
function branchFor(ctx: GateContext, node: SchemaNode, value: TomlValue, path: Path): SchemaNode | undefined {
  const branches = node.anyOf ?? node.oneOf;
  if (!branches) return node;
  const { root, target } = ctx;
  const t = jsonTypeOfToml(value);
  const branch = branches.find((b) => typeAdmitted(admittedTypes(b, root), t));
  if (!branch) return undefined; // no form fits: the validator reports the type
  const since = deref(branch, root)['x-since'];
  if (!since || isAvailable(since, target.release)) return deref(branch, root);
  const allowed = branches.filter((b) => {
    const s = deref(b, root)['x-since'];
    return !s || isAvailable(s, target.release);
  });
  const data = {
    where: toKeyPath(path),
    found: tomlTypeName(value),
    since,
    release: target.release,
    expected: describeTypes({ anyOf: allowed }, root),
  };
  claim(ctx, verdict('schema/not-in-release', 'form', data, { path, at: 'value' }));
  return undefined;
}

/** `x-enum-since`: a value of an enum that the target release does not have yet. */
function enumValueInRelease(ctx: GateContext, node: SchemaNode, value: TomlValue, path: Path): boolean {
  const enumSince = node['x-enum-since'];
  if (typeof value !== 'string' || !enumSince || !Object.hasOwn(enumSince, value)) return true;
  const since = enumSince[value]!;
  if (isAvailable(since, ctx.target.release)) return true;
  claim(
    ctx,
    verdict(
      'schema/not-in-release',
      'value',
      { value: showValue(value), where: toKeyPath(path), since, release: ctx.target.release },
      { path, at: 'value' },
    ),
  );
  return false;
}

function visitChildren(ctx: GateContext, table: TomlTable, schema: SchemaNode, path: Path): void {
  const node = deref(schema, ctx.root);
  const isStruct = node.properties !== undefined && (node.additionalProperties === false || node['x-ignores-unknown'] === true);
  for (const key of Object.keys(table)) {
    const childPath = [...path, key];
    const refused = keyFinding(ctx, node, key, path);
    if (refused) {
      claim(ctx, refused);
      continue;
    }
    const child = childSchema(node, key, ctx.root);
    if (child) visit(ctx, table[key]!, child, childPath, isStruct ? fieldNullFate(node, key) : NULL_FAILS);
  }
}

/** Null in a struct: a required field or one whose deserializer refuses null fails; an optional field is unset. */
function fieldNullFate(node: SchemaNode, key: string): NullFate {
  const field = node.properties && Object.hasOwn(node.properties, key) ? node.properties[key] : undefined;
  if (!field) return NULL_FAILS; // an entry of a flattened map
  if (node.required?.includes(key)) return { ignored: false, why: '; the field is required, and null is not a value of its type' };
  const rejected = field['x-null-rejected'];
  return typeof rejected === 'string' ? { ignored: false, why: `; ${rejected}` } : { ignored: true };
}

/**
 * What the key itself costs on the target: a namespace the variant lacks, a map key newer than the
 * release (`x-key-since`, or `x-enum-since` of the key type), or a key a lenient table ignores.
 */
function keyFinding(ctx: GateContext, node: SchemaNode, key: string, path: Path): Finding | undefined {
  const { root, target } = ctx;
  const childPath = [...path, key];
  const atSettings = path.length === 1 && path[0] === 'settings';
  if (
    atSettings &&
    node.properties &&
    Object.hasOwn(node.properties, key) &&
    !familyAccepts(target.family, key, target.release, target.variant)
  ) {
    return notOnVariant(key, target, childPath);
  }
  const since =
    ownString(node['x-key-since'], key) ?? ownString(node.propertyNames && deref(node.propertyNames, root)['x-enum-since'], key);
  if (since && !isAvailable(since, target.release)) {
    return verdict(
      'schema/not-in-release',
      'mapKey',
      { key, where: toKeyPath(path), since, release: target.release },
      { path: childPath, at: 'key' },
    );
  }
  const older = olderKeyRule(ctx, node, key, path);
  if (older) return older;
  if (node['x-ignores-unknown'] === true && !childSchema(node, key, root)) {
    const guess = closest(key, Object.keys(node.properties ?? {}));
    const fix = renameFix(key, guess);
    return verdict(
      'schema/ignored-key',
      'ignored',
      { key, where: toKeyPath(path), hint: hints.didYouMean(guess) },
      { path: childPath, at: 'key', fix },
    );
  }
  return undefined;
}

/** `x-before` on a map's key type: an older release checked the keys with another rule. */
function olderKeyRule(ctx: GateContext, node: SchemaNode, key: string, path: Path): Finding | undefined {
  const { root, target } = ctx;
  const before = node.propertyNames ? deref(node.propertyNames, root)['x-before'] : undefined;
  if (!before || isAvailable(before.release, target.release) || new RegExp(before.pattern, 'u').test(key)) return undefined;
  const data = { key: showValue(key), where: toKeyPath(path), release: target.release, rule: before.rule };
  return verdict('schema/invalid-value', 'olderKey', data, { path: [...path, key], at: 'key' });
}

function ownString(map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return map && Object.hasOwn(map, key) ? map[key] : undefined;
}

function notOnVariant(namespace: string, target: Target, path: Path): Finding {
  const others = familiesAccepting(namespace, target.release).map((f) => familyLabel(f, namespace, target.release));
  const elsewhere = others.length > 0 ? ` (it exists on ${others.join(', ')})` : '';
  return verdict('schema/not-on-variant', 'notOnVariant', { namespace, variant: targetName(target), elsewhere }, { path, at: 'key' });
}

/** Float, datetime and non-finite checks. Returns false when the value was reported (stop descending). */
function checkValueKind(ctx: GateContext, value: TomlValue, node: SchemaNode, path: Path, nullFate: NullFate): boolean {
  const where = toKeyPath(path);
  if (value instanceof TomlDateTime) {
    claim(
      ctx,
      verdict('schema/type', 'datetime', { where, expected: describeTypes(node, ctx.root), value: value.text }, { path, at: 'value' }),
    );
    return false;
  }
  if (!(value instanceof TomlFloat)) return true;
  if (!Number.isFinite(value.value)) {
    claim(
      ctx,
      nullFate.ignored
        ? verdict('schema/null-value', 'ignored', { value: value.text, where }, { path, at: 'value' })
        : verdict(
            'schema/type',
            'nonFinite',
            { where, expected: describeTypes(node, ctx.root), value: value.text, why: nullFate.why },
            { path, at: 'value' },
          ),
    );
    return false;
  }
  const types = admittedTypes(node, ctx.root);
  if (!types || types.has('number')) return true;
  const hint = Number.isInteger(value.value) && types.has('integer') ? `: write it as an integer, ${value.value}` : '';
  claim(
    ctx,
    verdict('schema/type', 'float', { where, expected: describeTypes(node, ctx.root), value: value.text, hint }, { path, at: 'value' }),
  );
  return false;
}
