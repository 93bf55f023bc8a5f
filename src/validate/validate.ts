/**
 * Settings validation: the precompiled JSON Schema validator (built from schemas/ at build time) for
 * Bottlerocket's model rules, plus the target gate for what depends on the variant and release.
 * Paths only; positions are attached later.
 */
import validateUserdata, { releaseErrors } from '#generated/validate-userdata.js';
import { toPointer, type Finding } from '../model/diagnostic.js';
import type { TomlTable } from '../model/value.js';
import { loadSchema } from '../schema/bundle.js';
import type { Target } from '../targets/target.js';
import { schemaErrorsToFindings } from './ajv-errors.js';
import { checkTarget } from './gate.js';
import { codeCheckedErrors } from './repeated-sizes.js';
import { toJsonValue } from './json-input.js';

/** Runs the schema and the target checks over a decoded document. */
export function validateDocument(doc: TomlTable, target: Target): Finding[] {
  const root = loadSchema();
  const gate = checkTarget(doc, target, root);
  const json = toJsonValue(doc);
  const ok = validateUserdata(json);
  const errors = [...(ok ? [] : (validateUserdata.errors ?? [])), ...codeCheckedErrors(json, root)];
  const schemaFindings = errors.length === 0 ? [] : schemaErrorsToFindings(errors, doc, json, root);
  // each validator keeps its last errors until its next call: 80,000 of them would outlive their findings
  if (!ok) releaseErrors();
  const claimed = [...gate.claimed];
  const unclaimed = schemaFindings.filter((f) => {
    const p = toPointer(f.path);
    return !claimed.some((c) => p === c || p.startsWith(c + '/'));
  });
  return [...gate.findings, ...unclaimed];
}
