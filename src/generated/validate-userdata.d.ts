// Types of dist/generated/validate-userdata.js, the Ajv standalone validator that scripts/build-schemas.ts
// compiles from schemas/ (package.json "imports" maps #generated/* to it).
import type { ErrorObject } from 'ajv';

/** Ajv's error, plus the JSON pointer of the schema object that failed (in the bundled schema). */
export type ShippedError = ErrorObject & { schemaAt?: string };

declare const validate: ((data: unknown) => boolean) & { errors?: ShippedError[] | null };
export default validate;

/** Where the defs whose `dependentSchemas` are checked in code (src/validate/repeated-sizes.ts) are used. */
export declare const codeChecked: ReadonlyArray<{ def: string; at: readonly string[] }>;

/** Drops the errors every (sub-)validator keeps from its last call, once they have been turned into findings. */
export declare function releaseErrors(): void;
