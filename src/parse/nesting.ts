/**
 * Bottlerocket parses user-data with Rust `toml` 0.8 / `toml_edit` 0.22 (bottlerocket-core-kit
 * sources/Cargo.lock: toml 0.8.19, toml_edit 0.22.22). Its parser guards recursion
 * (toml-rs/toml crates/toml_edit/src/parser/mod.rs, `RecursionCheck`, LIMIT = 80):
 *  - every `[` or `{` opening a value increments a depth counter; reaching 80 is an error, so at
 *    most 79 arrays / inline tables can be nested in one value (parser/value.rs `check_recursion`);
 *  - a key (in `key = value`, a `[table]` header or an inline table) with 80 or more dotted
 *    segments is an error (parser/key.rs `check_depth(k.len())`).
 * This scanner finds the first place that breaks either limit, before the full parser runs. It also
 * keeps the JavaScript parser away from inputs that would exhaust its stack.
 */

import { TOML_RECURSION_LIMIT } from '../model/limits.js';

export interface NestingViolation {
  kind: 'value' | 'key';
  /** 0-based offset of the opening bracket or of the dot that crossed the limit. */
  offset: number;
}

/** Returns the first violation, or undefined. Syntax errors are left to the parser. */
// eslint-disable-next-line complexity -- one state machine over the text; the hand-written parser replaces it
export function findNestingViolation(text: string): NestingViolation | undefined {
  const stack: string[] = []; // open '[' / '{' in the current value
  let inKey = true; // reading a key (line start, header, or inline-table key position)
  let inHeader = false;
  let segments = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (c === '\n') {
      if (stack.length === 0) {
        inKey = true;
        inHeader = false;
        segments = 1;
      }
      i++;
      continue;
    }
    if (inKey) {
      if (c === '[' && stack.length === 0 && !inHeader) {
        inHeader = true;
        segments = 1;
      } else if (c === '.') {
        segments++;
        if (segments >= TOML_RECURSION_LIMIT) return { kind: 'key', offset: i };
      } else if (c === '=') {
        inKey = false;
        segments = 1;
      } else if (c === ']' && inHeader) {
        segments = 1;
      } else if (c === '}' && stack.length > 0) {
        // empty inline table `{}` closes while we expected a key
        stack.pop();
        inKey = false;
      }
      i++;
      continue;
    }
    if (c === '[' || c === '{') {
      stack.push(c);
      if (stack.length >= TOML_RECURSION_LIMIT) return { kind: 'value', offset: i };
      if (c === '{') {
        inKey = true;
        segments = 1;
      }
    } else if (c === ']' || c === '}') {
      stack.pop();
    } else if (c === ',' && stack[stack.length - 1] === '{') {
      inKey = true;
      segments = 1;
    }
    i++;
  }
  return undefined;
}

function skipString(text: string, start: number): number {
  const q = text[start]!;
  const triple = text.startsWith(q.repeat(3), start);
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text[i];
    if (q === '"' && c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && c === '\n') return i; // unterminated: let the parser report it
    if (c === q) {
      if (!triple) return i + 1;
      if (text.startsWith(q.repeat(3), i)) {
        // a closing delimiter may be followed by up to two more quotes that belong to the content
        let end = i + 3;
        while (end < text.length && text[end] === q && end < i + 5) end++;
        return end;
      }
    }
    i++;
  }
  return i;
}
