/** `brud schema`: the JSON Schema for a variant and release, for editors and other validators. */
import { NEWEST_RELEASE, schema } from '../../index.js';
import { str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { write } from '../output.js';
import { validateRelease, validateVariant } from '../target-options.js';

export const SCHEMA_HELP = `brud schema: print the JSON Schema of Bottlerocket user-data for a variant and release

Usage: brud schema [options]

Prints a JSON Schema (draft 2020-12) with the settings the variant accepts on the release, with
descriptions, defaults and examples that editors show on hover. Without --variant, the schema
admits the namespaces of every variant.

Options:
  --variant NAME          the variant (aws-k8s-1.31, aws-ecs-2, …) or family (aws-k8s…)
  --os-version X.Y.Z      the Bottlerocket release (default: ${NEWEST_RELEASE}, the newest known)
  -o, --output FILE       write the schema to FILE instead of stdout
  -h, --help              show this help

Examples:
  brud schema --variant aws-k8s-1.31 -o bottlerocket.schema.json
  brud schema --variant aws-ecs-2 --os-version 1.40.0 > ecs.schema.json
  # then, at the top of a user-data file:  #:schema ./bottlerocket.schema.json
`;

const OPTIONS = {
  variant: { type: 'string' },
  'os-version': { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

function run(p: Parsed, io: Io): number {
  if (p.positionals.length > 0)
    throw new UsageError(
      `brud schema takes no operands (got "${p.positionals[0]}"); choose the target with --variant and --os-version`,
      'schema',
    );
  const variant = str(p, 'variant');
  const os = str(p, 'os-version');
  const options = {
    ...(variant !== undefined ? { variant: validateVariant(variant, 'schema') } : {}),
    ...(os !== undefined ? { osVersion: validateRelease(os, 'schema', io) } : {}),
  };
  write(p, io, JSON.stringify(schema(options), null, 2) + '\n');
  return 0;
}

export const command = defineCommand({ help: SCHEMA_HELP, options: OPTIONS, run });
