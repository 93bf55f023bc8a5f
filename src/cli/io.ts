/**
 * The process boundary, passed into every command: tests run the CLI in-process with their own Io
 * (test/helpers.ts `runMain`), the executable with the real one (`processIo`).
 */
import { readCapped } from './files.js';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Uint8Array;
  /** Writes a whole file (paths relative to `cwd`). */
  writeFile: (path: string, text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  cwd: string;
}

export function processIo(): Io {
  const cwd = process.cwd();
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readCapped(0),
    writeFile: (path, text) => writeFileSync(resolve(cwd, path), text),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    cwd,
  };
}
