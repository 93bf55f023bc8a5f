/** `brud merge BASE OVERLAY… [--set key=value]`: layered user-data, validated and normalized. */
import type { DocumentResult } from '../../check.js';
import type { Finding } from '../../diagnostics.js';
import { conflictFindings, mergeLayers, originOf, type Layer } from '../../merge/merge.js';
import { unwrapUserData } from '../../parse/input.js';
import { parseTomlText } from '../../parse/toml.js';
import { bool, oneOf, parse, str } from '../args.js';
import { UsageError } from '../errors.js';
import { collectInputs } from '../inputs.js';
import type { Io } from '../io.js';
import { SINGLE_INPUT_OPTIONS, WRAPPER_HELP, printFindings, wrapperNotes, wrapperOption, writeUserData } from '../single-input.js';
import { resolveTargetOptions, TARGET_HELP } from '../target-options.js';

export const MERGE_HELP = `brud merge: build user-data from a base and overlays

Usage: brud merge [options] <base> [<overlay>...] [--set key=value...]

Merges the inputs in order, as Bottlerocket applies several user-data sources: tables are
merged, and for any other value (arrays included) the later layer wins. --set adds one more
layer per key; its value is a TOML value (quote strings). The result is checked and written
normalized, as brud compile writes it. Every finding points at the file and line that set the
value; a key that is a table in one layer and a value in another is an error at both places.

Options:
  --set KEY=VALUE         a TOML value for a key path, e.g. --set settings.kubernetes.max-pods=110
                          or --set 'settings.motd="hello"' (repeatable; applied after the files)
  --emit FORM             toml (default), json, base64 or launch-template
  --gzip                  gzip before base64 (with --emit base64 or launch-template)
${WRAPPER_HELP}
${TARGET_HELP}
  --stdin-filename NAME   the name to report for a layer read from stdin (default: <stdin>)
  -o, --output FILE       write to FILE instead of stdout
  --color, --no-color     force colour on or off
  -h, --help              show this help

Exit status: 0 merged; 1 the result has errors or the layers conflict; 2 usage or unreadable input.

Examples:
  brud merge base.toml clusters/prod.toml > prod.toml
  brud merge base.toml --set settings.kubernetes.max-pods=110 --set 'settings.motd="prod"'
  brud merge --wrapper karpenter --emit launch-template base.toml nodeclass.toml
`;

const OPTIONS = {
  ...SINGLE_INPUT_OPTIONS,
  set: { type: 'string', multiple: true },
  emit: { type: 'string' },
  gzip: { type: 'boolean' },
  wrapper: { type: 'string' },
} as const;

/** `--set a.b."c=d"=value` → the key path and the value text, split at the first `=` outside quotes. */
function splitAssignment(expr: string): [string, string] | undefined {
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return [expr.slice(0, i).trim(), expr.slice(i + 1).trim()];
  }
  return undefined;
}

function setLayer(expr: string, n: number): Layer {
  const parts = splitAssignment(expr);
  if (!parts || parts[0] === '' || parts[1] === '') throw new UsageError(`--set needs KEY=VALUE, got "${expr}"`, 'merge');
  const text = `${parts[0]} = ${parts[1]}\n`;
  const parsed = parseTomlText(text);
  if (!parsed.ok) {
    const hint = /^[A-Za-z]/.test(parts[1]) && !/^(true|false|inf|nan)$/.test(parts[1]) ? `; strings need quotes: --set '${parts[0]}="${parts[1]}"'` : '';
    throw new UsageError(`--set ${expr}: not a TOML key and value (${parsed.finding.message})${hint}`, 'merge');
  }
  return { name: `--set[${n}]`, text, document: parsed.parsed.value, positions: parsed.parsed.positions };
}

export async function runMerge(args: string[], io: Io): Promise<number> {
  const p = parse('merge', args, OPTIONS);
  if (bool(p, 'help')) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  const emit = oneOf(p, 'emit', ['toml', 'json', 'base64', 'launch-template'], 'merge') ?? 'toml';
  const gzip = bool(p, 'gzip') === true;
  if (gzip && emit !== 'base64' && emit !== 'launch-template') throw new UsageError('--gzip goes with --emit base64 or --emit launch-template', 'merge');
  const wrapper = wrapperOption(p, 'merge');
  const sets = (p.values.set as string[] | undefined) ?? [];
  if (p.positionals.length === 0) throw new UsageError('give at least a base file ("-" for stdin)', 'merge');
  const target = await resolveTargetOptions(p, 'merge', io);

  // read and parse every layer; a layer that does not parse stops the merge at its own line
  const layers: Layer[] = [];
  const unreadable: DocumentResult[] = [];
  const { finish, analyzeDocument } = await import('../../check.js');
  for (const input of collectInputs(p.positionals, io.readStdin, str(p, 'stdin-filename') ?? '<stdin>', undefined, true)) {
    if (!input.bytes) {
      io.stderr(`brud: cannot read ${input.name}: ${input.error}\n`);
      return 2;
    }
    const docs = unwrapUserData(input.name, input.bytes);
    if (docs.length !== 1) throw new UsageError(`${input.name} holds ${docs.length} user-data documents; merge takes one per file`, 'merge');
    const [doc] = docs;
    const parsed = doc.text !== undefined ? parseTomlText(doc.text) : undefined;
    if (!parsed || !parsed.ok) {
      const findings = parsed ? [...doc.findings, parsed.finding] : doc.findings;
      unreadable.push(finish(input.name, findings, doc.text, undefined, {}));
      continue;
    }
    layers.push({ name: input.name, text: doc.text!, document: parsed.parsed.value, positions: parsed.parsed.positions });
  }
  if (unreadable.length > 0) {
    printFindings(io, p, unreadable.map((result) => ({ result, path: result.file })));
    return 1;
  }
  sets.forEach((expr, i) => layers.push(setLayer(expr, i + 1)));

  const merged = mergeLayers(layers);
  const options = target.optionsFor(layers[0].name);
  const analysis = analyzeDocument(merged.document, options);
  const perLayer: Finding[][] = layers.map(() => []);
  const place = (f: Finding) => perLayer[originOf(merged, f.path) ?? 0].push(f);
  analysis.findings.forEach(place);
  for (const { layer, finding } of conflictFindings(merged.conflicts)) perLayer[layer].push(finding);
  let document = merged.document;
  let notes: string[] = [];
  if (wrapper) {
    const out = wrapper.apply(document);
    out.findings.forEach(place);
    if (wrapper.checkText) layers.forEach((l, i) => perLayer[i].push(...wrapper.checkText!(l.text)));
    document = out.document;
    notes = wrapperNotes(wrapper, out.toolSets);
  }
  const results = layers.map((l, i) => ({ ...finish(l.name, perLayer[i], l.text, l.positions, options), target: analysis.target }));
  printFindings(io, p, results.map((result) => ({ result, path: result.file })));
  if (results.some((r) => r.errorCount > 0)) return 1;

  const { compileResult } = await import('../../compile/compile.js');
  const header = [`Merged from: ${layers.map((l) => l.name).join(', ')} (later wins).`, ...notes];
  const compiled = compileResult({ file: 'merged', diagnostics: [], errorCount: 0, warningCount: 0, document, target: analysis.target }, header);
  return writeUserData(p, io, compiled, emit, gzip, 'merged user-data');
}
