/**
 * What each JSON Schema keyword's failure means, in words: one small function per keyword family, each
 * next to the message ids it uses (as Ajv keeps `error.message` beside its keyword). The templates
 * themselves are in the rule registry (`rules/verdicts.ts`).
 */
import type { ErrorObject } from 'ajv';
import type { Finding, FixPlan, Path } from '../model/diagnostic.js';
import { toKeyPath } from '../model/diagnostic.js';
import { getAt, isTable, showValue, tomlTypeName, type TomlTable, type TomlValue } from '../model/value.js';
import { canonicalJson } from '../util/canonical-json.js';
import { hints } from '../util/hints.js';
import { verdict } from '../rules/verdicts.js';
import { deref, firstStructuralBranch, namespacesWithKey, schemaAtPath, type SchemaNode } from '../schema/bundle.js';
import { describeTypes } from '../schema/describe.js';
import { MASK } from '../schema/secrets.js';
import { closest } from '../util/suggest.js';

export type AjvError = ErrorObject<string, Record<string, unknown>>;

/** What a keyword's message needs besides the error: where it is, the value there, the schema root. */
export interface KeywordContext {
  path: Path;
  value: TomlValue | undefined;
  doc: TomlTable;
  root: SchemaNode;
  /** The value is a secret: messages show a mask instead. */
  secret: boolean;
}

/** The value as messages show it: masked when it is a secret. */
function shown(ctx: Pick<KeywordContext, 'value' | 'secret'>): string {
  return ctx.secret ? showValue(MASK) : showValue(ctx.value);
}

type KeywordMessage = (e: AjvError, ctx: KeywordContext) => Finding;

function where(path: Path): string {
  return path.length > 0 ? toKeyPath(path) : 'the document';
}

const additionalProperties: KeywordMessage = (e, { path, root, doc }) => {
  const key = String(e.params.additionalProperty);
  const holder = e.parentSchema as SchemaNode | undefined;
  // rendered when read: a document of 50,000 unknown keys lists 1,000 of them
  let guessed: { guess: string | undefined } | undefined;
  const guess = () => (guessed ??= { guess: closest(key, holder?.properties ? Object.keys(holder.properties) : []) }).guess;
  const data = () => {
    const homes = path.length === 1 && path[0] === 'settings' ? namespacesWithKey(key, root) : [];
    return { key, where: where(path), hint: guess() ? hints.didYouMean(guess()) : hints.belongsIn(homes) };
  };
  return verdict('schema/unknown-key', 'unknownKey', data, {
    path: [...path, key],
    at: 'key',
    fix: () => renameKey(doc, path, key, guess()),
  });
};

/** The key as TOML writes it: bare when it may be, else quoted. */
function keyText(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/**
 * Renames a key to the one close name ("did you mean"), unless the table already has that key (the
 * rename would define it twice). Only where the key is written as one part (bare or quoted).
 */
export function renameKey(doc: TomlTable, tablePath: Path, key: string, guess: string | undefined): FixPlan | undefined {
  if (guess === undefined) return undefined;
  const table = tablePath.length === 0 ? doc : getAt(doc, tablePath);
  if (isTable(table) && Object.hasOwn(table, guess)) return undefined;
  return renameFix(key, guess);
}

/** Renames a key written as one part (bare or quoted) to `guess`. */
export function renameFix(key: string, guess: string | undefined): FixPlan | undefined {
  if (guess === undefined) return undefined;
  return { text: keyText(guess), expect: (w) => w === key || w === JSON.stringify(key) || w === `'${key}'` };
}

const required: KeywordMessage = (e, { path }) => {
  const missing = String(e.params.missingProperty);
  if (path.length === 0 && missing === 'settings') return verdict('document/missing-settings', 'missing', {}, { path: [], at: 'value' });
  return verdict('schema/missing-key', 'required', { where: where(path), key: missing }, { path, at: 'value' });
};

const type: KeywordMessage = (e, ctx) => {
  const { path, value, root } = ctx;
  const expectedNode = (e.params.anyOfHolder as SchemaNode | undefined) ?? e.parentSchema;
  const expected = expectedNode ? describeTypes(expectedNode, root) : String(e.params.type);
  const full = schemaAtPath(path, root);
  const stringNode = full ? firstStructuralBranch(full, 'string', root) : undefined;
  const hint = typeHint(expected, value, stringNode) || dottedKeyHint(path, value, root);
  const secret = ctx.secret;
  const fix = secret ? undefined : (typeFix(expected, value, stringNode) ?? dottedKeyFix(path, value, hint));
  // rendered when read: of 80,000 wrong values 1,000 are listed
  const data = () => ({ where: where(path), expected, found: secret ? tomlTypeName(value) : found(value), hint });
  return verdict('schema/type', 'type', data, { path, at: 'value', fix });
};

const enumKeyword: KeywordMessage = (e, ctx) => {
  const { path, value } = ctx;
  const allowedValues = e.params.allowedValues as unknown[];
  const guess = typeof value === 'string' ? closest(value, allowedValues.map(String)) : undefined;
  const data = {
    where: where(path),
    allowed: allowedValues.map((x) => JSON.stringify(x)).join(', '),
    value: shown(ctx),
    hint: hints.didYouMean(guess),
  };
  const fix = guess !== undefined && !ctx.secret ? { text: JSON.stringify(guess), expect: isQuoted } : undefined;
  return verdict('schema/invalid-value', 'enum', data, { path, at: 'value', fix });
};

const constKeyword: KeywordMessage = (e, ctx) => {
  const { path, root } = ctx;
  const data = {
    where: where(path),
    allowed: JSON.stringify(e.params.allowedValue),
    value: shown(ctx),
    rule: ruleText(ruleContext(e, path, root)),
  };
  return verdict('schema/invalid-value', 'const', data, { path, at: 'value' });
};

/** `pattern`, `format` and string lengths: the modeled type's rule says what is valid. */
const stringRule: KeywordMessage = (e, ctx) => {
  const { path, root } = ctx;
  const named = ruleText(ruleContext(e, path, root));
  const fallback =
    e.keyword === 'pattern'
      ? ` (must match ${String(e.params.pattern)})`
      : e.keyword === 'maxLength' || e.keyword === 'minLength'
        ? `, ${e.keyword === 'maxLength' ? 'at most' : 'at least'} ${String(e.params.limit)} characters`
        : '';
  return verdict(
    'schema/invalid-value',
    'invalid',
    { where: where(path), value: shown(ctx), rule: named || fallback },
    { path, at: 'value' },
  );
};

const BOUND_WORDS: Record<string, string> = {
  minimum: 'at least',
  maximum: 'at most',
  exclusiveMinimum: 'more than',
  exclusiveMaximum: 'less than',
};

const range: KeywordMessage = (e, ctx) => {
  const { path } = ctx;
  const data = {
    where: where(path),
    bound: BOUND_WORDS[e.keyword]!,
    limit: String(e.params.limit),
    range: rangeName(e.parentSchema),
    value: shown(ctx),
  };
  return verdict('schema/invalid-value', 'range', data, { path, at: 'value' });
};

const items: KeywordMessage = (e, { path, value, root }) => {
  const n = Number(e.params.limit);
  const data = {
    where: where(path),
    bound: e.keyword === 'minItems' ? 'at least' : 'at most',
    count: `${n} element${n === 1 ? '' : 's'}`,
    found: Array.isArray(value) ? value.length : 0,
    rule: ruleText(ruleContext(e, path, root)),
  };
  return verdict('schema/invalid-value', 'items', data, { path, at: 'value' });
};

const properties: KeywordMessage = (e, { path, root }) => {
  const n = Number(e.params.limit);
  const data = {
    where: where(path),
    bound: e.keyword === 'minProperties' ? 'at least' : 'at most',
    count: `${n} key${n === 1 ? '' : 's'}`,
    rule: ruleText(ruleContext(e, path, root)),
  };
  return verdict('schema/invalid-value', 'properties', data, { path, at: 'value' });
};

/** `not` in our schemas states a rule in its x-rule (e.g. an alias given beside its canonical key). */
const not: KeywordMessage = (e, { path, root, doc }) => {
  const holder = e.parentSchema as SchemaNode | undefined;
  const rule = holder?.['x-rule'] ?? ruleContext(e, path, root)?.['x-rule'] ?? 'this combination is not accepted';
  return verdict(
    'schema/invalid-value',
    'not',
    { where: where(path), rule },
    { path, at: path.length > 1 ? 'key' : 'value', fix: aliasFix(doc, path, root) },
  );
};

const uniqueItems: KeywordMessage = (e, { path }) =>
  verdict(
    'schema/invalid-value',
    'unique',
    { where: where(path), first: String(e.params.j), second: String(e.params.i) },
    { path, at: 'value' },
  );

const dependentRequired: KeywordMessage = (e, { path }) =>
  verdict(
    'schema/missing-key',
    'dependentRequired',
    { where: where(path), key: String(e.params.property), missing: String(e.params.missingProperty) },
    { path, at: 'value' },
  );

const anyKeyword: KeywordMessage = (e, { path, root }) =>
  verdict(
    'schema/invalid-value',
    'keyword',
    { where: where(path), keyword: e.keyword, rule: ruleText(ruleContext(e, path, root)) },
    { path, at: 'value' },
  );

/** A map key that breaks its `propertyNames` rule (an enum of key names, or a modeled key type). */
const propertyName: KeywordMessage = (e, { path, root, doc }) => {
  const key = e.propertyName!;
  const holder = e.parentSchema as SchemaNode | undefined;
  const allowed = (e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : holder?.enum)?.map(String);
  const guess = allowed ? closest(key, allowed) : undefined;
  return verdict(
    'schema/invalid-key',
    'invalidKey',
    { key, where: where(path), rule: ruleText(ruleContext(e, path, root)), hint: hints.didYouMean(guess) },
    { path: [...path, key], at: 'key', fix: renameKey(doc, path, key, guess) },
  );
};

export const KEYWORD_MESSAGES: Readonly<Record<string, KeywordMessage>> = {
  additionalProperties,
  required,
  type,
  enum: enumKeyword,
  const: constKeyword,
  pattern: stringRule,
  format: stringRule,
  minLength: stringRule,
  maxLength: stringRule,
  minimum: range,
  maximum: range,
  exclusiveMinimum: range,
  exclusiveMaximum: range,
  minItems: items,
  maxItems: items,
  minProperties: properties,
  maxProperties: properties,
  not,
  uniqueItems,
  dependentRequired,
};

export function keywordFinding(e: AjvError, ctx: KeywordContext): Finding {
  if (e.propertyName !== undefined) return propertyName(e, ctx);
  const f = (Object.hasOwn(KEYWORD_MESSAGES, e.keyword) ? KEYWORD_MESSAGES[e.keyword]! : anyKeyword)(e, ctx);
  return ctx.secret ? { ...f, secret: true } : f;
}

/**
 * The schema node that names the rule an error broke: the failing schema itself when it is a modeled
 * type, else the schema at the value's path (e.g. ApiclientCommand for its first element), else its parent's.
 */
function ruleContext(e: AjvError, path: Path, root: SchemaNode): SchemaNode | undefined {
  const named = (n: SchemaNode | undefined) => (n && (n['x-rule'] || n['x-modeled-type']) ? n : undefined);
  const own = e.parentSchema as SchemaNode | undefined;
  if (named(own)) return own;
  const at = schemaAtPath(path, root);
  const here = at ? named(deref(at, root)) : undefined;
  if (here) return here;
  const parent = path.length > 0 ? schemaAtPath(path.slice(0, -1), root) : undefined;
  return parent ? named(deref(parent, root)) : undefined;
}

function ruleText(ctx: SchemaNode | undefined): string {
  if (!ctx) return '';
  const name = ctx['x-modeled-type'];
  const rule = ctx['x-rule'];
  if (name && rule) return ` (${name}: ${rule})`;
  if (rule) return ` (${rule})`;
  return name ? ` (${name})` : '';
}

function found(v: TomlValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (isTable(v)) return 'a table';
  return `${tomlTypeName(v)} ${showValue(v)}`;
}

const INTEGER_RANGES: Array<[number, number, string]> = [
  [0, 255, 'u8'],
  [0, 65535, 'u16'],
  [0, 4294967295, 'u32'],
  [-2147483648, 2147483647, 'i32'],
];

/** " (u32: 0 to 4294967295)" when a range is one of Rust's integer types. */
function rangeName(node: SchemaNode | undefined): string {
  if (!node) return '';
  const hit = INTEGER_RANGES.find(([lo, hi]) => node.minimum === lo && node.maximum === hi);
  return hit ? ` (${hit[2]}: ${hit[0]} to ${hit[1]})` : '';
}

/**
 * A table where a map expects a value is usually a key with dots written bare: `vm.swappiness = "10"`
 * under [settings.kernel.sysctl] makes a table `vm`. Suggest the quoted key.
 */
function dottedKeyHint(path: Path, value: TomlValue | undefined, root: SchemaNode): string {
  if (!isTable(value) || path.length === 0) return '';
  const parent = schemaAtPath(path.slice(0, -1), root);
  const map = parent ? deref(parent, root) : undefined;
  if (!map || map.properties || typeof map.additionalProperties !== 'object') return '';
  const parts = [String(path[path.length - 1])];
  let cur: TomlValue = value;
  while (isTable(cur) && Object.keys(cur).length === 1) {
    const k: string = Object.keys(cur)[0]!;
    parts.push(k);
    cur = cur[k]!;
  }
  if (isTable(cur)) return ': a key with dots must be quoted, or TOML splits it into tables';
  return `: TOML split a key at its dots; quote it: "${parts.join('.')}" = ${showValue(cur)}`;
}

const isQuoted = (written: string): boolean => written.startsWith('"') || written.startsWith("'");
// one function for every "quote it" fix, not a closure per finding
const isUnquoted = (written: string): boolean => !isQuoted(written);

const I64 = 2n ** 63n;

/** The edit behind "write it without quotes" and "quote it". */
function typeFix(expected: string, value: TomlValue | undefined, node: SchemaNode | undefined): FixPlan | undefined {
  if (typeof value === 'string' && /^an integer/.test(expected) && /^-?(0|[1-9]\d*)$/.test(value.trim())) {
    const n = BigInt(value.trim());
    return n >= -I64 && n < I64 ? { text: n.toString(), expect: isQuoted } : undefined;
  }
  if (typeof value === 'string' && /^a boolean/.test(expected) && /^(true|false)$/.test(value)) return { text: value, expect: isQuoted };
  if ((typeof value === 'number' || typeof value === 'bigint') && expected === 'a string') {
    const text = String(value);
    if (quoteHint(text, node) === `: quote it, "${text}"`) return { text: JSON.stringify(text), expect: isUnquoted };
  }
  return undefined;
}

/** The values under a table that TOML split at dots, as the key parts that lead to each (at most `max`). */
function leavesOf(value: TomlValue | undefined, max: number): string[][] {
  const out: string[][] = [];
  const stack: Array<{ parts: string[]; value: TomlValue | undefined }> = [{ parts: [], value }];
  while (stack.length > 0 && out.length < max) {
    const { parts, value: v } = stack.pop()!;
    if (!isTable(v)) {
      out.push(parts);
      continue;
    }
    // pushed in reverse so the leaves come out in written order
    for (const k of Object.keys(v).reverse()) stack.push({ parts: [...parts, k], value: v[k] });
  }
  return out;
}

/**
 * The edit behind "TOML split a key at its dots; quote it": every dotted key under the split table (each
 * written as one bare dotted key from the start of its line) becomes one quoted key, in one fix.
 */
function dottedKeyFix(path: Path, value: TomlValue | undefined, hint: string): FixPlan | undefined {
  if (!hint.startsWith(': TOML split') && !hint.startsWith(': a key with dots')) return undefined;
  const head = String(path[path.length - 1]);
  const plans: FixPlan[] = leavesOf(value, 1000).map((rest) => {
    const bare = [head, ...rest].join('.');
    return {
      text: JSON.stringify(bare),
      path: [...path, ...rest],
      at: 'key' as const,
      fromLineStart: true as const,
      // the parts must be written as one bare dotted key on one line, from its start
      expect: (w: string) => w.replace(/[ \t]/g, '') === bare,
    };
  });
  const [first, ...also] = plans;
  return first && { ...first, ...(also.length > 0 ? { also } : {}) };
}

/**
 * An alias given beside its key (`kernel` and `kernel-parameters`) with the same value: removing the
 * alias changes nothing on the node. With different values which one was meant is not certain: no fix.
 */
function aliasFix(doc: TomlTable, path: Path, root: SchemaNode): FixPlan | undefined {
  for (const tablePath of [path, path.slice(0, -1)]) {
    const table = getAt(doc, tablePath);
    const node = schemaAtPath(tablePath, root);
    const props = node ? deref(node, root).properties : undefined;
    if (!isTable(table) || !props) continue;
    for (const [alias, prop] of Object.entries(props)) {
      const canonical = prop['x-alias-of'];
      if (typeof canonical !== 'string' || !Object.hasOwn(table, alias) || !Object.hasOwn(table, canonical)) continue;
      if (!sameJson(table[alias], table[canonical])) return undefined;
      const at = [...tablePath, alias];
      // only `alias = value` on lines of its own, never a [header]
      return { text: '', path: at, at: 'key', end: { path: at, at: 'value' }, lines: 'whole', expect: (w) => /^[^\n]*?=/.test(w) };
    }
  }
  return undefined;
}

function sameJson(a: TomlValue | undefined, b: TomlValue | undefined): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false; // a bigint: compared by no one
  }
}

function typeHint(expected: string, value: TomlValue | undefined, node: SchemaNode | undefined): string {
  if (typeof value === 'string' && /^an integer/.test(expected) && /^-?\d+$/.test(value.trim()))
    return `: write it without quotes, ${value.trim()}`;
  if (typeof value === 'string' && /^a boolean/.test(expected) && /^(true|false)$/.test(value))
    return `: write it without quotes, ${value}`;
  if ((typeof value === 'number' || typeof value === 'bigint') && expected === 'a string') return quoteHint(String(value), node);
  return '';
}

/**
 * "quote it" only when the quoted text is itself valid for the string type (a duration needs a unit:
 * `"0"` is not one); otherwise point at an example of the type.
 */
function quoteHint(text: string, node: SchemaNode | undefined): string {
  const pattern = node?.pattern;
  const fits = (t: string): boolean =>
    (pattern === undefined || new RegExp(pattern, 'u').test(t)) &&
    (node?.enum === undefined || node.enum.includes(t)) &&
    t.length >= (node?.minLength ?? 0);
  if (fits(text)) return `: quote it, "${text}"`;
  // a duration in seconds: the unit is what is missing
  if (fits(`${text}s`)) return `: quote it with a unit, e.g. "${text}s"`;
  const example = node?.examples?.find((e): e is string => typeof e === 'string');
  return example === undefined ? '' : `: write a string such as "${example}"`;
}
