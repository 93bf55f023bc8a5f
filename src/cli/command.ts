/** The shape of a command module: its help text, its options, and what it runs (after --help is handled). */
import type { OptionSpec, Parsed } from './args.js';
import type { Io } from './io.js';

export interface Command {
  help: string;
  options: OptionSpec;
  run(p: Parsed, io: Io): number | Promise<number>;
}

export function defineCommand(command: Command): Command {
  return command;
}
