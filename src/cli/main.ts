/**
 * The command-line entry: dispatches to a command, turns usage errors into `brud: …` and exit 2, and
 * any unexpected failure into one line (the stack only with BRUD_DEBUG=1).
 */
import { closest, ISSUES_URL, VERSION, visible } from '../index.js';
import { bool, parse } from './args.js';
import type { Command } from './command.js';
import { UsageError } from './errors.js';
import { OutputError, type Io } from './io.js';

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

/** Commands load their module only when run, so `--help` and `--version` stay fast. */
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  check: {
    summary: 'validate user-data as Bottlerocket would (TOML, settings model, variant, release, lints)',
    load: async () => (await import('./commands/check.js')).command,
  },
  schema: {
    summary: 'print the JSON Schema for a variant and release (for editors)',
    load: async () => (await import('./commands/schema.js')).command,
  },
  compile: {
    summary: 'normalized settings (TOML or JSON), the boot plan, or EC2 user-data (base64, launch template)',
    load: async () => (await import('./commands/compile.js')).command,
  },
  plan: {
    summary: 'the boot execution plan: what runs, in which order, on which boot, what a failure stops',
    load: async () => (await import('./commands/plan.js')).command,
  },
  diff: {
    summary: 'what changes on the node between two versions: settings by key path, and the boot plan',
    load: async () => (await import('./commands/diff.js')).command,
  },
  merge: {
    summary: 'build user-data from a base and overlays (later wins), with provenance of every setting',
    load: async () => (await import('./commands/merge.js')).command,
  },
  explain: {
    summary: 'describe a setting: type, rule, default, variants, release, example',
    load: async () => (await import('./commands/explain.js')).command,
  },
  fmt: {
    summary: 'rewrite TOML user-data in the canonical layout, keeping comments (--check for CI)',
    load: async () => (await import('./commands/fmt.js')).command,
  },
  completion: {
    summary: 'print a shell completion script (bash, zsh or fish)',
    load: async () => (await import('./completion.js')).completionCommand(completedCommands),
  },
};

/** Every command with its options, for the completion scripts. */
async function completedCommands(): Promise<Array<{ name: string; summary: string; options: Command['options'] }>> {
  return Promise.all(Object.entries(COMMANDS).map(async ([name, c]) => ({ name, summary: c.summary, options: (await c.load()).options })));
}

export const COMMAND_NAMES = Object.keys(COMMANDS);

export function mainHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((c) => c.length));
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

function commandNamed(name: string): CommandEntry {
  if (Object.hasOwn(COMMANDS, name)) return COMMANDS[name]!;
  const guess = closest(name, COMMAND_NAMES);
  throw new UsageError(`unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
}

async function runCommand(name: string, args: string[], io: Io): Promise<number> {
  const command = await commandNamed(name).load();
  const p = parse(name, args, command.options);
  if (bool(p, 'help')) {
    io.stdout(command.help);
    return 0;
  }
  return command.run(p, io);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      // no command is a usage error: the help goes to stderr so a script's stdout stays empty
      io.stderr(mainHelp());
      return 2;
    }
    if (first === '-h' || first === '--help' || first === 'help') {
      if (first === 'help' && rest[0] !== undefined) return await runCommand(rest[0], ['--help'], io);
      io.stdout(mainHelp());
      return 0;
    }
    if (first === '-v' || first === '--version') {
      io.stdout(`brud ${VERSION}\n`);
      return 0;
    }
    return await runCommand(first, rest, io);
  } catch (e) {
    return failure(e, io);
  }
}

/** What a failed run prints: a usage error with where to find help, an I/O error in one line, else an internal error. */
function failure(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    const help = e.command ? `brud ${e.command} --help` : 'brud --help';
    return say(io, `brud: ${visible(e.message)}\nRun "${help}" for usage.\n`);
  }
  // a reader that went away (EPIPE) needs no explanation, and stderr itself may be gone
  if (e instanceof OutputError) return e.code === 'EPIPE' || e.target === 'stderr' ? 2 : say(io, `brud: ${visible(e.message)}\n`);
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'ENOSPC')
    return say(io, `brud: ${visible(err.message)}\n`);
  const details = io.env.BRUD_DEBUG ? `${err.stack}\n` : `Set BRUD_DEBUG=1 for details, and please report it at ${ISSUES_URL}\n`;
  return say(io, `brud: internal error: ${visible(err.message ?? String(e))}\n${details}`);
}

/** Prints a failure on stderr, if stderr can still be written; the status is 2 either way. */
function say(io: Io, text: string): number {
  try {
    io.stderr(text);
  } catch {
    // stderr is gone: the exit status is all that is left to say it
  }
  return 2;
}
