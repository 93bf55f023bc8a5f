/**
 * The one diagnostic model every stage reports in. Stages know only logical key paths;
 * line and column are attached afterwards from the parse tree (see `parse/positions.ts`).
 */
import type { RuleId } from '../rules/registry.js';

export type Severity = 'error' | 'warning' | 'info';

/** A location in the source text. Lines and columns are 1-based; the end is exclusive. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a finding about the input as a whole (its encoding, the target) is reported: line 1, column 1. */
export const INPUT_START: Span = Object.freeze({ line: 1, column: 1, endLine: 1, endColumn: 1 });

/** A path into the decoded document: table keys and array indices. */
export type Path = ReadonlyArray<string | number>;

/** Values interpolated into a rule's message template (`{{name}}`). */
export type MessageData = Readonly<Record<string, string | number>>;

/**
 * An edit of the checked text, as ESLint's `fix`: replace the UTF-16 code units from `range[0]` up to
 * `range[1]` of the document's `source` with `text`. Offered only where the message proposes one
 * certain change (unquote a number, quote a key with dots, the one close key name, drop an alias that
 * repeats its key's value, remove an unused directive).
 */
export interface Fix {
  range: [number, number];
  text: string;
}

/** A fix as a stage states it, by place in the document; the last stage of a check turns it into a `Fix`. */
export interface FixPlan {
  /** The replacement text. */
  text: string;
  /** Where the edit starts: this path's key or value (default: the finding's own place). */
  path?: Path;
  at?: 'key' | 'value';
  /** A span given directly (a directive comment). */
  span?: Span;
  /** Where the edit ends, when not at the end of where it starts. */
  end?: { path: Path; at: 'key' | 'value' };
  /** The text the range must hold as written; otherwise no fix (it was written in a way the fix does not expect). */
  expect?: (written: string) => boolean;
  /** `whole`: remove the line(s) of the range (only when nothing else is on them); `trailing`: and the blanks before it. */
  lines?: 'whole' | 'trailing';
  /** The edit starts at the first non-blank character of its place's line (a dotted key written from there). */
  fromLineStart?: true;
  /** More edits made by the same fix: one replacement of the text from the first edit to the last. */
  also?: readonly FixPlan[];
}

export interface Diagnostic extends Span {
  severity: Severity;
  ruleId: RuleId;
  /** The message's id in the rule's `messages` (ESLint's messageId): stable, unlike the wording. */
  messageId: string;
  message: string;
  /** RFC 6901 JSON pointer into the decoded document. */
  pointer: string;
  /** The same path written as a TOML key path, e.g. `settings.kubernetes.node-labels."a/b"`. */
  keyPath: string;
  /** About the input as a whole, not a place in it (line and column are then 1:1). */
  wholeInput?: true;
  /** The place holds a secret: formatters print no part of it (the message already masks it). */
  secret?: true;
  /** The edit that makes the finding go away, when it is certain (`brud check --fix` applies it). */
  fix?: Fix;
}

/**
 * A finding before positions are attached. `at` says which part of the path to point at:
 * the key that names it, its value, or (for a missing key) the table that should hold it.
 */
export interface Finding {
  ruleId: RuleId;
  messageId: string;
  message: string;
  path: Path;
  at?: 'key' | 'value';
  /** Overrides the rule's default severity (e.g. a rule whose severity depends on the release). */
  severity?: Severity;
  /** An explicit place for findings that have no path: a span (syntax errors) or the whole input. */
  span?: Span | 'input';
  /** The place holds a secret (see Diagnostic.secret). */
  secret?: true;
  /** The certain edit, by place; a function when it is costly to work out (computed only for listed findings). */
  fix?: FixPlan | (() => FixPlan | undefined);
}

export function toPointer(path: Path): string {
  let out = '';
  for (const s of path) out += '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** Writes a path as TOML would: bare keys where allowed, quoted otherwise, `[n]` for indices. */
export function toKeyPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
      continue;
    }
    const key = BARE_KEY.test(seg) ? seg : JSON.stringify(seg);
    out += out === '' ? key : '.' + key;
  }
  return out;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings are sorted by line, column, rule and message so output never depends on check order. */
export function compareDiagnostics(
  a: Pick<Diagnostic, 'line' | 'column' | 'ruleId' | 'severity' | 'message'>,
  b: Pick<Diagnostic, 'line' | 'column' | 'ruleId' | 'severity' | 'message'>,
): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
