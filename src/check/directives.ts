/**
 * Directives in comments, as ESLint and taplo users write them:
 *
 *   #:brud variant=aws-k8s-1.31 os-version=1.40.0       the file's target (as Butane's variant and version)
 *   # brud-disable-next-line bootstrap/mode-missing -- why   suppress findings starting on the next line
 *   mode = "off" # brud-disable-line bootstrap/reboot-loop   suppress findings starting on this line
 *
 * A suppression names rule ids (comma- or space-separated; none means every rule), then optionally
 * `--` and the reason. Only configurable rules can be suppressed, as only they can be re-graded in
 * brud.toml: Bottlerocket's own verdicts stay, since the node would refuse the user-data anyway. A
 * suppression that suppresses nothing is reported (`directive/unused`), as ESLint's
 * reportUnusedDisableDirectives does.
 */
import type { Finding, Span } from '../model/diagnostic.js';
import { scanComments, type Comment } from '../parse/comments.js';
import { RULES, ruleMeta } from '../rules/registry.js';
import { verdict } from '../rules/verdicts.js';
import { normalizeRelease } from '../targets/releases.js';
import { exampleVariantNames, parseVariant } from '../targets/variant-name.js';
import { hints } from '../util/hints.js';
import { closest } from '../util/suggest.js';

export interface Suppression {
  directive: 'brud-disable-next-line' | 'brud-disable-line';
  /** The line whose findings it suppresses. */
  line: number;
  /** The rule ids, or every rule. */
  rules: readonly string[] | 'all';
  comment: Comment;
  span: Span;
  /** Rule ids (or 'all') that suppressed something. */
  used: Set<string>;
}

export interface FileTarget {
  variant?: string;
  osVersion?: string;
}

export interface Directives {
  suppressions: Suppression[];
  target: FileTarget;
  findings: Finding[];
}

const NONE: Directives = { suppressions: [], target: {}, findings: [] };

const SUPPRESS = /^\s*(brud-disable-next-line|brud-disable-line)(?=\s|$)(.*)$/;

function commentSpan(text: string, c: Comment): Span {
  const column = c.start - (text.lastIndexOf('\n', c.start - 1) + 1) + 1;
  return { line: c.line, column, endLine: c.line, endColumn: column + (c.end - c.start) };
}

/** The directives of a text. Most files have none: the scan runs only when "brud" is in the text. */
export function readDirectives(text: string): Directives {
  if (!text.includes('brud')) return NONE;
  const out: Directives = { suppressions: [], target: {}, findings: [] };
  let targetLine: number | undefined;
  for (const c of scanComments(text)) {
    const span = commentSpan(text, c);
    if (c.text.startsWith(':brud') && /^:brud(\s|$)/.test(c.text)) {
      if (targetLine !== undefined) out.findings.push(verdict('directive/invalid', 'twice', { line: targetLine }, { span }));
      else {
        targetLine = c.line;
        readTarget(c.text.slice(5), span, out);
      }
      continue;
    }
    const m = SUPPRESS.exec(c.text);
    if (!m) continue;
    const directive = m[1] as Suppression['directive'];
    const ids = m[2]!
      .split(/\s--\s|\s--$/)[0]!
      .split(/[\s,]+/)
      .filter((s) => s !== '');
    const rules = ids.filter((id) => validRule(id, directive, span, out.findings));
    if (ids.length > 0 && rules.length === 0) continue;
    out.suppressions.push({
      directive,
      line: directive === 'brud-disable-next-line' ? c.line + 1 : c.line,
      rules: ids.length === 0 ? 'all' : rules,
      comment: c,
      span,
      used: new Set(),
    });
  }
  return out;
}

function validRule(id: string, directive: string, span: Span, findings: Finding[]): boolean {
  const meta = ruleMeta(id);
  if (!meta) {
    const hint = hints.didYouMean(
      closest(
        id,
        RULES.map((r) => r.id),
      ),
    );
    findings.push(verdict('directive/invalid', 'unknownRule', { directive, rule: id, hint }, { span }));
    return false;
  }
  if (!meta.configurable) {
    findings.push(verdict('directive/invalid', 'notSuppressible', { directive, rule: id }, { span }));
    return false;
  }
  return true;
}

function readTarget(body: string, span: Span, out: Directives): void {
  const fields = body.split(/\s+/).filter((s) => s !== '');
  if (fields.length === 0) out.findings.push(verdict('directive/invalid', 'empty', {}, { span }));
  for (const field of fields) {
    const eq = field.indexOf('=');
    const name = eq === -1 ? field : field.slice(0, eq);
    const value = eq === -1 ? '' : field.slice(eq + 1);
    if (name === 'variant') {
      if (parseVariant(value)) out.target.variant = value;
      else {
        const hint = hints.didYouMean(closest(value, exampleVariantNames()));
        out.findings.push(verdict('directive/invalid', 'badVariant', { value, hint }, { span }));
      }
    } else if (name === 'os-version') {
      const release = normalizeRelease(value);
      if (release) out.target.osVersion = release;
      else out.findings.push(verdict('directive/invalid', 'badRelease', { value }, { span }));
    } else {
      const hint = hints.didYouMean(closest(name, ['variant', 'os-version']));
      out.findings.push(verdict('directive/invalid', 'unknownField', { field: name, hint }, { span }));
    }
  }
}

/** Whether a suppression covers a finding of `ruleId` that starts on `line` (only configurable rules can be suppressed). */
export function suppressedBy(suppressions: readonly Suppression[], ruleId: string, line: number): Suppression | undefined {
  if (suppressions.length === 0 || ruleMeta(ruleId)?.configurable !== true) return undefined;
  for (const s of suppressions) {
    if (s.line !== line) continue;
    if (s.rules === 'all') {
      s.used.add('all');
      return s;
    }
    if (s.rules.includes(ruleId)) {
      s.used.add(ruleId);
      return s;
    }
  }
  return undefined;
}

/** The directive's comment without the rule ids it did not use; its spacing and reason kept. */
function withoutUnused(s: Suppression): string {
  const m = SUPPRESS.exec(s.comment.text)!;
  const rest = m[2]!;
  const reasonAt = rest.search(/\s--(\s|$)/);
  const ids = (reasonAt === -1 ? rest : rest.slice(0, reasonAt)).split(/[\s,]+/).filter((id) => id !== '');
  const unused = new Set(s.rules === 'all' ? [] : s.rules.filter((r) => !s.used.has(r)));
  const lead = /^\s*/.exec(s.comment.text)![0];
  const kept = ids.filter((id) => !unused.has(id));
  return `#${lead}${s.directive} ${kept.join(', ')}${reasonAt === -1 ? '' : rest.slice(reasonAt)}`;
}

/** The unused suppressions, as findings. Reported only when the lint rules ran: otherwise they had no chance to be used. */
export function unusedSuppressions(suppressions: readonly Suppression[]): Finding[] {
  const out: Finding[] = [];
  for (const s of suppressions) {
    const base = { directive: s.directive, line: s.line };
    // a directive that suppresses nothing at all is removed (its line, or the comment at the end of a
    // line); one that suppresses something loses only the rule ids it does not use
    const fix =
      s.used.size === 0
        ? { text: '', span: s.span, lines: s.comment.ownLine ? ('whole' as const) : ('trailing' as const) }
        : { text: withoutUnused(s), span: s.span };
    if (s.rules === 'all') {
      if (s.used.size === 0) out.push(verdict('directive/unused', 'unusedAll', base, { span: s.span, fix }));
      continue;
    }
    for (const rule of s.rules)
      if (!s.used.has(rule)) out.push(verdict('directive/unused', 'unused', { ...base, rule }, { span: s.span, fix }));
  }
  return out;
}
