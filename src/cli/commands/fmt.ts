/** `brud fmt`: rewrite TOML user-data in the canonical layout, keeping comments (taplo fmt, prettier --write). */
import { format, InputError, MAX_INPUT_BYTES, visible } from '../../index.js';
import { bool, str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { collectInputs, type Input } from '../files.js';
import type { Io } from '../io.js';

export const FMT_HELP = `brud fmt: rewrite TOML user-data in the canonical layout, keeping comments

Usage: brud fmt [options] <file|directory|glob|->...

Top-level keys, headers and comments start at column 1, one space around "=", one blank
line before each table header, no trailing whitespace, one line break at the end. Key
order, values and comments are kept; the result must hold the same values or nothing is
written. Files are rewritten in place (atomically); "-" formats stdin to stdout.

Options:
  --check                 write nothing; exit 1 and name the files that would change
  --stdin-filename NAME   the name to report for input read from stdin (default: <stdin>)
  -h, --help              show this help

Exit status: 0 formatted (or, with --check, already formatted); 1 a file would change
(--check) or does not parse as TOML; 2 usage error or unreadable input.

Examples:
  brud fmt userdata.toml
  brud fmt --check nodes/
  brud fmt - < userdata.toml
`;

const OPTIONS = {
  check: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Outcome = 'same' | 'changed' | 'unreadable' | 'not-toml';

/** Formats one input: writes a changed file (unless --check), prints stdin's result, says why it could not. */
function formatInput(io: Io, input: Input, checkOnly: boolean): Outcome {
  const read = input.read();
  if (!('bytes' in read)) {
    io.stderr(`brud: cannot read ${visible(input.name)}: ${visible('error' in read ? read.error : `it is ${read.skipped}`)}\n`);
    return 'unreadable';
  }
  // the read stops one byte past the cap: formatting that prefix and writing it back would cut the file
  if (read.bytes.length > MAX_INPUT_BYTES) {
    io.stderr(
      `brud: cannot format ${visible(input.name)}: input is over ${MAX_INPUT_BYTES} bytes; brud refuses it unread [input/too-large]\n`,
    );
    return 'unreadable';
  }
  let text: string;
  let formatted: string;
  try {
    text = UTF8.decode(read.bytes);
    formatted = format(text);
  } catch (e) {
    if (!(e instanceof InputError) && !(e instanceof TypeError)) throw e;
    const why = e instanceof InputError ? e.message : 'it is not UTF-8 text';
    io.stderr(`brud: cannot format ${visible(input.name)}: ${visible(why)}\n`);
    return 'not-toml';
  }
  if (!input.file && !checkOnly) io.stdout(formatted);
  if (formatted === text) return 'same';
  if (input.file && !checkOnly) io.writeFile(input.name, formatted);
  return 'changed';
}

function run(p: Parsed, io: Io): number {
  if (p.positionals.length === 0) throw new UsageError('no input given: name files, directories or glob patterns, or "-" for stdin', 'fmt');
  const checkOnly = bool(p, 'check') === true;
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  const inputs = collectInputs(p.positionals, { cwd: io.cwd, readStdin: io.readStdin, stdinName });
  const outcomes = inputs.map((input) => ({ input, outcome: formatInput(io, input, checkOnly) }));
  const changed = outcomes.filter((o) => o.outcome === 'changed' && (o.input.file || checkOnly)).map((o) => o.input.name);
  for (const name of changed) io.stdout(`${checkOnly ? 'would reformat' : 'formatted'} ${visible(name)}\n`);
  if (checkOnly && changed.length > 0)
    io.stderr(
      `brud: ${changed.length} of ${inputs.length} ${inputs.length === 1 ? 'file is' : 'files are'} not formatted; run brud fmt to fix\n`,
    );
  if (outcomes.some((o) => o.outcome === 'unreadable')) return 2;
  return (checkOnly && changed.length > 0) || outcomes.some((o) => o.outcome === 'not-toml') ? 1 : 0;
}

export const command = defineCommand({ help: FMT_HELP, options: OPTIONS, run });
