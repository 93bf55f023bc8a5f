/** `brud diff OLD NEW`: what changes on the node between two versions of user-data. */
import {
  check,
  diff,
  diffJson,
  diffMarkdown,
  diffText,
  InputError,
  isHostFormat,
  loadHostFormats,
  visible,
  wrap,
  type DiffReport,
  type DocumentResult,
} from '../../index.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectInputs } from '../files.js';
import { bool, oneOf, str, type Parsed } from '../args.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { checkOperand, SINGLE_INPUT_HELP, SINGLE_INPUT_OPTIONS, WRAPPER_HELP, wrapOperand, wrapperFor, wrapperOption } from '../operand.js';
import { printFindings, stdoutColor, write } from '../output.js';
import { resolveTargetOptions, TARGET_HELP, type ResolvedTarget } from '../target-options.js';

export const DIFF_HELP = `brud diff: what changes on the node between two versions of user-data

Usage: brud diff [options] <old> <new>

Compares the normalized settings key by key and the boot plans step by step: formatting,
comments, key order, dotted keys versus tables, and aliases make no difference. Each side may
be a TOML file, base64 or gzip user-data, launch-template JSON (lt.json#3 picks version 3),
a file user-data lives in (nodeclass.yaml#EC2NodeClass/gpu picks one document; two manifests
of several documents are compared document by document, matched by name), REV:PATH for a
file as a git revision has it (main:nodes/a.toml, read with git cat-file), or "-" for stdin.
Secrets (aws.credentials, registry passwords…) are masked.

Options:
  -f, --format FORMAT     text (a summary and a unified diff of the canonical TOML), json
                          or markdown (a pull-request comment)
  --show-secrets          print secret values instead of masking them
${WRAPPER_HELP}
${TARGET_HELP}
${SINGLE_INPUT_HELP}
  --color, --no-color     force colour on or off
  -h, --help              show this help

Exit status: 0 same settings and plan; 1 different; 2 usage error or unreadable input.

Examples:
  brud diff userdata.toml userdata.new.toml
  brud diff main:nodes/userdata.toml nodes/userdata.toml
  brud diff main:karpenter/nodeclass.yaml karpenter/nodeclass.yaml
  brud diff --format json lt.json#3 lt.json#4
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  format: { type: 'string', short: 'f' },
  'show-secrets': { type: 'boolean' },
  wrapper: { type: 'string' },
} as const;

async function run(p: Parsed, given: Io): Promise<number> {
  // stdin is read once, whichever way the sides are then read
  let stdin: Uint8Array | undefined;
  const io: Io = { ...given, readStdin: () => (stdin ??= given.readStdin()) };
  const format = oneOf(p, 'format', ['text', 'json', 'markdown'], 'diff') ?? 'text';
  const wrapperGiven = wrapperOption(p, 'diff');
  if (p.positionals.length !== 2) throw new UsageError('give two inputs: the old and the new user-data ("-" for stdin)', 'diff');
  if (p.positionals.filter((x) => x === '-').length > 1) throw new UsageError('only one side can be read from stdin', 'diff');
  const target = resolveTargetOptions(p, 'diff', io);
  const manifests = await manifestSides(p, io, target);
  if (manifests) return diffManifests(manifests, p, io, { format, wrapper: wrapperGiven });
  return diffDocuments(p, io, target, { format, wrapper: wrapperGiven });
}

interface DiffSettings {
  format: string;
  wrapper: string | undefined;
}

/** One document on each side (the usual case, and a manifest's document named with #). */
async function diffDocuments(p: Parsed, io: Io, target: ResolvedTarget, { format, wrapper: given }: DiffSettings): Promise<number> {
  const sides: DocumentResult[] = [];
  for (const operand of p.positionals) {
    const loaded = await checkOperand({ operand, command: 'diff', target, allowErrors: true }, p, io);
    if (!loaded.ok) return 2;
    const wrapper = wrapperFor(given, loaded.result);
    if (!wrapper) {
      sides.push(loaded.result);
      continue;
    }
    const wrapped = wrapOperand(loaded, wrapper, io, p);
    if (!wrapped.ok) return 2;
    sides.push(wrapped.wrapped.result);
  }
  const [oldName, newName] = p.positionals.map((x) => (x === '-' ? (str(p, 'stdin-filename') ?? '<stdin>') : x)) as [string, string];
  const report = diff(sides[0]!, sides[1]!, { showSecrets: bool(p, 'show-secrets') === true, oldName, newName });
  const out = format === 'json' ? diffJson(report) : format === 'markdown' ? diffMarkdown(report) : diffText(report, stdoutColor(p, io));
  write(p, io, out);
  return report.equal && report.plan.equal ? 0 : 1;
}

interface Side {
  name: string;
  results: DocumentResult[];
}

/**
 * Both sides read whole, when at least one is a host file holding several documents and neither names
 * one (`file#EC2NodeClass/gpu`): they are then compared document by document. Otherwise undefined.
 */
async function manifestSides(p: Parsed, io: Io, target: ResolvedTarget): Promise<[Side, Side] | undefined> {
  const sides: Side[] = [];
  const stdinName = str(p, 'stdin-filename') ?? '<stdin>';
  for (const operand of p.positionals) {
    const hash = operand.indexOf('#');
    if (hash > 0 && !existsSync(resolve(io.cwd, operand)) && existsSync(resolve(io.cwd, operand.slice(0, hash)))) return undefined;
    const inputs = collectInputs([operand], { cwd: io.cwd, readStdin: io.readStdin, stdinName, excluded: target.excluded });
    const read = inputs.length === 1 ? inputs[0]!.read() : undefined;
    if (!read || !('bytes' in read) || !isHostFormat(read.bytes, inputs[0]!.name)) return undefined;
    await loadHostFormats();
    const { options } = target.optionsFor(inputs[0]!.file ? inputs[0]!.name : '-');
    sides.push({ name: inputs[0]!.name, results: check(read.bytes, { name: inputs[0]!.name, ...options }) });
  }
  return sides.some((s) => s.results.length > 1) ? (sides as [Side, Side]) : undefined;
}

/** Two manifests, document by document: matched by their name in the file (`#EC2NodeClass/gpu`). */
function diffManifests([before, after]: [Side, Side], p: Parsed, io: Io, { format, wrapper }: DiffSettings): number {
  printFindings(io, p, [
    ...before.results.map((r) => ({ result: r, path: before.name })),
    ...after.results.map((r) => ({ result: r, path: after.name })),
  ]);
  const key = (side: Side, r: DocumentResult) => r.file.slice(side.name.length);
  const keys = [...new Set([...before.results.map((r) => key(before, r)), ...after.results.map((r) => key(after, r))])];
  const parts: Array<{ key: string; report?: DiffReport; only?: 'old' | 'new'; error?: string }> = [];
  for (const k of keys) {
    const a = before.results.find((r) => key(before, r) === k);
    const b = after.results.find((r) => key(after, r) === k);
    if (!a || !b) {
      parts.push({ key: k, only: a ? 'old' : 'new' });
      continue;
    }
    const through = (r: DocumentResult) => {
      const w = wrapper ?? r.host?.wrapper;
      return w && r.document ? wrap(r, w).result : r;
    };
    try {
      parts.push({
        key: k,
        report: diff(through(a), through(b), { showSecrets: bool(p, 'show-secrets') === true, oldName: a.file, newName: b.file }),
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      parts.push({ key: k, error: e.message });
    }
  }
  write(p, io, manifestOutput(parts, format, before.name, after.name, stdoutColor(p, io)));
  return parts.every((x) => x.report && x.report.equal && x.report.plan.equal) ? 0 : 1;
}

function manifestOutput(
  parts: ReadonlyArray<{ key: string; report?: DiffReport; only?: 'old' | 'new'; error?: string }>,
  format: string,
  oldName: string,
  newName: string,
  color: boolean,
): string {
  if (format === 'json') {
    const documents = parts.map((x) =>
      x.report
        ? { document: x.key, ...(JSON.parse(diffJson(x.report)) as object) }
        : { document: x.key, ...(x.only ? { only: x.only } : { error: x.error }) },
    );
    return JSON.stringify({ old: oldName, new: newName, documents }, null, 2) + '\n';
  }
  return parts
    .map((x) => {
      if (x.report) return format === 'markdown' ? diffMarkdown(x.report) : diffText(x.report, color);
      if (x.only) return `${visible(x.only === 'old' ? oldName : newName)}${visible(x.key)}: only in the ${x.only} file\n`;
      return `${visible(x.key)}: ${visible(x.error ?? '')}\n`;
    })
    .join('\n');
}

export const command = defineCommand({ help: DIFF_HELP, options: OPTIONS, run });
