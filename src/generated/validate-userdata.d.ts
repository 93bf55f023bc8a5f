// Types of dist/generated/validate-userdata.js, the Ajv standalone validator that scripts/build-schemas.ts
// compiles from schemas/ (package.json "imports" maps #generated/* to it).
import type { ErrorObject } from 'ajv';

declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
