/** `brud schema`: the JSON Schema for a variant and release, for editors and other validators. */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { NEWEST_RELEASE, schema, visible } from '../../index.js';
import { bool, str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { refuseOutputOverInput, write } from '../output.js';
import { resolveTargetOptions, validateRelease, validateVariant } from '../target-options.js';
import { taploRule, withTaploRule } from '../taplo.js';

/** Where --install writes the schema unless -o says otherwise. */
export const INSTALL_PATH = '.brud/bottlerocket.schema.json';

export const SCHEMA_HELP = `brud schema: print the JSON Schema of Bottlerocket user-data for a variant and release

Usage: brud schema [options]

Prints a JSON Schema (draft 2020-12) with the settings the variant accepts on the release, with
descriptions, defaults and examples that editors show on hover. Without --variant, the schema
admits the namespaces of every variant.

Options:
  --variant NAME          the variant (aws-k8s-1.31, aws-ecs-2, …) or family (aws-k8s…)
  --os-version X.Y.Z      the Bottlerocket release (default: ${NEWEST_RELEASE}, the newest known)
  -o, --output FILE       write the schema to FILE instead of stdout
  --install               set up editors: write the schema to ${INSTALL_PATH}
                          (or -o FILE) and a rule for the user-data files in .taplo.toml,
                          which taplo and Even Better TOML read; the target and the files
                          come from brud.toml unless given
  --include GLOB          with --install: the user-data files the rule covers (repeatable;
                          default: include in brud.toml)
  --config FILE           with --install: the project config to read (default: brud.toml or
                          .brud.toml, found upward from here); --no-config ignores them
  -h, --help              show this help

Examples:
  brud schema --variant aws-k8s-1.31 -o bottlerocket.schema.json
  brud schema --variant aws-ecs-2 --os-version 1.40.0 > ecs.schema.json
  # then, at the top of a user-data file:  #:schema ./bottlerocket.schema.json
  brud schema --install --include 'nodes/**/*.toml'
`;

const OPTIONS = {
  variant: { type: 'string' },
  'os-version': { type: 'string' },
  output: { type: 'string', short: 'o' },
  install: { type: 'boolean' },
  include: { type: 'string', multiple: true },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function run(p: Parsed, io: Io): number {
  if (p.positionals.length > 0)
    throw new UsageError(
      `brud schema takes no operands (got "${p.positionals[0]}"); choose the target with --variant and --os-version`,
      'schema',
    );
  if (bool(p, 'install')) return install(p, io);
  if (p.values.include !== undefined) throw new UsageError('--include goes with --install', 'schema');
  const variant = str(p, 'variant');
  const os = str(p, 'os-version');
  const options = {
    ...(variant !== undefined ? { variant: validateVariant(variant, 'schema') } : {}),
    ...(os !== undefined ? { osVersion: validateRelease(os, 'schema', io) } : {}),
  };
  write(p, io, JSON.stringify(schema(options), null, 2) + '\n');
  return 0;
}

/** `./x` for a path relative to `from` (taplo and `#:schema` resolve paths from the file that names them). */
function dotted(from: string, to: string): string {
  const r = relative(from, to).split('\\').join('/');
  return r === '..' || r.startsWith('../') ? r : `./${r}`;
}

/** brud's include names directories too (their *.toml files); taplo's include takes file globs only. */
function fileGlob(pattern: string, cwd: string): string {
  const glob = pattern.split('\\').join('/').replace(/\/+$/, '');
  const isDir = !/[*?[]/.test(glob) && statSync(resolve(cwd, glob), { throwIfNoEntry: false })?.isDirectory() === true;
  return isDir ? (glob === '.' ? '**/*.toml' : `${glob}/**/*.toml`) : glob;
}

/**
 * `--install`: the schema of the project's target (flags, else the working directory's brud.toml) in
 * .brud/, and a rule in .taplo.toml for the files (--include, else brud.toml's include). Without files
 * to name, it says which `#:schema` line to add instead.
 */
function install(p: Parsed, io: Io): number {
  const resolved = resolveTargetOptions(p, 'schema', io);
  const { options } = resolved.optionsFor('-');
  // flags first, then brud.toml (passed as the library's defaults)
  const variant = options.variant ?? options.defaults?.variant;
  const osVersion = options.osVersion ?? options.defaults?.osVersion;
  const target = { ...(variant ? { variant } : {}), ...(osVersion ? { osVersion } : {}) };
  const include = ((p.values.include as string[] | undefined) ?? resolved.include()).map((g) => fileGlob(g, io.cwd));
  refuseInstallOutput(p, io, resolved.configFile());
  const schemaFile = str(p, 'output') ?? INSTALL_PATH;
  const described = `${target.variant ?? 'any variant'}, Bottlerocket ${target.osVersion ?? NEWEST_RELEASE}`;
  // read (and refuse) .taplo.toml before anything is written: a refusal leaves no half-done install
  const existing = include.length === 0 ? undefined : readTaploConfig(io);
  mkdirSync(dirname(resolve(io.cwd, schemaFile)), { recursive: true });
  io.writeFile(schemaFile, JSON.stringify(schema(target), null, 2) + '\n');
  io.stderr(`brud: wrote ${visible(schemaFile)} (${described})\n`);
  if (include.length === 0) {
    io.stderr(
      `brud: no user-data files named (--include GLOB, or include in brud.toml), so .taplo.toml is unchanged; ` +
        `put this line at the top of a user-data file instead, with the path relative to that file:\n#:schema ${visible(dotted(io.cwd, resolve(io.cwd, schemaFile)))}\n`,
    );
    return 0;
  }
  io.writeFile('.taplo.toml', withTaploRule(existing, taploRule(include, dotted(io.cwd, resolve(io.cwd, schemaFile)), described)));
  // the patterns come from brud.toml, a repository file: escaped before they reach a terminal
  io.stderr(
    `brud: ${existing === undefined ? 'wrote' : 'updated'} .taplo.toml: the schema applies to ${include.map((g) => visible(g)).join(', ')}\n`,
  );
  return 0;
}

/**
 * -o with --install names where the schema goes: never the project config just read, nor .taplo.toml
 * (which gets the rule), under any name or link (brud never writes over what it reads).
 */
function refuseInstallOutput(p: Parsed, io: Io, configFile: string | undefined): void {
  const output = str(p, 'output');
  if (output === undefined) return;
  refuseOutputOverInput(p, io, 'schema', [...(configFile ? [configFile] : []), '.taplo.toml']);
  if (resolve(io.cwd, output) === resolve(io.cwd, '.taplo.toml'))
    throw new UsageError(
      `-o ${visible(output)} is .taplo.toml, where --install writes the rule: name another file for the schema`,
      'schema',
    );
}

/**
 * The existing .taplo.toml, to add the rule to; undefined when there is none. Its bytes must be UTF-8
 * (as TOML requires): decoding anything else would rewrite the bytes it could not read as U+FFFD.
 */
function readTaploConfig(io: Io): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, '.taplo.toml'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read .taplo.toml: ${visible((e as Error).message)}`, 'schema');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(
      '.taplo.toml is not valid UTF-8 (as TOML requires): brud leaves it as it is; fix its encoding, then run --install again',
      'schema',
    );
  }
}

export const command = defineCommand({ help: SCHEMA_HELP, options: OPTIONS, run });
