/**
 * What the playground's bundle gets for node:fs and node:path: only the project-config loader
 * (src/config/config.ts) imports them, and the page never calls it. Calling one says so.
 */
function unavailable(name: string): never {
  throw new Error(`${name} is not available in the browser (brud's playground reads no files)`);
}

export const sep = '/';
export const existsSync = (): never => unavailable('existsSync');
export const readFileSync = (): never => unavailable('readFileSync');
export const dirname = (): never => unavailable('dirname');
export const join = (): never => unavailable('join');
export const relative = (): never => unavailable('relative');
export const resolve = (): never => unavailable('resolve');
