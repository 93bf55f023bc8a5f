/**
 * The executable's program: `main` with the real process boundary. bin/brud.cjs runs it from the
 * bundle (dist/brud.cjs) through a V8 code cache; nothing here runs on import of the library.
 */
import { main } from './main.js';
import { processIo } from './io.js';

export function run(argv: readonly string[]): Promise<number> {
  return main(argv, processIo());
}
