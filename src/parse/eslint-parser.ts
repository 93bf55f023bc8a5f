/**
 * toml-eslint-parser, whose messages describe a document that does not parse (`./toml.ts`). The library
 * imports it here; the CLI bundle (scripts/build.mjs) puts in place of this module one that requires it
 * on the first call, so that a run whose files all parse never loads it.
 */
import * as parser from 'toml-eslint-parser';

export function eslintParser(): typeof parser {
  return parser;
}
