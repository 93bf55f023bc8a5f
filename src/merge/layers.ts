/**
 * `merge`: user-data built from a base and overlays (and `--set` assignments), checked as one document,
 * with every finding placed at the layer and line that wrote the value.
 */
import { depthFinding } from '../check/depth.js';
import { finish } from '../check/finish.js';
import { analyzeDocument } from '../check/pipeline.js';
import type { CheckOptions, DocumentResult } from '../check/types.js';
import { compileResult, type Compiled } from '../compile/compile.js';
import { unwrapUserData } from '../input/unwrap.js';
import type { Finding } from '../model/diagnostic.js';
import { InputError, OptionError } from '../model/errors.js';
import type { Span } from '../model/diagnostic.js';
import { parseTomlText, type ParsedToml } from '../parse/toml.js';
import { applyWrapperToDocument, type Wrapper } from '../wrappers/apply.js';
import { isTable, type TomlValue } from '../model/value.js';
import { visible } from '../util/escape.js';
import { canonicalLayer } from './aliases.js';
import { conflictFindings, mergeLayers, originOf, type Layer } from './merge.js';

type ParseSuccess = ParsedToml;

export interface MergeInput {
  name: string;
  bytes: Uint8Array;
}

export interface MergeOptions extends CheckOptions {
  /** `KEY=VALUE` assignments applied after the inputs, each a layer of its own (VALUE is a TOML value). */
  set?: readonly string[];
  wrapper?: Wrapper;
}

export interface MergeResult {
  /** One result per layer (the inputs, then each assignment), holding the findings at that layer's lines. */
  layers: DocumentResult[];
  errorCount: number;
  warningCount: number;
  /** The merged user-data, normalized, when no layer has errors. */
  compiled?: Compiled;
}

interface ParsedLayer extends Layer {
  text: string;
  locate: (path: ReadonlyArray<string | number>, at?: 'key' | 'value') => Span;
}

export function mergeDocuments(inputs: readonly MergeInput[], options: MergeOptions = {}): MergeResult {
  if (inputs.length === 0) throw new OptionError('merge needs at least a base document');
  const layers: ParsedLayer[] = [];
  const unparsed: DocumentResult[] = [];
  for (const input of inputs) {
    const docs = unwrapUserData(input.name, input.bytes);
    if (docs.length !== 1) throw new InputError(`${input.name} holds ${docs.length} user-data documents; merge takes one per file`);
    const doc = docs[0]!;
    const parsed = doc.text !== undefined ? parseTomlText(doc.text) : undefined;
    if (!parsed?.ok) {
      unparsed.push(finish(input.name, parsed ? [...doc.findings, parsed.finding] : doc.findings, doc.text, undefined, {}));
      continue;
    }
    const tooDeep = depthFinding(parsed.parsed.value);
    if (tooDeep) {
      const { positions } = parsed.parsed;
      unparsed.push(finish(input.name, [...doc.findings, tooDeep], doc.text, (path, at) => positions.locate({ path, at }), {}));
      continue;
    }
    layers.push(parsedLayer(input.name, doc.text!, parsed.parsed));
  }
  if (unparsed.length > 0) return totals(unparsed);
  (options.set ?? []).forEach((expr, i) => layers.push(setLayer(expr, i + 1)));
  return mergeParsed(layers, options);
}

/** A parsed layer with its aliases resolved; findings at canonical paths are located where the layer wrote them. */
function parsedLayer(name: string, text: string, parsed: ParseSuccess): ParsedLayer {
  const canonical = canonicalLayer(parsed.value);
  const locate = (path: ReadonlyArray<string | number>, at?: 'key' | 'value') =>
    parsed.positions.locate({ path: canonical.written(path), at });
  return { name, text, document: canonical.document, locate };
}

function mergeParsed(layers: ParsedLayer[], options: MergeOptions): MergeResult {
  const merged = mergeLayers(layers);
  const analysis = analyzeDocument(merged.document, options);
  const perLayer: Finding[][] = layers.map(() => []);
  const place = (f: Finding) => perLayer[originOf(merged, f.path) ?? 0]!.push(f);
  analysis.findings.forEach(place);
  for (const { layer, finding } of conflictFindings(merged.conflicts)) perLayer[layer]!.push(finding);
  let document = merged.document;
  let notes: string[] = [];
  if (options.wrapper) {
    const out = applyWrapperToDocument(document, options.wrapper);
    out.findings.forEach(place);
    if (options.wrapper.checkText) layers.forEach((l, i) => perLayer[i]!.push(...options.wrapper!.checkText!(l.text)));
    document = out.document;
    notes = out.notes;
  }
  const target = analysis.target;
  const results = layers.map((l, i) => ({ ...finish(l.name, perLayer[i]!, l.text, l.locate, options), ...(target ? { target } : {}) }));
  const result = totals(results);
  if (result.errorCount > 0) return result;
  const header = [`Merged from: ${layers.map((l) => l.name).join(', ')} (later wins).`, ...notes];
  const compiled = compileResult(
    { file: 'merged', diagnostics: [], errorCount: 0, warningCount: 0, fatal: false, document, ...(target ? { target } : {}) },
    header,
  );
  return { ...result, compiled };
}

function totals(layers: DocumentResult[]): MergeResult {
  return { layers, errorCount: layers.reduce((n, r) => n + r.errorCount, 0), warningCount: layers.reduce((n, r) => n + r.warningCount, 0) };
}

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

/** The one key path a `--set` key names, or undefined when the text is anything else (two keys, a table…). */
function singlePath(key: string): string[] | undefined {
  const parsed = parseTomlText(`${key} = 0\n`);
  if (!parsed.ok) return undefined;
  const path: string[] = [];
  let cur: TomlValue = parsed.parsed.value;
  while (isTable(cur)) {
    const keys: string[] = Object.keys(cur);
    const only = keys[0];
    if (keys.length !== 1 || only === undefined) return undefined;
    path.push(only);
    cur = cur[only]!;
  }
  return cur === 0 ? path : undefined;
}

/**
 * A `--set KEY=VALUE` layer. The key and the value are each parsed on their own and must be exactly
 * one key path and one value: text that smuggles more in (a newline and a table header, a second
 * key) is refused, so a pipeline that builds --set from untrusted text cannot add other settings.
 */
function setLayer(expr: string, n: number): ParsedLayer {
  const parts = splitAssignment(expr);
  if (!parts || parts[0] === '' || parts[1] === '') throw new OptionError(`--set needs KEY=VALUE, got "${visible(expr)}"`);
  const [key, value] = parts;
  if (!singlePath(key)) throw new OptionError(`--set ${visible(expr)}: "${visible(key)}" is not one TOML key path`);
  const valueOnly = parseTomlText(`v = ${value}\n`);
  if (!valueOnly.ok || Object.keys(valueOnly.parsed.value).length !== 1) {
    const why = valueOnly.ok ? 'it holds more than one value' : valueOnly.finding.message;
    const hint = /^[A-Za-z]/.test(value) && !/^(true|false|inf|nan)$/.test(value) ? `; strings need quotes: --set '${key}="${value}"'` : '';
    throw new OptionError(`--set ${visible(expr)}: not one TOML value (${why})${visible(hint)}`);
  }
  const text = `${key} = ${value}\n`;
  const parsed = parseTomlText(text);
  if (!parsed.ok) throw new OptionError(`--set ${visible(expr)}: ${parsed.finding.message}`);
  return parsedLayer(`--set[${n}]`, text, parsed.parsed);
}
