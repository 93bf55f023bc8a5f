/**
 * What the playground shows, computed from the editor's text and the pickers with brud's library alone
 * (no DOM here, so test/playground-analyze.test.ts runs it in Node): findings placed at text offsets with
 * their quick fixes, the verdict line, the compiled outputs, the boot plan, the diff, and what hover and
 * completion need (the key under the cursor, the keys and values the schema allows there).
 */
import {
  check,
  compile,
  diff,
  diffText,
  encodeUserData,
  explain,
  explainText,
  launchTemplateData,
  parse,
  plan,
  schema,
  variantLabel,
  wrap,
  BudgetError,
  EC2_USER_DATA_LIMIT,
  type Compiled,
  type Diagnostic,
  type DocumentResult,
  type Plan,
  type SchemaNode,
  type Span,
} from '../src/index.js';

export interface Options {
  /** A variant or family name; '' lets brud infer it from the document. */
  variant: string;
  /** A release (X.Y.Z); '' means the newest brud knows. */
  release: string;
  /** A wrapping tool (karpenter, eksctl, …); '' for none. */
  wrapper: string;
  gzip: boolean;
}

/** A text edit that resolves a finding. */
export interface Fix {
  label: string;
  from: number;
  to: number;
  insert: string;
}

/** A finding placed in the editor's text (offsets), with its quick fixes. */
export interface Placed {
  diagnostic: Diagnostic;
  from: number;
  to: number;
  fixes: Fix[];
  /** Reported by the wrapping tool rather than by Bottlerocket. */
  fromWrapper: boolean;
}

export interface Ec2Output {
  base64?: string;
  launchTemplate?: string;
  /** Bytes EC2 stores (before base64): the TOML, or its gzip. */
  bytes: number;
  limit: number;
  /** Why the document cannot be sent (over the budget). */
  error?: string;
}

export interface Analysis {
  placed: Placed[];
  errorCount: number;
  warningCount: number;
  /** The summary line, as the CLI prints it after the findings. */
  verdict: string;
  /** Other remarks: a launch template with several documents, positions in decoded text. */
  notes: string[];
  compiled?: Compiled;
  plan?: Plan;
  ec2?: Ec2Output;
  /** Why there is no compiled output or plan (errors, or no readable document). */
  blocked?: string;
}

/** Offsets of the first character of every line. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** The text offset of a 1-based line and column, clamped to the text. */
function offsetOf(starts: readonly number[], text: string, line: number, column: number): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0;
  const lineEnd = line < starts.length ? starts[line]! - 1 : text.length;
  return Math.min(start + Math.max(column - 1, 0), lineEnd);
}

const BARE = /^[A-Za-z0-9_-]+$/;

/** Quick fixes read from the message: did-you-mean, unquoting a number, quoting for a wrapper, enum values. */
export function fixesFor(d: Diagnostic, written: string, from: number, to: number): Fix[] {
  const quoted = /^["']/.test(written);
  const fix = (label: string, insert: string): Fix => ({ label, from, to, insert });
  const guess = /did you mean "([^"]+)"\?/.exec(d.message)?.[1];
  if (guess !== undefined) return [fix(`Change to ${guess}`, quoted || !BARE.test(guess) ? JSON.stringify(guess) : guess)];
  const unquoted = /write it without quotes, (.+?)\.(?: |$)/.exec(d.message)?.[1];
  if (unquoted !== undefined && quoted) return [fix(`Write ${unquoted}`, unquoted)];
  const asInteger = /write it as an integer, (-?\d+)/.exec(d.message)?.[1];
  if (asInteger !== undefined) return [fix(`Write ${asInteger}`, asInteger)];
  const asString = /write it as "([^"]*)"/.exec(d.message)?.[1];
  if (asString !== undefined && !quoted) return [fix(`Write "${asString}"`, JSON.stringify(asString))];
  const oneOf = /expected one of ((?:"[^"]*"(?:, )?)+)/.exec(d.message)?.[1];
  if (oneOf !== undefined && quoted) {
    return [...oneOf.matchAll(/"([^"]*)"/g)].slice(0, 8).map((m) => fix(`Change to "${m[1]}"`, JSON.stringify(m[1])));
  }
  return [];
}

function place(result: DocumentResult, text: string, fromWrapper: boolean): Placed[] {
  const starts = lineStarts(text);
  return result.diagnostics.map((d) => {
    if (d.wholeInput || result.decoded) return { diagnostic: d, from: 0, to: 0, fixes: [], fromWrapper };
    const from = offsetOf(starts, text, d.line, d.column);
    const to = Math.max(from, offsetOf(starts, text, d.endLine, d.endColumn));
    return { diagnostic: d, from, to, fixes: fixesFor(d, text.slice(from, to), from, to), fromWrapper };
  });
}

function targetLabel(result: DocumentResult): string {
  const t = result.target;
  if (!t) return 'no variant accepts these namespaces';
  return `${variantLabel(t.variant?.name ?? t.family.id, t.variantSource)}, Bottlerocket ${t.release}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ec2Output(toml: string, gzip: boolean): Ec2Output {
  try {
    const encoded = encodeUserData(toml, { gzip });
    return { base64: encoded.base64, launchTemplate: launchTemplateData(encoded), bytes: encoded.bytes.length, limit: EC2_USER_DATA_LIMIT };
  } catch (e) {
    if (!(e instanceof BudgetError)) throw e;
    const bytes = gzip ? encodeUserData(toml, { gzip: true }).bytes.length : new TextEncoder().encode(toml).length;
    return { bytes, limit: EC2_USER_DATA_LIMIT, error: e.message };
  }
}

function checkOptions(o: Options): { variant?: string; osVersion?: string } {
  return { ...(o.variant ? { variant: o.variant } : {}), ...(o.release ? { osVersion: o.release } : {}) };
}

/** Checks the text as `brud check` would, then compiles, plans and encodes it when it has no errors. */
export function analyze(text: string, o: Options): Analysis {
  const results = check(text, { name: 'user-data.toml', ...checkOptions(o) });
  const result = results[0]!;
  const notes: string[] = [];
  if (results.length > 1)
    notes.push(`The input holds ${results.length} user-data documents; the playground shows the first (${result.file}).`);
  if (result.decoded)
    notes.push('The input is encoded (base64, gzip or launch-template JSON): lines and columns refer to the decoded TOML.');
  const placed = place(result, text, false);
  let errorCount = result.errorCount;
  let warningCount = result.warningCount;
  let target = result;
  let wrapperNotes: string[] = [];
  if (o.wrapper && result.document && result.errorCount === 0) {
    const wrapped = wrap(result, o.wrapper);
    placed.push(...place(wrapped.findings, text, true));
    errorCount += wrapped.findings.errorCount;
    warningCount += wrapped.findings.warningCount;
    target = wrapped.result;
    wrapperNotes = wrapped.notes;
  }
  placed.sort((a, b) => a.from - b.from || a.to - b.to);
  const mark = errorCount > 0 ? '✖' : warningCount > 0 ? '⚠' : '✔';
  const counted =
    errorCount + warningCount === 0 ? 'no errors or warnings' : `${plural(errorCount, 'error')} and ${plural(warningCount, 'warning')}`;
  const verdict = result.fatal
    ? `✖ no verdict: ${result.diagnostics[0]?.message ?? 'the input could not be read'}`
    : `${mark} ${counted} (checked against ${targetLabel(result)})`;
  const analysis: Analysis = { placed, errorCount, warningCount, verdict, notes };
  if (errorCount > 0 || !result.document) {
    analysis.blocked =
      errorCount > 0
        ? `Bottlerocket would reject this user-data (${plural(errorCount, 'error')}): fix the errors to see it compiled.`
        : 'No document to compile.';
    return analysis;
  }
  analysis.compiled = compile(target, { notes: wrapperNotes });
  analysis.plan = plan(target);
  analysis.ec2 = ec2Output(analysis.compiled.toml, o.gzip);
  return analysis;
}

/** `brud diff` between another document (old) and the editor's (new), as text; or why it cannot be made. */
export function diffWith(oldText: string, newText: string, o: Options): string {
  try {
    return diffText(diff(oldText, newText, { ...checkOptions(o), oldName: 'compared', newName: 'editor' }), false);
  } catch (e) {
    return `Cannot diff: ${(e as Error).message}`;
  }
}

/** A key written in the text: its span (offsets) and its path without array indices. */
export interface KeyAt {
  from: number;
  to: number;
  keyPath: string;
}

function keyPathOf(path: ReadonlyArray<string | number>): string {
  return path
    .filter((s): s is string => typeof s === 'string')
    .map((s) => (BARE.test(s) ? s : JSON.stringify(s)))
    .join('.');
}

/** The key written at `pos`, when the text parses. Linear in the number of keys. */
export function keyAt(text: string, pos: number): KeyAt | undefined {
  const parsed = parse(text);
  if (!parsed.ok) return undefined;
  const starts = lineStarts(text);
  let found: KeyAt | undefined;
  const visit = (value: unknown, path: Array<string | number>): void => {
    if (found || value === null || typeof value !== 'object') return;
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) {
      const next = [...path, key];
      if (typeof key === 'string') {
        const pointer = next.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
        const span: Span = parsed.locate(pointer, 'key');
        const from = offsetOf(starts, text, span.line, span.column);
        const to = offsetOf(starts, text, span.endLine, span.endColumn);
        if (pos >= from && pos <= to && to > from) {
          found = { from, to, keyPath: keyPathOf(next) };
          return;
        }
      }
      visit(child, next);
    }
  };
  visit(parsed.value, []);
  return found;
}

/**
 * `brud explain` for a key path; undefined for a key the schema does not have (its finding, with the
 * did-you-mean, is already shown at the same place).
 */
export function explainAt(keyPath: string): string | undefined {
  try {
    return explainText(explain(keyPath));
  } catch {
    return undefined;
  }
}

// ---- completion from the schema of the chosen variant and release ----

type Node = SchemaNode & Record<string, unknown>;

function resolve(root: Node, node: unknown): Node | undefined {
  let n = node as Node | undefined;
  for (let i = 0; i < 20 && n && typeof n.$ref === 'string'; i++) {
    const name = n.$ref.replace(/^#\/\$defs\//, '');
    n = (root.$defs as Record<string, Node> | undefined)?.[name];
  }
  return n && typeof n === 'object' ? n : undefined;
}

/** The node and the branches (allOf, anyOf, oneOf, then/else) that may say what it holds. */
function branches(root: Node, node: Node | undefined): Node[] {
  const out: Node[] = [];
  const walk = (n: Node | undefined, depth: number): void => {
    if (!n || depth > 6) return;
    out.push(n);
    for (const k of ['allOf', 'anyOf', 'oneOf']) for (const b of (n[k] as unknown[] | undefined) ?? []) walk(resolve(root, b), depth + 1);
    for (const k of ['then', 'else']) walk(resolve(root, n[k]), depth + 1);
  };
  walk(node, 0);
  return out;
}

function child(root: Node, node: Node | undefined, key: string): Node | undefined {
  for (const b of branches(root, node)) {
    const props = b.properties as Record<string, unknown> | undefined;
    if (props && Object.hasOwn(props, key)) return resolve(root, props[key]);
    if (b.type === 'array' && b.items) return child(root, resolve(root, b.items), key);
  }
  for (const b of branches(root, node)) {
    for (const [pattern, sub] of Object.entries((b.patternProperties as Record<string, unknown> | undefined) ?? {})) {
      if (new RegExp(pattern, 'u').test(key)) return resolve(root, sub);
    }
    if (b.additionalProperties && typeof b.additionalProperties === 'object') return resolve(root, b.additionalProperties);
  }
  return undefined;
}

/** The schema node at a key path, or undefined when the schema has nothing there. */
export function nodeAt(root: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let node: Node | undefined = root;
  for (const key of path) {
    node = child(root, node, key);
    if (!node) return undefined;
  }
  return node;
}

export interface Suggestion {
  label: string;
  detail?: string;
  info?: string;
}

/** The keys a table may hold, with a short description each. */
export function keysOf(root: SchemaNode, node: SchemaNode | undefined): Suggestion[] {
  const seen = new Map<string, Suggestion>();
  for (const b of branches(root, node)) {
    for (const [key, sub] of Object.entries((b.properties as Record<string, unknown> | undefined) ?? {})) {
      if (seen.has(key)) continue;
      const r = resolve(root, sub);
      const description = typeof r?.description === 'string' ? r.description : undefined;
      const deprecated = r?.['x-deprecated'] !== undefined;
      seen.set(key, {
        label: BARE.test(key) ? key : JSON.stringify(key),
        ...(deprecated ? { detail: 'deprecated' } : typeof r?.type === 'string' ? { detail: r.type } : {}),
        ...(description ? { info: description } : {}),
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The values the schema names for a key: its enum or const, or true and false. */
export function valuesOf(root: SchemaNode, node: SchemaNode | undefined): Suggestion[] {
  const out: Suggestion[] = [];
  for (const b of branches(root, node)) {
    for (const v of b.enum ?? []) out.push({ label: JSON.stringify(v) });
    if (b.const !== undefined) out.push({ label: JSON.stringify(b.const) });
    if (b.type === 'boolean') out.push({ label: 'true' }, { label: 'false' });
  }
  const unique = new Map(out.map((s) => [s.label, s]));
  return [...unique.values()];
}

/** Splits a dotted TOML key (`a."b.c".d`) into keys; quotes removed. */
export function splitKey(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '"' || c === "'") {
      const end = input.indexOf(c, i + 1);
      cur += input.slice(i + 1, end < 0 ? input.length : end);
      i = end < 0 ? input.length : end;
    } else if (c === '.') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** The table a line belongs to: the path of the nearest `[table]` or `[[array]]` header above it. */
function tableAt(text: string, pos: number): string[] {
  const before = text.slice(0, pos).split('\n');
  before.pop(); // the line being typed
  for (let i = before.length - 1; i >= 0; i--) {
    const m = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(before[i]!);
    if (m) return splitKey(m[1]!);
  }
  return [];
}

export interface CompletionAt {
  /** Where the replaced word starts. */
  from: number;
  options: Suggestion[];
}

/** Keys (in a header or at the start of a line) or values (after `=`) the schema allows at `pos`. */
export function completeAt(text: string, pos: number, root: SchemaNode): CompletionAt | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const line = text.slice(lineStart, pos);
  const header = /^\s*\[\[?\s*((?:[^\]]*\.)?)([^.\]]*)$/.exec(line);
  if (header) {
    const parent = header[1] ? splitKey(header[1].replace(/\.\s*$/, '')) : [];
    return { from: pos - header[2]!.length, options: keysOf(root, nodeAt(root, parent)) };
  }
  const key = /^\s*((?:[A-Za-z0-9_-]+\s*\.\s*|"[^"]*"\s*\.\s*)*)([A-Za-z0-9_-]*)$/.exec(line);
  if (key) {
    const parent = [...tableAt(text, pos), ...(key[1] ? splitKey(key[1].replace(/\.\s*$/, '')) : [])];
    return { from: pos - key[2]!.length, options: keysOf(root, nodeAt(root, parent)) };
  }
  const value = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*")(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"))*)\s*=\s*("?[A-Za-z0-9_.-]*)$/.exec(line);
  if (value) {
    const path = [...tableAt(text, pos), ...splitKey(value[1]!)];
    return { from: pos - value[2]!.length, options: valuesOf(root, nodeAt(root, path)) };
  }
  return undefined;
}

/** The schema completion works from: the chosen variant (or any) and release. */
export function schemaFor(o: Options): SchemaNode {
  return schema(checkOptions(o));
}
