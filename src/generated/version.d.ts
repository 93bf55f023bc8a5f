// Types of dist/generated/version.js (written by scripts/build-schemas.ts from package.json).
export declare const VERSION: string;
