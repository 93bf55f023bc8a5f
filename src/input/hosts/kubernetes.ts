/**
 * Karpenter's EC2NodeClass (karpenter.k8s.aws v1 and v1beta1) in Kubernetes YAML. A node class is
 * Bottlerocket when `spec.amiFamily` is Bottlerocket or (v1) an `amiSelectorTerms` alias is
 * `bottlerocket@…`; its `spec.userData` is the user's TOML, which Karpenter merges with its own
 * (karpenter.sh docs, "EC2NodeClasses" → spec.amiSelectorTerms, spec.userData; v1beta1: spec.amiFamily).
 */
import type { Document } from 'yaml';
import { normalizeRelease } from '../../targets/releases.js';
import { verdict } from '../../rules/verdicts.js';
import { scalarMap, spanOf, toPlace } from './place.js';
import type { HostContext, Found } from './context.js';

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
  const spec = doc.get('spec', true);
  const pair = ctx.yaml.isMap(spec) ? spec.items.find((p) => ctx.yaml.isScalar(p.key) && p.key.value === 'userData') : undefined;
  const keyRange = ctx.yaml.isScalar(pair?.key) ? pair.key.range : undefined;
  const nodeRange = (doc.contents?.range ?? [0, 0]) as [number, number, number];
  const anchor = keyRange ? spanOf(ctx.lines, keyRange[0], keyRange[1]) : spanOf(ctx.lines, nodeRange[0], nodeRange[0]);
  const implied = { format: 'kubernetes' as const, wrapper: 'karpenter', ...(release ? { osVersion: release } : {}) };
  const value = pair?.value;
  if (!ctx.yaml.isScalar(value) || typeof value.value !== 'string') {
    const finding = value
      ? verdict('input/not-toml', 'hostNotString', { where: 'spec.userData' }, { span: anchor })
      : verdict('input/no-user-data', 'karpenterNone', {}, { span: anchor });
    return [{ name, findings: [finding], host: { ...implied, map: toPlace(anchor), anchor } }];
  }
  return [{ name, text: value.value, host: { ...implied, map: scalarMap(ctx.yaml, value, ctx.lines, ctx.text), anchor } }];
}
