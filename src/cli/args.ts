/**
 * Argument parsing on node:util `parseArgs` (no dependency; yargs would cost more start-up time than
 * the whole check, see docs/decisions.md). Unknown options become usage errors with a suggestion.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../index.js';
import { UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function parse(command: string, args: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals, tokens } = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true,
      allowNegative: true,
      tokens: true,
    });
    repeatedOption(command, options, tokens);
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as { code?: string; message: string };
    const unknown = /Unknown option '([^']+)'/.exec(err.message);
    if (unknown) {
      const names = Object.keys(options).map((o) => `--${o}`);
      const guess = closest(unknown[1]!, names);
      throw new UsageError(`unknown option ${unknown[1]}${guess ? `; did you mean ${guess}?` : ''}`, command);
    }
    const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(err.message);
    if (missing) throw new UsageError(`${missing[1]} needs a value`, command);
    const ambiguous = /Option '(--[\w-]+)' argument is ambiguous/.exec(err.message);
    if (ambiguous)
      throw new UsageError(`${ambiguous[1]} needs a value; for a value that starts with "-", write ${ambiguous[1]}=VALUE`, command);
    throw new UsageError(err.message.split('\n')[0]!.replace(/\. To specify.*$/, ''), command);
  }
}

/** An option that takes one value, given twice: the second would silently win, so it is refused. */
function repeatedOption(command: string, options: OptionSpec, tokens: ReadonlyArray<{ kind: string; name?: string }>): void {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined) continue;
    const spec = options[t.name];
    if (!spec || spec.multiple || spec.type === 'boolean') continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice; give it once`, command);
    seen.add(t.name);
  }
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function bool(p: Parsed, name: string): boolean | undefined {
  const v = p.values[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function oneOf(p: Parsed, name: string, allowed: readonly string[], command: string): string | undefined {
  const v = str(p, name);
  if (v === undefined || allowed.includes(v)) return v;
  const guess = closest(v, allowed);
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${v}"${guess ? ` (did you mean "${guess}"?)` : ''}`, command);
}

export function nonNegativeInt(p: Parsed, name: string, command: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got "${v}"`, command);
  return Number(v);
}
