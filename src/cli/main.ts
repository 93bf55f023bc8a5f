/**
 * The command-line entry: dispatches to a command, turns usage errors into `brud: …` and exit 2, and
 * any unexpected failure into one line (the stack only with BRUD_DEBUG=1).
 */
import { writeFileSync } from 'node:fs';
import { readCapped } from './inputs.js';
import { closest } from '../validate/suggest.js';
import { hasOwn } from '../own.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { toolVersion } from './version.js';

type Run = (args: string[], io: Io) => number | Promise<number>;
/** Commands load their module only when run, so `--help` and `--version` stay fast. */
type Command = { load: () => Promise<Run>; summary: string };

const COMMANDS: Record<string, Command> = {
  check: {
    load: async () => (await import('./commands/check.js')).runCheck,
    summary: 'validate user-data as Bottlerocket would (TOML, settings model, variant, release, lints)',
  },
  schema: {
    load: async () => (await import('./commands/schema.js')).runSchema,
    summary: 'print the JSON Schema for a variant and release (for editors)',
  },
  compile: {
    load: async () => (await import('./commands/compile.js')).runCompile,
    summary: 'normalized settings (TOML or JSON), the boot plan, or EC2 user-data (base64, launch template)',
  },
  plan: {
    load: async () => (await import('./commands/plan.js')).runPlan,
    summary: 'the boot execution plan: what runs, in which order, on which boot, what a failure stops',
  },
  diff: {
    load: async () => (await import('./commands/diff.js')).runDiff,
    summary: 'what changes on the node between two versions: settings by key path, and the boot plan',
  },
  merge: {
    load: async () => (await import('./commands/merge.js')).runMerge,
    summary: 'build user-data from a base and overlays (later wins), with provenance of every setting',
  },
  explain: {
    load: async () => (await import('./commands/explain.js')).runExplain,
    summary: 'describe a setting: type, rule, default, variants, release, example',
  },
};

function suggestCommand(name: string): string {
  const guess = closest(name, Object.keys(COMMANDS));
  return guess ? `; did you mean "${guess}"?` : '';
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `brud: the pre-flight compiler and validator for Bottlerocket user-data

Usage: brud <command> [options]

Commands:
${list}

Run "brud <command> --help" for a command's options and examples.

Options:
  -h, --help     show this help
  -v, --version  print brud's version

Examples:
  brud check userdata.toml
  brud check --variant aws-k8s-1.31 --format github nodes/
  brud plan userdata.toml
  brud compile --emit launch-template --gzip userdata.toml
  brud explain kubernetes.max-pods
  brud schema --variant aws-k8s-1.31 -o bottlerocket.schema.json
`;
}

let pipeGuard = false;

export function defaultIo(): Io {
  // a reader that goes away (`brud … | head -1`) is not an error: stop quietly
  if (!pipeGuard) {
    pipeGuard = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readCapped(0),
    writeFile: (path, text) => writeFileSync(path, text),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      // no command is a usage error: the help goes to stderr so a script's stdout stays empty
      io.stderr(mainHelp());
      return 2;
    }
    if (first === '-h' || first === '--help' || first === 'help') {
      if (first === 'help' && rest[0] !== undefined) {
        if (!hasOwn(COMMANDS, rest[0])) throw new UsageError(`unknown command "${rest[0]}"${suggestCommand(rest[0])}`);
        return await (await COMMANDS[rest[0]].load())(['--help'], io);
      }
      io.stdout(mainHelp());
      return 0;
    }
    if (first === '-v' || first === '--version') {
      io.stdout(`brud ${toolVersion()}\n`);
      return 0;
    }
    const command = hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!command) {
      throw new UsageError(`unknown command "${first}"${suggestCommand(first)}`);
    }
    return await (await command.load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const help = e.command ? `brud ${e.command} --help` : 'brud --help';
      io.stderr(`brud: ${e.message}\nRun "${help}" for usage.\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EPIPE') {
      io.stderr(`brud: ${err.message}\n`);
      return 2;
    }
    io.stderr(`brud: internal error: ${err.message ?? String(e)}\n${io.env.BRUD_DEBUG ? `${err.stack}\n` : 'Set BRUD_DEBUG=1 for details, and please report it.\n'}`);
    return 2;
  }
}
