/**
 * Karpenter's EC2NodeClass (karpenter.k8s.aws v1 and v1beta1) in Kubernetes YAML. A node class is
 * Bottlerocket when `spec.amiFamily` is Bottlerocket or (v1) an `amiSelectorTerms` alias is
 * `bottlerocket@…`; its `spec.userData` is the user's TOML, which Karpenter merges with its own
 * (karpenter.sh docs, "EC2NodeClasses" → spec.amiSelectorTerms, spec.userData; v1beta1: spec.amiFamily).
 */
import type { Document, Pair } from 'yaml';
import { normalizeRelease } from '../../targets/releases.js';
import { verdict } from '../../rules/verdicts.js';
import { scalarMap, spanOf, toPlace } from './place.js';
import type { HostContext, Found } from './context.js';
import type { Finding, Span } from '../../model/diagnostic.js';

const GROUP = /^karpenter\.k8s\.aws\/(v1|v1beta1)$/;

/** Whether a YAML document is an EC2NodeClass. */
export function isNodeClass(doc: Document): boolean {
  return doc.get('kind') === 'EC2NodeClass' && GROUP.test(String(doc.get('apiVersion')));
}

/** The release an alias pins (`bottlerocket@v1.20.3`), and whether any term or the AMI family says Bottlerocket. */
function bottlerocketOf(ctx: HostContext, doc: Document): { bottlerocket: boolean; release?: string } {
  const family = doc.getIn(['spec', 'amiFamily']);
  const node = doc.getIn(['spec', 'amiSelectorTerms'], true);
  const terms: unknown = ctx.yaml.isSeq(node) ? node.toJSON() : [];
  const aliases = (Array.isArray(terms) ? terms : [])
    .map((t: unknown) => (t as { alias?: unknown } | null)?.alias)
    .filter((a): a is string => typeof a === 'string');
  const alias = aliases.find((a) => /^bottlerocket@/i.test(a));
  const pinned = alias ? /^bottlerocket@v?(\d+\.\d+\.\d+)$/i.exec(alias)?.[1] : undefined;
  const release = pinned ? normalizeRelease(pinned) : undefined;
  return { bottlerocket: family === 'Bottlerocket' || alias !== undefined, ...(release ? { release } : {}) };
}

/** The user-data of one EC2NodeClass, if it is a Bottlerocket one. */
export function nodeClassDocs(ctx: HostContext, doc: Document, index: number): Found[] {
  const { bottlerocket, release } = bottlerocketOf(ctx, doc);
  if (!bottlerocket) return [];
  const given = doc.getIn(['metadata', 'name']);
  const name = `${ctx.name}#EC2NodeClass/${typeof given === 'string' ? given : String(index + 1)}`;
  const { pairs, anchor } = userDataPairs(ctx, doc);
  const pair = pairs[0];
  const implied = { format: 'kubernetes' as const, wrapper: 'karpenter', ...(release ? { osVersion: release } : {}) };
  const problem = duplicateKey(ctx, pairs[1]?.key) ?? undefinedAlias(ctx, doc, pair?.value);
  if (problem) return [{ name, findings: [problem.finding], host: { ...implied, map: toPlace(problem.span), anchor: problem.span } }];
  const value = ctx.yaml.isAlias(pair?.value) ? pair.value.resolve(doc) : pair?.value;
  if (!ctx.yaml.isScalar(value) || typeof value.value !== 'string') {
    const finding = value
      ? verdict('input/not-toml', 'hostNotString', { where: 'spec.userData' }, { span: anchor })
      : verdict('input/no-user-data', 'karpenterNone', {}, { span: anchor });
    return [{ name, findings: [finding], host: { ...implied, map: toPlace(anchor), anchor } }];
  }
  return [{ name, text: value.value, host: { ...implied, map: scalarMap(ctx.yaml, value, ctx.lines, ctx.text), anchor } }];
}

/** spec's `userData` pairs (one, unless the manifest repeats the key) and where a finding about it goes. */
function userDataPairs(ctx: HostContext, doc: Document): { pairs: Pair[]; anchor: Span } {
  const spec = doc.get('spec', true);
  const pairs = ctx.yaml.isMap(spec) ? spec.items.filter((p) => ctx.yaml.isScalar(p.key) && p.key.value === 'userData') : [];
  const key = pairs[0]?.key;
  const keyRange = ctx.yaml.isScalar(key) ? key.range : undefined;
  const nodeRange = (doc.contents?.range ?? [0, 0]) as [number, number, number];
  const anchor = keyRange ? spanOf(ctx.lines, keyRange[0], keyRange[1]) : spanOf(ctx.lines, nodeRange[0], nodeRange[0]);
  return { pairs, anchor };
}

/**
 * A second `userData` key in spec: YAML 1.2 requires a mapping's keys to be unique, and Kubernetes
 * (sigs.k8s.io/yaml, kubectl) refuses such a manifest, so neither value is what the node would get.
 * Checked here rather than by the parser's uniqueKeys, whose check is quadratic in a mapping's size.
 */
function duplicateKey(ctx: HostContext, key: unknown): Problem | undefined {
  if (!ctx.yaml.isScalar(key) || !key.range) return undefined;
  const detail = 'spec.userData is given twice (mapping keys must be unique; kubectl refuses the manifest): keep one';
  return problem(ctx, key.range, detail);
}

type Problem = { finding: Finding; span: Span };

function problem(ctx: HostContext, range: readonly number[], detail: string): Problem {
  const span = spanOf(ctx.lines, range[0]!, range[1]!);
  return { finding: verdict('input/host-syntax', 'syntax', { syntax: 'YAML', detail }, { span }), span };
}

/** `userData: *u` where no `&u` comes before it in the same document (an anchor never reaches across `---`). */
function undefinedAlias(ctx: HostContext, doc: Document, value: unknown): Problem | undefined {
  if (!ctx.yaml.isAlias(value) || value.resolve(doc) !== undefined || !value.range) return undefined;
  const detail = `the alias *${value.source} in spec.userData names no anchor &${value.source} before it in this document (an anchor does not reach across "---")`;
  return problem(ctx, value.range, detail);
}
