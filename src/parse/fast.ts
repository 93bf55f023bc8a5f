/**
 * A TOML 1.0 parser that decides brud's parse verdict the way Bottlerocket's does. Bottlerocket reads
 * user-data with `toml::from_str` (bottlerocket-core-kit sources/early-boot-config/
 * early-boot-config-provider/src/settings.rs), from toml 0.8.19, which parses with toml_edit 0.22.22
 * (bottlerocket-core-kit sources/Cargo.lock). This file follows that parser's grammar and table rules
 * (toml-rs/toml at tag v0.22.22, crates/toml_edit/src/parser/: document.rs, key.rs, value.rs,
 * numbers.rs, strings.rs, datetime.rs, array.rs, inline_table.rs, state.rs, trivia.rs, mod.rs):
 *
 * - a float literal that overflows to +infinity (`1e400`) is an error (numbers.rs `float`:
 *   `.verify(|f| *f != f64::INFINITY)`); one that overflows to -infinity (`-1e400`) is kept as
 *   -Infinity, as toml_edit keeps it; `inf`/`nan` literals are kept as ±Infinity/NaN;
 * - integers are i64 (decimal through `str::parse::<i64>`, hex/octal/binary through
 *   `i64::from_str_radix`, so `0x8000000000000000` is out of range);
 * - `RecursionCheck` (mod.rs, LIMIT = 80): the 80th nested array or inline table, and a key of 80 or
 *   more dotted parts, are errors;
 * - TOML 1.1 syntax is rejected: newlines or a trailing comma in inline tables, times without
 *   seconds, `\e` and `\x` escapes;
 * - tables follow state.rs: implicit tables made by headers may be defined once later, tables made by
 *   dotted keys may not be reopened by a header, and a dotted key that goes through an array of tables
 *   continues in its last element.
 *
 * It is iterative (explicit stacks, no recursion), so no input can exhaust the call stack, and every
 * step is linear in the input. It builds brud's value model (null-prototype tables; integers beyond
 * 2^53 as bigint). With a `PositionSink` it also reports where each key and value was written: that
 * second pass runs only when a finding must be located.
 */
import { MAX_LOCATED_DEPTH, TOML_RECURSION_LIMIT } from '../model/limits.js';
import { newTable, TomlDateTime, TomlFloat, type DateTimeKind, type TomlTable, type TomlValue } from '../model/value.js';

export type FastErrorKind = 'syntax' | 'bareCr' | 'tooDeepValue' | 'tooDeepKey' | 'integerRange' | 'floatRange' | 'duplicate';

export interface FastError {
  kind: FastErrorKind;
  /** 0-based offset (UTF-16 code units) where the parser stopped. */
  offset: number;
  message: string;
}

export type FastResult =
  | {
      ok: true;
      value: TomlTable;
      /**
       * A dotted key went through an array of tables and landed in its last element
       * (`[[t.arr]]` … `[t]` `arr.x.y = 1`): toml_edit 0.22 accepts that, most other parsers do not.
       */
      dottedIntoArrayOfTables?: true;
    }
  | { ok: false; error: FastError };

type Path = Array<string | number>;

/**
 * Marks a path cut at MAX_LOCATED_DEPTH: with a sink, paths grow no longer than that (plus this marker),
 * so copying one costs a constant and a tree thousands of levels deep (dotted keys inside nested inline
 * tables) is located in linear time. Nothing deeper is recorded; findings there point at the cut.
 */
const CUT = -1;

/** Adds a segment to a path that is being recorded, stopping at the cut. */
function extend(path: Path, segment: string | number): void {
  if (path.length < MAX_LOCATED_DEPTH) path.push(segment);
  else if (path[path.length - 1] !== CUT) path.push(CUT);
}

function extended(path: Path, segment: string | number): Path {
  const copy = path.slice();
  extend(copy, segment);
  return copy;
}

/** Receives the places of keys and values (offsets), in the order toml-eslint-parser's walk visits them. */
export interface PositionSink {
  /** `path` is lent for the call only (the parser goes on changing it); it is never deeper than MAX_LOCATED_DEPTH. */
  record(path: Path, key: readonly [number, number], value: readonly [number, number], definitive: boolean): void;
  header(key: readonly [number, number], quoted: boolean): void;
}

/**
 * Parses a whole document. Never throws on any input string. toml_edit allows one byte-order mark at the
 * start; brud's input layer (src/input/unwrap.ts) removes it and says so, so a BOM here is a second one
 * and an error, as it is for Bottlerocket.
 */
export function parseToml(text: string, sink?: PositionSink): FastResult {
  const p = new Parser(text, sink);
  try {
    const value = p.document();
    return p.dottedIntoArrayOfTables ? { ok: true, value, dottedIntoArrayOfTables: true } : { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: { kind: e.kind, offset: e.offset, message: e.message } };
    throw e;
  }
}

/**
 * Runs `f` with V8 recording no stack for the errors made meanwhile: a parse failure is data (a kind,
 * an offset, a message), and capturing the stack of each one was 3 % of checking 10,000 files.
 */
export function withoutStack<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

class Fail extends Error {
  constructor(
    readonly kind: FastErrorKind,
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

// kinds of tables, as toml_edit tells them apart (Item::Table, Item::ArrayOfTables, Value::InlineTable)
const TABLE = 1;
const AOT = 2;
const INLINE = 4;
const IMPLICIT = 8;
const DOTTED = 16;

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

// character codes
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const APOS = 0x27;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const EQUALS = 0x3d;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const UNDERSCORE = 0x5f;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const DEL = 0x7f;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isBareKeyChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === MINUS || c === UNDERSCORE;
}

/** A character allowed as is in a basic string, a literal string or a comment (tab, printable ASCII, non-ASCII). */
function isTextChar(c: number): boolean {
  return c === TAB || (c >= SPACE && c !== DEL);
}

interface Frame {
  /** The array or inline table being filled. */
  value: TomlValue[] | TomlTable;
  isArray: boolean;
  /** 0: expecting a value (array) or the first key (inline table); 1: after a value; 2: after a comma in an inline table. */
  state: number;
  start: number;
  // with a sink: where this container sits and how its own entry is recorded when it closes
  path: Path;
  keySpan: readonly [number, number] | undefined;
}

class Parser {
  private readonly s: string;
  private readonly n: number;
  private i = 0;
  private depth = 0;
  private readonly kinds = new Map<object, number>();
  private readonly sink: PositionSink | undefined;
  /** Key parts of the last key read, and with a sink their spans. */
  private keys: string[] = [];
  private keySpans: Array<readonly [number, number]> = [];
  private keyQuoted = false;
  private keyStart = 0;
  dottedIntoArrayOfTables = false;

  constructor(text: string, sink: PositionSink | undefined) {
    this.s = text;
    this.n = text.length;
    this.sink = sink;
  }

  private fail(message: string, offset = this.i, kind: FastErrorKind = 'syntax'): never {
    throw withoutStack(() => new Fail(kind, offset, message));
  }

  private at(i: number): number {
    return i < this.n ? this.s.charCodeAt(i) : -1;
  }

  // ---- document ------------------------------------------------------------------------------

  document(): TomlTable {
    const root = newTable();
    this.kinds.set(root, TABLE);
    let current = root;
    let currentPath: Path = [];
    for (;;) {
      this.skipWs();
      if (this.i >= this.n) return root;
      const c = this.s.charCodeAt(this.i);
      if (c === HASH) {
        this.skipComment();
        this.lineEnding();
      } else if (c === LBRACKET) {
        const opened = this.header(root);
        current = opened.table;
        currentPath = opened.path;
      } else if (c === LF) {
        this.i++;
      } else if (c === CR) {
        this.newline();
      } else {
        this.keyval(current, currentPath);
        this.lineTrailing();
      }
    }
  }

  private skipWs(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c !== SPACE && c !== TAB) break;
      i++;
    }
    this.i = i;
  }

  private skipComment(): void {
    // '#' then any tab, printable or non-ASCII character (trivia.rs NON_EOL)
    const s = this.s;
    let i = this.i + 1;
    while (i < this.n && isTextChar(s.charCodeAt(i))) i++;
    this.i = i;
  }

  private newline(): void {
    const c = this.at(this.i);
    if (c === LF) this.i++;
    else if (c === CR && this.at(this.i + 1) === LF) this.i += 2;
    else if (c === CR) this.fail('a carriage return (CR) not followed by a line feed is not allowed in TOML', this.i, 'bareCr');
    else this.fail(c < SPACE || c === DEL ? 'control characters are not allowed here' : 'expected a newline');
  }

  private lineEnding(): void {
    if (this.i < this.n) this.newline();
  }

  private lineTrailing(): void {
    this.skipWs();
    if (this.at(this.i) === HASH) this.skipComment();
    if (this.i < this.n) {
      const c = this.s.charCodeAt(this.i);
      if (c !== LF && c !== CR && c >= SPACE && c !== DEL) this.fail('expected a newline or a comment after the value');
      this.newline();
    }
  }

  /** Whitespace, comments and newlines between array elements (trivia.rs `ws_comment_newline`). */
  private skipWsCommentNewline(): void {
    for (;;) {
      this.skipWs();
      const c = this.at(this.i);
      if (c === HASH) {
        this.skipComment();
        if (this.i >= this.n) this.fail('expected a newline after the comment');
        this.newline();
      } else if (c === LF || c === CR) {
        this.newline();
      } else return;
    }
  }

  // ---- keys ----------------------------------------------------------------------------------

  /** A dotted key (key.rs `key`); parts in `this.keys`. */
  private key(): void {
    const keys: string[] = [];
    const spans: Array<readonly [number, number]> = [];
    let quoted = false;
    for (;;) {
      this.skipWs();
      const start = this.i;
      if (keys.length === 0) this.keyStart = start;
      const c = this.at(start);
      if (c === QUOTE) {
        keys.push(this.basicString());
        quoted = true;
      } else if (c === APOS) {
        keys.push(this.literalString());
        quoted = true;
      } else {
        let i = start;
        while (i < this.n && isBareKeyChar(this.s.charCodeAt(i))) i++;
        if (i === start)
          this.fail(this.i >= this.n ? 'expected a key' : 'invalid character in a key: a key is bare (A-Z a-z 0-9 - _) or quoted');
        keys.push(this.s.slice(start, i));
        this.i = i;
      }
      if (this.sink) spans.push([start, this.i]);
      this.skipWs();
      if (this.at(this.i) !== DOT) break;
      this.i++;
    }
    if (keys.length >= TOML_RECURSION_LIMIT) this.fail('recursion limit exceeded: too many dotted key parts', this.i, 'tooDeepKey');
    this.keys = keys;
    this.keySpans = spans;
    this.keyQuoted = quoted;
  }

  // ---- tables --------------------------------------------------------------------------------

  private kindOf(v: TomlValue): number {
    return typeof v === 'object' ? (this.kinds.get(v) ?? 0) : 0;
  }

  /** `[a.b]` or `[[a.b]]` (table.rs, state.rs `start_table` / `start_array_table`). */
  private header(root: TomlTable): { table: TomlTable; path: Path } {
    const open = this.i;
    const isArray = this.at(open + 1) === LBRACKET;
    this.i += isArray ? 2 : 1;
    this.key();
    const keys = this.keys;
    const spans = this.keySpans;
    if (isArray) {
      if (this.at(this.i) !== RBRACKET || this.at(this.i + 1) !== RBRACKET) this.fail("expected ']]' to close the array-of-tables header");
      this.i += 2;
    } else {
      if (this.at(this.i) !== RBRACKET) this.fail("expected ']' to close the table header");
      this.i++;
    }
    this.lineTrailing();
    const sink = this.sink;
    const headerSpan: readonly [number, number] | undefined = sink ? [spans[0]![0], spans[spans.length - 1]![1]] : undefined;
    if (sink) sink.header(headerSpan!, this.keyQuoted);
    const path: Path = [];
    const last = keys.length - 1;
    const table = this.headerParent(root, open, headerSpan, path);
    const name = keys[last]!;
    const existing = table[name];
    let opened: TomlTable;
    if (isArray) {
      let arr: TomlValue[];
      if (existing === undefined) {
        arr = [];
        this.kinds.set(arr, AOT);
        table[name] = arr;
      } else if (this.kindOf(existing) & AOT) {
        arr = existing as TomlValue[];
      } else {
        return this.fail(`duplicate key: ${name}`, open, 'duplicate');
      }
      opened = newTable();
      this.kinds.set(opened, TABLE);
      arr.push(opened);
      if (sink) {
        extend(path, name);
        this.note(path, spans[last]!, headerSpan!, false);
        extend(path, arr.length - 1);
        this.note(path, headerSpan!, headerSpan!, false);
      }
    } else {
      if (existing === undefined) {
        opened = newTable();
        this.kinds.set(opened, TABLE);
        table[name] = opened;
      } else if ((this.kindOf(existing) & (TABLE | IMPLICIT | DOTTED)) === (TABLE | IMPLICIT)) {
        opened = existing as TomlTable;
        this.kinds.set(opened, TABLE);
      } else {
        return this.fail(`duplicate key: ${name}`, open, 'duplicate');
      }
      if (sink) {
        extend(path, name);
        this.note(path, spans[last]!, headerSpan!, true);
      }
    }
    return { table: opened, path };
  }

  /** The table a header's key names, but for its last part: implicit tables are made as needed; an array of tables means its last element. */
  private headerParent(root: TomlTable, open: number, headerSpan: readonly [number, number] | undefined, path: Path): TomlTable {
    const keys = this.keys;
    const spans = this.keySpans;
    const sink = this.sink;
    let table = root;
    for (let k = 0; k < keys.length - 1; k++) {
      const name = keys[k]!;
      let child = table[name];
      if (child === undefined) {
        child = newTable();
        this.kinds.set(child, TABLE | IMPLICIT);
        table[name] = child;
      }
      const kind = this.kindOf(child);
      if (kind & AOT) {
        const arr = child as TomlValue[];
        if (sink) {
          extend(path, name);
          this.note(path, spans[k]!, headerSpan!, false);
          extend(path, arr.length - 1);
          this.note(path, headerSpan!, headerSpan!, false);
        }
        table = arr[arr.length - 1] as TomlTable;
      } else if (kind & TABLE) {
        if (sink) {
          extend(path, name);
          this.note(path, spans[k]!, spans[k]!, false);
        }
        table = child as TomlTable;
      } else {
        this.fail(`cannot extend a value of another type with a table: ${name}`, open, 'duplicate');
      }
    }
    return table;
  }

  /** Follows the dotted part of a key from `base` (state.rs / inline_table.rs `descend_path`, dotted). */
  private descendDotted(base: TomlTable, basePath: Path, inline: boolean): { table: TomlTable; path: Path } {
    const keys = this.keys;
    const sink = this.sink;
    const path = sink ? basePath.slice() : basePath;
    let table = base;
    const last = keys.length - 1;
    for (let k = 0; k < last; k++) {
      const name = keys[k]!;
      let child = table[name];
      if (child === undefined) {
        child = newTable();
        this.kinds.set(child, (inline ? INLINE : TABLE) | IMPLICIT | DOTTED);
        table[name] = child;
      }
      const kind = this.kindOf(child);
      if (sink) {
        extend(path, name);
        this.note(path, this.keySpans[k]!, this.keySpans[k]!, false);
      }
      if (!inline && kind & AOT) {
        const arr = child as TomlValue[];
        this.dottedIntoArrayOfTables = true;
        if (sink) extend(path, arr.length - 1);
        table = arr[arr.length - 1] as TomlTable;
      } else if (kind & (inline ? INLINE : TABLE)) {
        if (!(kind & IMPLICIT)) this.fail(`duplicate key: ${name} is already defined`, this.keySpans[k]?.[0] ?? this.i, 'duplicate');
        table = child as TomlTable;
      } else {
        this.fail(`cannot extend a value of another type with a dotted key: ${name}`, this.i, 'duplicate');
      }
    }
    // state.rs `on_keyval`: `table.is_dotted() == path.is_empty()` is an error. So a dotted key may not
    // extend a table that a [header] made (even implicitly, as `[a.b.c]` makes `a.b`); toml-rs/toml
    // issue 1106 changed that in 2026 (commit 8413dbb6), after the 0.22.22 that Bottlerocket uses
    const dotted = (this.kindOf(table) & DOTTED) !== 0;
    if (dotted === (last === 0)) {
      this.fail(
        `duplicate key: ${keys[last]!}: Bottlerocket's TOML parser (toml_edit 0.22) does not let a dotted key add to a table that a [table] header made; write the key under that header instead`,
        this.keyStart,
        'duplicate',
      );
    }
    if (table[keys[last]!] !== undefined) this.fail(`duplicate key: ${keys[last]!}`, this.i, 'duplicate');
    return { table, path };
  }

  /** `key = value` at the document level. */
  private keyval(current: TomlTable, currentPath: Path): void {
    this.key();
    if (this.at(this.i) !== EQUALS) this.fail(this.i >= this.n ? "expected '=' after the key" : "expected '.' or '=' after the key");
    this.i++;
    this.skipWs();
    const { table, path } = this.descendDotted(current, currentPath, false);
    const name = this.keys[this.keys.length - 1]!;
    const keySpan = this.sink ? this.keySpans[this.keySpans.length - 1]! : undefined;
    if (this.sink) extend(path, name);
    table[name] = this.value(path, keySpan);
  }

  // ---- values --------------------------------------------------------------------------------

  /**
   * One value. Arrays and inline tables are filled by a loop over an explicit stack; with a sink, the
   * entry at `path` is recorded (key span `keySpan`, or the value itself for array elements).
   */
  private value(path: Path, keySpan: readonly [number, number] | undefined): TomlValue {
    const c = this.at(this.i);
    if (c !== LBRACKET && c !== LBRACE) {
      const start = this.i;
      const v = this.scalar();
      if (this.sink) this.note(path, keySpan ?? [start, this.i], [start, this.i], true);
      return v;
    }
    const stack: Frame[] = [];
    const root = this.open(stack, path, keySpan);
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (f.isArray) this.arrayStep(stack, f);
      else this.inlineStep(stack, f);
    }
    return root;
  }

  /** One step inside an array: its end, a comma, or the next element. */
  private arrayStep(stack: Frame[], f: Frame): void {
    this.skipWsCommentNewline();
    const ch = this.at(this.i);
    if (ch === RBRACKET) return this.close(stack);
    if (f.state === 1) {
      if (ch !== COMMA) this.fail(this.i >= this.n ? "expected ']' to close the array" : "expected ',' or ']' in the array");
      this.i++;
      f.state = 0;
      return;
    }
    f.state = 1;
    const arr = f.value as TomlValue[];
    const elPath = this.sink ? extended(f.path, arr.length) : f.path;
    if (ch === LBRACKET || ch === LBRACE) {
      arr.push(this.open(stack, elPath, undefined));
      return;
    }
    const start = this.i;
    arr.push(this.scalar());
    if (this.sink) this.note(elPath, [start, this.i], [start, this.i], true);
  }

  /** One step inside an inline table (TOML 1.0: no newlines, no trailing comma): its end, a comma, or the next key/value. */
  private inlineStep(stack: Frame[], f: Frame): void {
    this.skipWs();
    const ch = this.at(this.i);
    if (f.state !== 2 && ch === RBRACE) return this.close(stack);
    if (f.state === 1) {
      if (ch !== COMMA) this.fail(this.i >= this.n ? "expected '}' to close the inline table" : "expected ',' or '}' in the inline table");
      this.i++;
      f.state = 2;
      return;
    }
    this.key();
    if (this.at(this.i) !== EQUALS) this.fail("expected '.' or '=' after the key");
    this.i++;
    this.skipWs();
    const { table, path } = this.descendDotted(f.value as TomlTable, f.path, true);
    const name = this.keys[this.keys.length - 1]!;
    const keySpan = this.sink ? this.keySpans[this.keySpans.length - 1]! : undefined;
    if (this.sink) extend(path, name);
    f.state = 1;
    const vc = this.at(this.i);
    if (vc === LBRACKET || vc === LBRACE) {
      table[name] = this.open(stack, path, keySpan);
      return;
    }
    const start = this.i;
    table[name] = this.scalar();
    if (this.sink) this.note(path, keySpan!, [start, this.i], true);
  }

  private open(stack: Frame[], path: Path, keySpan: readonly [number, number] | undefined): TomlValue[] | TomlTable {
    if (++this.depth >= TOML_RECURSION_LIMIT)
      this.fail('recursion limit exceeded: arrays or inline tables nested too deep', this.i, 'tooDeepValue');
    const isArray = this.s.charCodeAt(this.i) === LBRACKET;
    let value: TomlValue[] | TomlTable;
    if (isArray) value = [];
    else {
      value = newTable();
      this.kinds.set(value, INLINE);
    }
    stack.push({ value, isArray, state: 0, start: this.i, path, keySpan });
    this.i++;
    return value;
  }

  /** Passes a place to the sink, unless its path was cut. */
  private note(path: Path, key: readonly [number, number], value: readonly [number, number], definitive: boolean): void {
    if (path[path.length - 1] !== CUT) this.sink!.record(path, key, value, definitive);
  }

  private close(stack: Frame[]): void {
    this.i++;
    this.depth--;
    const f = stack.pop()!;
    if (this.sink) this.note(f.path, f.keySpan ?? [f.start, this.i], [f.start, this.i], true);
  }

  private scalar(): TomlValue {
    const c = this.at(this.i);
    switch (c) {
      case QUOTE:
        return this.at(this.i + 1) === QUOTE && this.at(this.i + 2) === QUOTE ? this.mlBasicString() : this.basicString();
      case APOS:
        return this.at(this.i + 1) === APOS && this.at(this.i + 2) === APOS ? this.mlLiteralString() : this.literalString();
      case 0x74: // t
        return this.word('true', true);
      case 0x66: // f
        return this.word('false', false);
      case 0x69: // i
        return this.word('inf', new TomlFloat(Infinity, 'inf'));
      case 0x6e: // n
        return this.word('nan', new TomlFloat(NaN, 'nan'));
      default:
        if (isDigit(c) || c === PLUS || c === MINUS) return this.numberOrDate();
        if (this.i >= this.n) this.fail('expected a value');
        return this.fail('expected a value (a string must be quoted)');
    }
  }

  private word<T extends TomlValue>(w: string, v: T): T {
    if (!this.s.startsWith(w, this.i)) this.fail(`expected a value (a string must be quoted); did you mean ${w}?`);
    this.i += w.length;
    return v;
  }

  // ---- numbers and dates ---------------------------------------------------------------------

  private numberOrDate(): TomlValue {
    const s = this.s;
    const start = this.i;
    const c = s.charCodeAt(start);
    if (isDigit(c) && isDigit(this.at(start + 1))) {
      if (isDigit(this.at(start + 2)) && isDigit(this.at(start + 3)) && this.at(start + 4) === MINUS) return this.dateTime(start);
      if (this.at(start + 2) === COLON && this.twoDigits(start) <= 23) {
        this.time();
        return new TomlDateTime('local-time', s.slice(start, this.i));
      }
    }
    const j = c === PLUS || c === MINUS ? start + 1 : start;
    const first = this.at(j);
    if (!isDigit(first)) return this.specialFloat(start, j);
    if (first === 0x30 && j === start) {
      const radix = this.at(j + 1);
      if (radix === 0x78) return this.radixInt(16, isHex); // 0x
      if (radix === 0x6f) return this.radixInt(8, (d) => d >= 0x30 && d <= 0x37); // 0o
      if (radix === 0x62) return this.radixInt(2, (d) => d === 0x30 || d === 0x31); // 0b
    }
    return this.decimal(start, j);
  }

  /** `+inf`, `-nan` … (numbers.rs `special_float`, after a sign). */
  private specialFloat(start: number, j: number): TomlFloat {
    const s = this.s;
    if (!s.startsWith('inf', j) && !s.startsWith('nan', j)) this.fail('expected a digit', j);
    this.i = j + 3;
    const text = s.slice(start, this.i);
    return new TomlFloat(text.endsWith('nan') ? NaN : s.charCodeAt(start) === MINUS ? -Infinity : Infinity, text);
  }

  /** A decimal integer or a float (numbers.rs `dec_int`, `float_`): `j` is at the first digit. */
  private decimal(start: number, j: number): TomlValue {
    let underscores = false;
    // a single 0, or 1-9 then digits with single underscores between
    if (this.at(j) === 0x30) j++;
    else ({ end: j, underscores } = this.digits(j));
    let isFloat = false;
    if (this.at(j) === DOT) {
      isFloat = true;
      const r = this.digits(j + 1);
      j = r.end;
      underscores ||= r.underscores;
    }
    const e = this.at(j);
    if (e === 0x65 || e === 0x45) {
      isFloat = true;
      j++;
      const sign = this.at(j);
      if (sign === PLUS || sign === MINUS) j++;
      const r = this.digits(j);
      j = r.end;
      underscores ||= r.underscores;
    }
    const text = this.s.slice(start, j);
    this.i = j;
    // toml-eslint-parser's `number` (brud's float text until now) is the literal without underscores
    const plain = underscores ? text.replace(/_/g, '') : text;
    return isFloat ? this.float(plain, start) : this.integer(plain, start);
  }

  private float(plain: string, start: number): TomlFloat {
    const v = Number(plain);
    if (v === Infinity) this.fail(`the float ${plain} is too large: it overflows a 64-bit float`, start, 'floatRange');
    return new TomlFloat(v, plain);
  }

  private integer(plain: string, start: number): TomlValue {
    const c = plain.charCodeAt(0);
    const digits = plain.length - (c === PLUS || c === MINUS ? 1 : 0);
    if (digits <= 15) return Number(plain) || 0; // -0 is the integer 0
    if (digits > 19) return this.outOfRange(start);
    const big = BigInt(plain);
    if (big > I64_MAX || big < I64_MIN) return this.outOfRange(start);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }

  private outOfRange(start: number): never {
    return this.fail(
      'integer out of range: TOML integers are 64-bit (from -9223372036854775808 to 9223372036854775807)',
      start,
      'integerRange',
    );
  }

  /** One or more digits with single underscores between them, starting at `j` (numbers.rs `zero_prefixable_int`). */
  private digits(j: number, ok: (c: number) => boolean = isDigit): { end: number; underscores: boolean } {
    if (!ok(this.at(j))) this.fail('expected a digit', j);
    j++;
    let underscores = false;
    for (;;) {
      const c = this.at(j);
      if (ok(c)) j++;
      else if (c === UNDERSCORE) {
        if (!ok(this.at(j + 1))) this.fail('an underscore in a number must stand between two digits', j + 1);
        underscores = true;
        j += 2;
      } else return { end: j, underscores };
    }
  }

  private radixInt(radix: number, ok: (c: number) => boolean): TomlValue {
    const start = this.i;
    const r = this.digits(start + 2, ok);
    this.i = r.end;
    let body = this.s.slice(start + 2, r.end);
    if (r.underscores) body = body.replace(/_/g, '');
    body = body.replace(/^0+(?=.)/, '');
    const maxLen = radix === 16 ? 16 : radix === 8 ? 22 : 64;
    if (body.length > maxLen) return this.outOfRange(start);
    const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : '0b';
    const big = BigInt(prefix + body);
    if (big > I64_MAX) return this.outOfRange(start);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }

  private hourAndColon(h: number): boolean {
    return isDigit(this.at(h)) && isDigit(this.at(h + 1)) && this.twoDigits(h) <= 23 && this.at(h + 2) === COLON;
  }

  private twoDigits(j: number): number {
    return (this.s.charCodeAt(j) - 0x30) * 10 + (this.s.charCodeAt(j + 1) - 0x30);
  }

  /** Exactly two digits at `j` within [min, max], or a failure. */
  private field(j: number, min: number, max: number, what: string): number {
    if (!isDigit(this.at(j)) || !isDigit(this.at(j + 1))) this.fail(`expected two digits for the ${what}`, j);
    const v = this.twoDigits(j);
    if (v < min || v > max) this.fail(`the ${what} ${this.s.slice(j, j + 2)} is out of range`, j);
    return v;
  }

  /** HH:MM:SS[.frac] at this.i, hour and colon already known to be there (datetime.rs `partial_time`). */
  private time(): void {
    const j = this.i;
    this.field(j + 3, 0, 59, 'minute');
    if (this.at(j + 5) !== COLON) this.fail('expected seconds: TOML 1.0 times are HH:MM:SS', j + 5);
    this.field(j + 6, 0, 60, 'second');
    let k = j + 8;
    if (this.at(k) === DOT && isDigit(this.at(k + 1))) {
      k += 2;
      while (isDigit(this.at(k))) k++;
    }
    this.i = k;
  }

  private dateTime(start: number): TomlValue {
    const s = this.s;
    const year = Number(s.slice(start, start + 4));
    const month = this.field(start + 5, 1, 12, 'month');
    if (this.at(start + 7) !== MINUS) this.fail("expected '-' in the date", start + 7);
    const day = this.field(start + 8, 1, 31, 'day');
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const maxDay = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
    if (day > maxDay) this.fail(`the day ${s.slice(start + 8, start + 10)} is out of range for the month`, start + 8);
    let kind: DateTimeKind = 'local-date';
    this.i = start + 10;
    const delim = this.at(this.i);
    const h = this.i + 1;
    // a time follows when the delimiter is followed by an hour and a colon; then it must be complete
    if ((delim === 0x54 || delim === 0x74 || delim === SPACE) && this.hourAndColon(h)) {
      this.i = h;
      this.time();
      kind = this.offset() ? 'offset-date-time' : 'local-date-time';
    }
    return new TomlDateTime(kind, s.slice(start, this.i));
  }

  /** An optional time offset, `Z` or `±HH:MM` (datetime.rs `time_offset`). */
  private offset(): boolean {
    const o = this.at(this.i);
    if (o === 0x5a || o === 0x7a) {
      this.i++;
      return true;
    }
    if (o !== PLUS && o !== MINUS) return false;
    const j = this.i + 1;
    this.field(j, 0, 23, 'offset hour');
    if (this.at(j + 2) !== COLON) this.fail("expected ':' in the time offset", j + 2);
    this.field(j + 3, 0, 59, 'offset minute');
    this.i = j + 5;
    return true;
  }

  // ---- strings -------------------------------------------------------------------------------

  private basicString(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= this.n) this.fail('unterminated string', i);
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.i = i + 1;
        return out + s.slice(run, i);
      }
      if (c === BACKSLASH) {
        out += s.slice(run, i);
        this.i = i;
        out += this.escape();
        i = run = this.i;
        continue;
      }
      if (!isTextChar(c))
        this.fail(
          c === LF || c === CR ? 'unterminated string: a basic string ends on its line' : 'control characters must be escaped in a string',
          i,
        );
      i++;
    }
  }

  /** At a backslash: one escape sequence (strings.rs `escape_seq_char`); TOML 1.1's \e and \x are errors. */
  private escape(): string {
    const i = this.i;
    const c = this.at(i + 1);
    let n: number;
    switch (c) {
      case 0x62: // b
        this.i += 2;
        return '\b';
      case 0x66: // f
        this.i += 2;
        return '\f';
      case 0x6e: // n
        this.i += 2;
        return '\n';
      case 0x72: // r
        this.i += 2;
        return '\r';
      case 0x74: // t
        this.i += 2;
        return '\t';
      case QUOTE:
        this.i += 2;
        return '"';
      case BACKSLASH:
        this.i += 2;
        return '\\';
      case 0x75: // u
        n = 4;
        break;
      case 0x55: // U
        n = 8;
        break;
      default:
        return this.fail('invalid escape sequence: TOML 1.0 allows \\b \\f \\n \\r \\t \\" \\\\ \\uXXXX \\UXXXXXXXX', i);
    }
    for (let k = 0; k < n; k++) if (!isHex(this.at(i + 2 + k))) this.fail(`expected ${n} hexadecimal digits in the escape`, i);
    const cp = parseInt(this.s.slice(i + 2, i + 2 + n), 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.fail('the escape is not a Unicode scalar value', i);
    this.i = i + 2 + n;
    return String.fromCodePoint(cp);
  }

  private literalString(): string {
    const s = this.s;
    const start = this.i + 1;
    let i = start;
    for (;;) {
      if (i >= this.n) this.fail('unterminated string', i);
      const c = s.charCodeAt(i);
      if (c === APOS) {
        this.i = i + 1;
        return s.slice(start, i);
      }
      if (!isTextChar(c))
        this.fail(
          c === LF || c === CR
            ? 'unterminated string: a literal string ends on its line'
            : 'control characters are not allowed in a literal string',
          i,
        );
      i++;
    }
  }

  /** After the opening delimiter: a newline right after it is not part of the string. */
  private skipFirstNewline(): void {
    const c = this.at(this.i);
    if (c === LF) this.i++;
    else if (c === CR && this.at(this.i + 1) === LF) this.i += 2;
  }

  /**
   * A run of delimiter characters inside a multi-line string: fewer than three are content; three to
   * five close the string, the first ones (at most two) being content.
   */
  private quoteRun(i: number, q: number): number {
    let r = 0;
    while (this.at(i + r) === q && r < 5) r++;
    return r;
  }

  /**
   * A backslash that ends a line (after optional spaces) trims the newline and all whitespace and
   * newlines after it (strings.rs `mlb_escaped_nl`): the offset after them, or 0 if it is an escape.
   */
  private lineEndingBackslash(i: number): number {
    let j = i + 1;
    while (this.at(j) === SPACE || this.at(j) === TAB) j++;
    const nl = this.at(j);
    if (nl !== LF && !(nl === CR && this.at(j + 1) === LF)) return 0;
    for (;;) {
      const w = this.at(j);
      if (w === SPACE || w === TAB || w === LF) j++;
      else if (w === CR && this.at(j + 1) === LF) j += 2;
      else return j;
    }
  }

  private mlBasicString(): string {
    const s = this.s;
    this.i += 3;
    this.skipFirstNewline();
    let i = this.i;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= this.n) this.fail('unterminated multi-line string', i);
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        const r = this.quoteRun(i, QUOTE);
        if (r < 3) {
          i += r;
          continue;
        }
        out += s.slice(run, i + r - 3);
        this.i = i + r;
        return out;
      }
      if (c === BACKSLASH) {
        out += s.slice(run, i);
        const trimmed = this.lineEndingBackslash(i);
        if (trimmed > 0) {
          i = run = trimmed;
          continue;
        }
        this.i = i;
        out += this.escape();
        i = run = this.i;
        continue;
      }
      if (c === LF) {
        i++;
        continue;
      }
      if (c === CR) {
        if (this.at(i + 1) !== LF) this.fail('a carriage return (CR) not followed by a line feed is not allowed in TOML', i, 'bareCr');
        out += s.slice(run, i) + '\n';
        i += 2;
        run = i;
        continue;
      }
      if (!isTextChar(c)) this.fail('control characters must be escaped in a string', i);
      i++;
    }
  }

  private mlLiteralString(): string {
    const s = this.s;
    this.i += 3;
    this.skipFirstNewline();
    const start = this.i;
    let i = start;
    let crlf = false;
    for (;;) {
      if (i >= this.n) this.fail('unterminated multi-line string', i);
      const c = s.charCodeAt(i);
      if (c === APOS) {
        const r = this.quoteRun(i, APOS);
        if (r < 3) {
          i += r;
          continue;
        }
        this.i = i + r;
        const body = s.slice(start, i + r - 3);
        return crlf ? body.replace(/\r\n/g, '\n') : body;
      }
      if (c === CR) {
        if (this.at(i + 1) !== LF) this.fail('a carriage return (CR) not followed by a line feed is not allowed in TOML', i, 'bareCr');
        crlf = true;
        i += 2;
        continue;
      }
      if (c !== LF && !isTextChar(c)) this.fail('control characters are not allowed in a literal string', i);
      i++;
    }
  }
}
