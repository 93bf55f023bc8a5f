/**
 * The process boundary, passed into every command: tests run the CLI in-process with their own Io
 * (test/helpers.ts `runCli`), the executable with the real one (`processIo`).
 *
 * The real one writes with fs.writeSync, so a failed write (a reader that went away, a full disk) is
 * an error at the call, which the CLI reports in one line with exit status 2, never a stack trace; and
 * files named by -o are written atomically: to a temporary file in the same directory, then renamed.
 */
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readCapped } from './files.js';

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

/** A write to stdout, stderr or an output file failed: brud's own I/O failure (exit 2). */
export class OutputError extends Error {
  constructor(
    readonly target: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** All of `text` to a descriptor; a non-blocking pipe that is full (EAGAIN) is waited on, any other error thrown. */
function writeAll(fd: number, text: string, target: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN') throw new OutputError(target, code, `cannot write ${target}: ${(e as Error).message}`);
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/**
 * Writes a file through a temporary file in the same directory and a rename, so no reader sees half of
 * it. A symbolic link is written through: the file it names is replaced, the link stays a link. A path
 * that names something other than a regular file (/dev/stdout, a FIFO), or a file with other hard links,
 * is written in place: renaming over a device would replace the device, and over a hard-linked file would
 * split it from its other names (as Prettier and ESLint do, which write in place).
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = realTarget(path);
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing && (!existing.isFile() || existing.nlink > 1)) return writeInPlace(target, text);
  const dir = dirname(target);
  // a short name: the file's own name plus a suffix could pass NAME_MAX (255 bytes) for a legal file name
  const temp = join(dir, `.brud-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    // a file written over keeps its permissions (brud check --fix rewrites inputs in place)
    const mode = existing ? existing.mode & 0o777 : 0o644;
    const fd = openSync(temp, 'wx', mode);
    try {
      if (existing) fchmodSync(fd, mode);
      writeAll(fd, text, path);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the temporary file could not be made either: nothing to remove
    }
    if (e instanceof OutputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(path, err.code, `cannot write ${path}: ${err.message}`);
  }
}

/** The file a path names, through symbolic links; the path itself when it does not exist yet. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function writeInPlace(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(path, err.code, `cannot write ${path}: ${err.message}`);
  }
  try {
    writeAll(fd, text, path);
  } finally {
    closeSync(fd);
  }
}

export function processIo(): Io {
  const cwd = process.cwd();
  return {
    stdout: (t) => writeAll(1, t, 'the output'),
    stderr: (t) => writeAll(2, t, 'stderr'),
    readStdin: () => readCapped(0),
    writeFile: (path, text) => writeFileAtomic(resolve(cwd, path), text),
    env: process.env,
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    cwd,
  };
}

/**
 * Whether a descriptor is a terminal. node:tty loads net and the streams with it (about 1.5 ms of
 * start-up), so it is asked only about a character device other than /dev/null: a pipe, a file or
 * /dev/null (where a caller throws the output away), as in CI and in hooks, never loads it.
 */
function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    rdev = stat.rdev;
  } catch {
    return false;
  }
  const devNull = statSync('/dev/null', { throwIfNoEntry: false });
  if (devNull?.isCharacterDevice() && devNull.rdev === rdev) return false;
  return process.getBuiltinModule('node:tty').isatty(fd);
}
