// Types of dist/generated/schema.js: the bundled schemas/ as one document (written by scripts/build-schemas.ts).
import type { SchemaNode } from '../schema/bundle.js';

/** The bundled schema, parsed on first use. */
export function bundledSchema(): SchemaNode;
