/**
 * Templates of user-data: Terraform `templatefile()` (`${var}`, `%{ if }`), CloudFormation `Fn::Sub`
 * (`${Param}`), shell heredocs (`${VAR}`), and the angle-bracket placeholders of documentation
 * (`[settings.x.<name>]`). Each placeholder becomes a stand-in the TOML parser accepts: inside a string,
 * a marker of unknown content; as a value, a value of unknown type and content; as a key, a key of
 * unknown name; alone on a line, an unknown fragment of TOML. The check then reports only what holds
 * whatever the values are. Directives (`%{ for }`, Helm's `{{ }}`) cannot be evaluated: one finding says
 * how to render the file first. `vars` fill placeholders by name.
 */
import type { Span } from '../model/diagnostic.js';

export type PlaceholderKind = 'value' | 'string' | 'key' | 'fragment';

export interface Placeholder {
  /** The name inside `${…}` (Terraform's `~` strip markers removed), or inside `<…>`. */
  name: string;
  /** As written: `${name}` or `<name>`. */
  written: string;
  kind: PlaceholderKind;
  /** A string placeholder that is the whole string (`"${endpoint}"`). */
  whole?: true;
  /** Where it is written (in the original text). */
  span: Span;
}

export interface Template {
  /** The text with every placeholder replaced by its stand-in (or its value from `vars`). */
  text: string;
  /** Placeholders left unknown (not filled by `vars`), in order; `MARK` + index + `END` marks each. */
  placeholders: Placeholder[];
  /** From a place in `text` to the original. */
  map: (span: Span) => Span;
  /** The first directive, which brud cannot evaluate. */
  directive?: { syntax: 'Terraform' | 'Go template (Helm)'; span: Span; text: string };
  /** Placeholders filled from `vars`. */
  filled: number;
}

/** Private-use characters around a placeholder's index: no rendered value contains them. */
export const MARK = '\uE000';
export const END = '\uE001';
const KEY_MARK = 'brud-placeholder-';

/** The index of the placeholder a string or key stands for, if it holds one. */
export function placeholderIndex(s: string): number | undefined {
  const m = new RegExp(`${MARK}(\\d+)${END}|^${KEY_MARK}(\\d+)$`).exec(s);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** Whether a string or key holds a placeholder's stand-in. */
export function hasPlaceholder(s: string): boolean {
  return s.includes(MARK) || s.startsWith(KEY_MARK);
}

/** Anything a template could be made of: `${`, `%{`, `{{`, `<name>`. */
const MAYBE = /\$\{|%\{|\{\{|<[A-Za-z][\w-]*>/;

const TEMPLATE_NAME = /\.(tpl|tftpl|tmpl|template)(\.|$)/i;

interface Edit {
  line: number;
  /** Column in the new text where the edit starts, and how many columns it has there and had before. */
  at: number;
  newLength: number;
  oldLength: number;
}

type State = 'normal' | 'comment' | 'basic' | 'literal' | 'ml-basic' | 'ml-literal';

/**
 * The template this text is, or undefined when it is plain user-data: a `${…}` only inside a longer
 * string (`echo ${HOME}` in a bootstrap command) is shell text for the node, not a placeholder, unless
 * the file is named as a template or something else in it is one.
 */
export function readTemplate(text: string, vars: Readonly<Record<string, string>> = {}, name = '', force = false): Template | undefined {
  if (!MAYBE.test(text)) return undefined;
  const scan = new Scanner(text, vars);
  scan.run();
  const strong = force || scan.placeholders.some((p) => p.kind !== 'string' || p.whole) || TEMPLATE_NAME.test(name);
  if (!scan.directive && !strong && scan.filled === 0) return undefined;
  const edits = scan.edits;
  const map = (span: Span): Span => {
    const a = back(edits, span.line, span.column);
    const b = back(edits, span.endLine, span.endColumn);
    return { line: span.line, column: a, endLine: span.endLine, endColumn: b };
  };
  const changed = strong || scan.filled > 0;
  return {
    text: changed ? scan.out : text,
    placeholders: strong ? scan.placeholders : [],
    map: changed ? map : (s) => s,
    filled: scan.filled,
    ...(scan.directive ? { directive: scan.directive } : {}),
  };
}

/** A column of the new text on a line, in the original. */
function back(edits: readonly Edit[], line: number, column: number): number {
  let shift = 0;
  for (const e of edits) {
    if (e.line !== line || e.at >= column) continue;
    if (column < e.at + e.newLength) return e.at - shift; // inside a stand-in: its start
    shift += e.newLength - e.oldLength;
  }
  return column - shift;
}

class Scanner {
  out = '';
  edits: Edit[] = [];
  placeholders: Placeholder[] = [];
  directive: Template['directive'];
  filled = 0;
  private i = 0;
  private line = 1;
  /** Column in the new text. */
  private col = 1;
  /** Column in the original text. */
  private origCol = 1;
  private state: State = 'normal';
  /** After `=` on this line (or inside a value's brackets). */
  private inValue = false;
  private depth = 0;
  private lineHasContent = false;

  constructor(
    private readonly text: string,
    private readonly vars: Readonly<Record<string, string>>,
  ) {}

  run(): void {
    const t = this.text;
    while (this.i < t.length && !this.directive) {
      const c = t[this.i]!;
      if (c === '\n') {
        this.newline();
        continue;
      }
      if (this.state === 'comment') {
        this.copy(1);
        continue;
      }
      if (this.escapes()) continue;
      if (t.startsWith('${', this.i)) {
        this.placeholder();
        continue;
      }
      if (this.state === 'normal' && this.directiveAt()) return;
      if (this.state === 'normal' && !this.inValue && this.angle()) continue;
      this.step(c);
    }
  }

  private newline(): void {
    this.out += '\n';
    this.i++;
    this.line++;
    this.col = 1;
    this.origCol = 1;
    if (this.state === 'comment') this.state = 'normal';
    if (this.state === 'basic' || this.state === 'literal') this.state = 'normal'; // an unterminated string: the parser says so
    if (this.depth === 0) this.inValue = false;
    this.lineHasContent = false;
  }

  private copy(n: number): void {
    this.out += this.text.slice(this.i, this.i + n);
    this.i += n;
    this.col += n;
    this.origCol += n;
  }

  /** Writes `replacement` for `n` characters of the original. */
  private replace(n: number, replacement: string): void {
    this.edits.push({ line: this.line, at: this.col, newLength: replacement.length, oldLength: n });
    this.out += replacement;
    this.i += n;
    this.col += replacement.length;
    this.origCol += n;
  }

  /** `$${` (Terraform) and `${!` (Fn::Sub) are a literal `${`; `%%{` a literal `%{`. */
  private escapes(): boolean {
    const t = this.text;
    if (t.startsWith('$${', this.i) || t.startsWith('%%{', this.i)) {
      this.replace(3, t[this.i + 1]! + '{');
      return true;
    }
    if (t.startsWith('${!', this.i)) {
      this.replace(3, '${');
      return true;
    }
    return false;
  }

  private directiveAt(): boolean {
    const t = this.text;
    const terraform = t.startsWith('%{', this.i);
    const go = !terraform && /^\{\{-?\s*[.$A-Za-z(/"-]/.test(t.slice(this.i, this.i + 6));
    if (!terraform && !go) return false;
    const close = t.indexOf(terraform ? '}' : '}}', this.i);
    const end = close < 0 ? t.indexOf('\n', this.i) : close + (terraform ? 1 : 2);
    const source = t.slice(this.i, end < 0 ? undefined : end);
    const span = { line: this.line, column: this.origCol, endLine: this.line, endColumn: this.origCol + source.split('\n')[0]!.length };
    this.directive = { syntax: terraform ? 'Terraform' : 'Go template (Helm)', span, text: source.split('\n')[0]! };
    return true;
  }

  private placeholder(): void {
    const t = this.text;
    const close = t.indexOf('}', this.i);
    const nl = t.indexOf('\n', this.i);
    if (close < 0 || (nl >= 0 && nl < close)) {
      this.copy(2);
      return;
    }
    const raw = t.slice(this.i, close + 1);
    const name = raw
      .slice(2, -1)
      .replace(/^~\s*|\s*~$/g, '')
      .trim();
    const span = { line: this.line, column: this.origCol, endLine: this.line, endColumn: this.origCol + raw.length };
    if (Object.hasOwn(this.vars, name)) {
      this.filled++;
      this.replace(raw.length, this.vars[name]!);
      this.lineHasContent = true;
      return;
    }
    const index = this.placeholders.length;
    const kind = this.kindHere(close);
    const p: Placeholder = { name, written: `\${${name}}`, kind, span };
    if (kind === 'string' && this.isWholeString(close)) p.whole = true;
    this.placeholders.push(p);
    const mark = `${MARK}${index}${END}`;
    if (kind === 'value' && this.joinsValue()) return this.replace(raw.length, `${mark}"`);
    const stand = kind === 'string' ? mark : kind === 'value' ? `"${mark}"` : kind === 'key' ? `${KEY_MARK}${index}` : '';
    this.replace(raw.length, stand);
    if (kind !== 'fragment') this.lineHasContent = true;
  }

  /**
   * Whether a bare placeholder comes right after another one (`${X}${Y}`): the two are one value of
   * unknown type and content, so the stand-in of the first is reopened (its closing quote taken back)
   * and this one's mark and the quote are written after it.
   */
  private joinsValue(): boolean {
    const prev = this.placeholders.at(-2);
    const last = this.edits.at(-1);
    if (prev?.kind !== 'value' || prev.span.line !== this.line || prev.span.endColumn !== this.origCol) return false;
    if (!last || last.line !== this.line || last.at + last.newLength !== this.col || !this.out.endsWith(`${END}"`)) return false;
    this.out = this.out.slice(0, -1);
    last.newLength--;
    this.col--;
    return true;
  }

  private kindHere(close: number): PlaceholderKind {
    if (this.state !== 'normal') return 'string';
    if (this.inValue) return 'value';
    const rest = this.text.slice(close + 1, this.text.indexOf('\n', close) < 0 ? undefined : this.text.indexOf('\n', close));
    if (!this.lineHasContent && /^\s*(#.*)?$/.test(rest)) return 'fragment';
    return 'key';
  }

  private isWholeString(close: number): boolean {
    const q = this.state === 'basic' ? '"' : this.state === 'literal' ? "'" : undefined;
    return q !== undefined && this.text[this.i - 1] === q && this.text[close + 1] === q;
  }

  /** `<name>` (documentation's placeholder) in a key or table header. */
  private angle(): boolean {
    const m = /^<[A-Za-z][\w-]*>+/.exec(this.text.slice(this.i, this.i + 80));
    if (!m) return false;
    const index = this.placeholders.length;
    const span = { line: this.line, column: this.origCol, endLine: this.line, endColumn: this.origCol + m[0].length };
    const name = m[0].replace(/>+$/, '').slice(1);
    this.placeholders.push({ name, written: `<${name}>`, kind: 'key', span });
    this.replace(m[0].length, `${KEY_MARK}${index}`);
    this.lineHasContent = true;
    return true;
  }

  private step(c: string): void {
    if (this.state === 'normal') return this.stepNormal(c);
    const t = this.text;
    const basic = this.state === 'basic' || this.state === 'ml-basic';
    if (basic && c === '\\') return this.copy(2);
    if (this.state === 'ml-basic' && t.startsWith('"""', this.i)) return this.leave(3);
    if (this.state === 'ml-literal' && t.startsWith("'''", this.i)) return this.leave(3);
    if ((this.state === 'basic' && c === '"') || (this.state === 'literal' && c === "'")) this.state = 'normal';
    return this.copy(1);
  }

  private stepNormal(c: string): void {
    const t = this.text;
    if (t.startsWith('"""', this.i)) return this.enter('ml-basic', 3);
    if (t.startsWith("'''", this.i)) return this.enter('ml-literal', 3);
    if (c === '#') this.state = 'comment';
    else if (c === '"') this.state = 'basic';
    else if (c === "'") this.state = 'literal';
    else if (c === '=') this.inValue = true;
    else if (this.inValue) this.bracket(c);
    if (!/\s/.test(c)) this.lineHasContent = true;
    return this.copy(1);
  }

  /** Brackets of a value: a newline inside an array or inline table does not end the value. */
  private bracket(c: string): void {
    if (c === '[' || c === '{') this.depth++;
    else if (c === ']' || c === '}') this.depth = Math.max(0, this.depth - 1);
  }

  private enter(state: State, n: number): void {
    this.state = state;
    this.lineHasContent = true;
    this.copy(n);
  }

  private leave(n: number): void {
    this.state = 'normal';
    this.copy(n);
  }
}
