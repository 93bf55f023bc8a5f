/** Accessors for the settings maps that several stages read (lint rules, the boot plan). */
import { byteOrder } from '../util/byte-order.js';
import { isTable, type TomlTable, type TomlValue } from './value.js';

/** The entries of a settings map such as `bootstrap-commands`, in byte order of their names. */
export function entriesOf(settings: TomlTable | undefined, namespace: string): Array<[string, TomlTable]> {
  const map = settings !== undefined && Object.hasOwn(settings, namespace) ? settings[namespace] : undefined;
  if (!isTable(map)) return [];
  return Object.keys(map)
    .sort(byteOrder)
    .filter((k) => isTable(map[k]))
    .map((k) => [k, map[k] as TomlTable]);
}

/** The argument lists of a bootstrap command entry that are well-formed string lists. */
export function commandLists(entry: TomlTable): Array<{ index: number; argv: string[] }> {
  const commands = entry.commands;
  if (!Array.isArray(commands)) return [];
  const out: Array<{ index: number; argv: string[] }> = [];
  commands.forEach((c: TomlValue, index) => {
    if (Array.isArray(c) && c.every((a) => typeof a === 'string')) out.push({ index, argv: c });
  });
  return out;
}
