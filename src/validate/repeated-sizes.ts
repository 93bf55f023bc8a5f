/**
 * A huge page size given twice in one table, in two units (`2Mi` and `2048Ki` name the same pool):
 * Bottlerocket refuses it (deserialize_hugepages_config in bottlerocket-os/bottlerocket-settings-sdk,
 * bottlerocket-settings-models/modeled-types/src/hugepages.rs). The schema states the rule as the
 * `dependentSchemas` of HugepagesStatic, which editors and `brud schema` keep; compiled by Ajv, those 146
 * entries were 28 % of the validator, so the build leaves them out and this checks them from the bundle,
 * giving the errors Ajv gives (test/agreement.test.ts holds the two to the same errors).
 */
import { codeChecked, type ShippedError } from '#generated/validate-userdata.js';
import { toPointer } from '../model/diagnostic.js';
import type { SchemaNode } from '../schema/bundle.js';
import type { JsonValue } from './json-input.js';

type Forbidding = { properties?: Record<string, { $ref?: string }> };

/** Ajv's errors for the code-checked `dependentSchemas`: a `not` error at each key another key forbids. */
export function codeCheckedErrors(json: JsonValue, root: SchemaNode): ShippedError[] {
  const out: ShippedError[] = [];
  for (const { def, at } of codeChecked) {
    const table = valueAt(json, at);
    if (table === undefined) continue;
    const deps = (root.$defs?.[def] as { dependentSchemas?: Record<string, Forbidding> } | undefined)?.dependentSchemas ?? {};
    // in Ajv's order: the schema's keys, then each one's properties
    for (const [key, sub] of Object.entries(deps)) {
      if (!Object.hasOwn(table, key)) continue;
      for (const [forbidden, ref] of Object.entries(sub.properties ?? {})) {
        if (!Object.hasOwn(table, forbidden)) continue;
        const target = (ref.$ref ?? '').replace(/^#/, '');
        out.push({
          instancePath: toPointer([...at, forbidden]),
          schemaPath: `#${target}/not`,
          keyword: 'not',
          params: {},
          schemaAt: target,
        });
      }
    }
  }
  return out;
}

function valueAt(json: JsonValue, path: readonly string[]): Record<string, JsonValue> | undefined {
  let cur: JsonValue | undefined = json;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur : undefined;
}
