/**
 * The check pipeline for one input: unwrap → parse → document shape → target → schema and target
 * checks → lint rules → positions. Each stage reports findings by key path; positions are attached
 * at the end from the parse tree.
 */
import { unwrapUserData, type SourceDocument } from '../input/unwrap.js';
import type { Finding } from '../model/diagnostic.js';
import { isTable, type TomlTable } from '../model/value.js';
import { parseTomlText } from '../parse/toml.js';
import { hints } from '../util/hints.js';
import { LINT_RULES } from '../rules/registry.js';
import { runLintRule } from '../rules/types.js';
import { verdict } from '../rules/verdicts.js';
import { loadSchema, namespacesWithKey } from '../schema/bundle.js';
import { FACTS, hasFact } from '../targets/facts.js';
import { NEWEST_RELEASE } from '../targets/releases.js';
import type { Target } from '../targets/target.js';
import { closest } from '../util/suggest.js';
import { validateDocument } from '../validate/validate.js';
import { depthFinding } from './depth.js';
import { finish, severityOf } from './finish.js';
import { resolveTarget } from './resolve-target.js';
import type { CheckOptions, DocumentResult } from './types.js';

/** Checks the bytes of one input, which may hold several documents (launch-template versions). */
export function checkBytes(name: string, bytes: Uint8Array, options: CheckOptions = {}): DocumentResult[] {
  return unwrapUserData(name, bytes).map((doc) => ({
    ...checkSource(doc, options),
    ...(doc.slot ? { slot: doc.slot } : {}),
    ...(doc.wrappings.length > 0 ? { decoded: true } : {}),
  }));
}

function checkSource(src: SourceDocument, options: CheckOptions): DocumentResult {
  const findings: Finding[] = [...src.findings];
  const text = src.text;
  if (text === undefined) return finish(src.name, findings, undefined, undefined, options);
  if (text.trim() === '') {
    findings.push(emptyFinding(options.osVersion ?? NEWEST_RELEASE));
    return finish(src.name, findings, text, undefined, options);
  }
  const parsed = parseTomlText(text);
  if (!parsed.ok) {
    findings.push(parsed.finding);
    return finish(src.name, findings, text, undefined, options);
  }
  const doc = parsed.parsed.value;
  const positions = parsed.parsed.positions;
  const locate = (path: ReadonlyArray<string | number>, at?: 'key' | 'value') => positions.locate({ path, at });
  const tooDeep = depthFinding(doc);
  if (tooDeep) {
    // refused like a parse error: no document, so no later stage walks the tree
    findings.push(tooDeep);
    return finish(src.name, findings, text, locate, options);
  }
  const analysis = analyzeDocument(doc, options);
  findings.push(...analysis.findings);
  const result = finish(src.name, findings, text, locate, options);
  return { ...result, ...(analysis.target ? { target: analysis.target } : {}), document: doc, locate };
}

function emptyFinding(release: string): Finding {
  return hasFact('emptyUserDataOk', release)
    ? verdict('document/empty', 'noSettings', {}, { span: 'input' })
    : verdict('document/empty', 'rejected', { since: FACTS.emptyUserDataOk.since }, { span: 'input', severity: 'error' });
}

/**
 * Everything after parsing, on a decoded document: its shape, the target, the schema and target
 * checks, and (when Bottlerocket would accept it) the lint rules. Findings carry paths only.
 */
export function analyzeDocument(doc: TomlTable, options: CheckOptions = {}): { findings: Finding[]; target?: Target } {
  const findings: Finding[] = documentShape(doc);
  const settings = isTable(doc.settings) ? doc.settings : undefined;
  const resolved = resolveTarget(settings, options);
  findings.push(...resolved.findings);
  const target = resolved.target;
  if (!target) return { findings };
  findings.push(...validateDocument(doc, target));
  // lints look at the meaning of valid settings; on a rejected document they would only add noise
  if (!findings.some((f) => severityOf(f, options) === 'error')) {
    for (const rule of LINT_RULES) findings.push(...runLintRule(rule, { doc, settings, target }));
  }
  return { findings, target };
}

/** Top-level keys other than `settings` are dropped by Bottlerocket without a word. */
function documentShape(doc: TomlTable): Finding[] {
  const namespaces = Object.keys(loadSchema().$defs?.settings?.properties ?? {});
  return Object.keys(doc)
    .filter((k) => k !== 'settings')
    .map((key) => {
      const homes = namespacesWithKey(key);
      const guess = namespaces.includes(key) ? `settings.${key}` : homes.length === 1 ? `${homes[0]}.${key}` : closest(key, ['settings']);
      return verdict('document/ignored-key', 'ignored', { key, hint: hints.didYouMean(guess) }, { path: [key], at: 'key' });
    });
}
