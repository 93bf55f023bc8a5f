/** A checked document as the node receives it through a wrapping tool, with what the tool changed. */
import { finish } from '../check/finish.js';
import type { DocumentResult } from '../check/types.js';
import type { Finding } from '../model/diagnostic.js';
import type { TomlTable } from '../model/value.js';
import type { Wrapper } from './types.js';

export type { Wrapper };

export interface Wrapped {
  /** The tool's findings (what it overrides, drops or refuses), at the user's lines. */
  findings: DocumentResult;
  /** The document as the node receives it; its `document` is the wrapped settings. */
  result: DocumentResult;
  /** Header lines for compiled output: which tool, and what it sets itself. */
  notes: string[];
}

export function applyWrapper(result: DocumentResult, wrapper: Wrapper): Wrapped {
  if (!result.document)
    return { findings: finish(result.file, [], result.source, result.locate, {}), result, notes: wrapperNotes(wrapper, []) };
  const out = applyWrapperToDocument(result.document, wrapper);
  // the user-data's own text: a document from a host file keeps the host's text in `source`
  const text = result.host ? result.host.userData : result.source;
  const textFindings = wrapper.checkText && text !== undefined ? wrapper.checkText(text) : [];
  const findings = finish(result.file, [...out.findings, ...textFindings], result.source, result.locate, {});
  const about = { ...(result.decoded ? { decoded: true } : {}), ...(result.target ? { target: result.target } : {}) };
  return { findings: { ...findings, ...about }, result: { ...result, document: out.document }, notes: out.notes };
}

/** The tool's merge applied to a document: what the node receives, the tool's findings (by path), and header notes. */
export function applyWrapperToDocument(
  document: TomlTable,
  wrapper: Wrapper,
): { document: TomlTable; findings: Finding[]; notes: string[] } {
  const out = wrapper.apply(document);
  return { document: out.document, findings: out.findings, notes: wrapperNotes(wrapper, out.toolSets) };
}

/** The header lines that say which tool the output went through and what it fills in itself. */
export function wrapperNotes(wrapper: Wrapper, toolSets: readonly string[]): string[] {
  return [`As received through ${wrapper.title}; the tool also sets:`, ...toolSets.map((s) => `  ${s}`)];
}
