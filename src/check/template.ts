/**
 * A template checked with its placeholders as unknown values: only what holds whatever the values are
 * is reported. A finding about a key named by a placeholder, or about a value of unknown type, is
 * dropped; a string of unknown content keeps its type check and loses the checks of its content
 * (formats, patterns, allowed values); what an unknown fragment of TOML could add (a missing table) is
 * not claimed missing. One note says which checks could not be made.
 */
import { END, hasPlaceholder, MARK, placeholderIndex, type Template } from '../input/template.js';
import { toKeyPath, type Finding, type Path, type Span } from '../model/diagnostic.js';
import { isTable, type TomlTable, type TomlValue } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';
import { deref, schemaAtPath } from '../schema/bundle.js';

const STAND_IN = new RegExp(`${MARK}(\\d+)${END}`, 'g');
/** The same, as a separator whose capture is the index (split puts it at the odd places). */
const STAND_IN_ONE = new RegExp(`${MARK}(\\d+)${END}`);

/** Findings that a fragment inserted at a line could make untrue: something missing. */
const MISSING = new Set(['document/missing-settings', 'document/empty', 'schema/missing-key', 'target/no-variant']);

function valueAt(doc: TomlTable, path: Path): TomlValue | undefined {
  let v: TomlValue | undefined = doc;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (v !== undefined && isTable(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return v;
}

/**
 * Whether the literal part of a string with placeholders rules out every value its setting allows: none
 * of the allowed values (`enum`) fits around the literal text, or the literal text alone is longer than
 * the setting allows. Other content checks (formats, patterns) are not decided for partly known strings.
 */
function literalRulesOut(path: Path, v: string): boolean {
  const node = schemaAtPath(path);
  if (!node) return false;
  const n = deref(node);
  const literal = v.replace(STAND_IN, '');
  if (typeof n.maxLength === 'number' && [...literal].length > n.maxLength) return true;
  if (!Array.isArray(n.enum) || !n.enum.every((e) => typeof e === 'string')) return false;
  const shape = new RegExp(
    '^' +
      v
        .split(STAND_IN_ONE)
        .map((part, i) => (i % 2 === 1 ? '[\\s\\S]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
  );
  return !n.enum.some((e) => shape.test(e));
}

/** Whether a finding stays true whatever values the placeholders take. */
function holds(f: Finding, doc: TomlTable, tpl: Template): boolean {
  if (f.path.some((seg) => typeof seg === 'string' && hasPlaceholder(seg))) return false;
  if (tpl.placeholders.some((p) => p.kind === 'fragment') && MISSING.has(f.ruleId)) return false;
  // about the key itself (unknown, not on this variant…): true whatever its value
  if (f.at === 'key') return true;
  const v = valueAt(doc, f.path);
  if (typeof v !== 'string' || !hasPlaceholder(v)) return true;
  const index = placeholderIndex(v);
  const p = index === undefined ? undefined : tpl.placeholders[index];
  // `max-pods = ${n}` may be any scalar; `"${endpoint}"` is a string, of unknown content
  if (p?.kind === 'value') return false;
  if (f.ruleId === 'schema/type') return true;
  return f.ruleId === 'schema/invalid-value' && !(p?.whole ?? false) && literalRulesOut(f.path, v);
}

/** Where each unknown value is, as "settings.kubernetes.api-server (its content)". */
function unchecked(doc: TomlTable, tpl: Template): string[] {
  const out: string[] = [];
  const visit = (v: TomlValue, path: Array<string | number>): void => {
    if (typeof v === 'string' && hasPlaceholder(v)) {
      const p = tpl.placeholders[placeholderIndex(v) ?? -1];
      out.push(`${toKeyPath(path)} (${p?.kind === 'value' ? 'its type and value' : 'its content'})`);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (isTable(v))
      for (const k of Object.keys(v)) {
        if (hasPlaceholder(k)) out.push(`the keys under ${toKeyPath(path) || 'the document'} named by a placeholder`);
        else visit(v[k]!, [...path, k]);
      }
  };
  visit(doc, []);
  for (const p of tpl.placeholders) if (p.kind === 'fragment') out.push(`what ${p.written} inserts at line ${p.span.line}`);
  return [...new Set(out)];
}

/** The findings that hold for any values, and the note that says what could not be checked. */
export function templateFindings(
  findings: readonly Finding[],
  doc: TomlTable | undefined,
  tpl: Template,
  place: (s: Span) => Span,
): Finding[] {
  // a kept finding about a string with a placeholder names the placeholder, not its stand-in
  const named = (f: Finding): Finding =>
    f.message.includes(MARK)
      ? { ...f, message: f.message.replace(STAND_IN, (_, i: string) => tpl.placeholders[Number(i)]?.written ?? '…') }
      : f;
  const kept = (doc ? findings.filter((f) => holds(f, doc, tpl)) : [...findings]).map(named);
  if (tpl.placeholders.length === 0) return kept;
  const names = [...new Set(tpl.placeholders.map((p) => p.written))];
  const what = doc ? unchecked(doc, tpl) : [];
  const list = what.length > 6 ? [...what.slice(0, 6), `and ${what.length - 6} more`] : what;
  const data = {
    count: tpl.placeholders.length,
    names: names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : ''),
    unchecked: list.length > 0 ? `; not checked: ${list.join(', ')}` : '',
  };
  const first = tpl.placeholders[0]!;
  return [...kept, verdict('template/unchecked', 'unknown', data, { span: place(first.span) })];
}

/** The one finding for a template brud cannot evaluate. */
export function directiveFinding(directive: NonNullable<Template['directive']>, place: (s: Span) => Span): Finding {
  const how =
    directive.syntax === 'Terraform'
      ? 'render it first (terraform console, or the rendered user_data in `terraform show -json`) and check the output'
      : 'render it first (helm template … | brud check -) and check the output';
  return verdict(
    'template/directive',
    'directive',
    { syntax: directive.syntax, text: directive.text, how },
    { span: place(directive.span) },
  );
}
