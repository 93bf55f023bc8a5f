/**
 * eksctl's ClusterConfig (eksctl.io/v1alpha5): `nodeGroups[]` and `managedNodeGroups[]` with
 * `amiFamily: Bottlerocket`. Their `bottlerocket.settings` is a YAML map that eksctl writes as the
 * `[settings]` table of the TOML user-data (eksctl-io/eksctl pkg/nodebootstrap/bottlerocket.go), so the
 * document is built from the map and every finding points at its YAML key or value.
 * `metadata.version` names the Kubernetes version, hence the variant (eksctl.io docs, "Bottlerocket
 * Support" and the config file schema).
 */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { Finding, Span } from '../../model/diagnostic.js';
import { toPointer } from '../../model/diagnostic.js';
import { newTable, TomlFloat, type TomlTable, type TomlValue } from '../../model/value.js';
import { verdict } from '../../rules/verdicts.js';
import { parseVariant } from '../../targets/variant-name.js';
import type { Found, HostContext } from './context.js';
import { spanOf, toPlace } from './place.js';

/** Whether a YAML document is an eksctl ClusterConfig. */
export function isClusterConfig(doc: Document): boolean {
  return doc.get('kind') === 'ClusterConfig' && /^eksctl\.io\//.test(String(doc.get('apiVersion')));
}

const GROUPS = [
  { field: 'nodeGroups', wrapper: 'eksctl' },
  { field: 'managedNodeGroups', wrapper: 'eksctl-managed' },
] as const;

/** The user-data of every Bottlerocket node group of a ClusterConfig. */
export function clusterConfigDocs(ctx: HostContext, doc: Document): Found[] {
  // the version as written: 1.30 unquoted is the number 1.3 to YAML
  const node = doc.getIn(['metadata', 'version'], true);
  const version = ctx.yaml.isScalar(node) ? (node.source ?? node.value) : undefined;
  const out: Found[] = [];
  for (const group of GROUPS) {
    const list = doc.get(group.field, true);
    if (!ctx.yaml.isSeq(list)) continue;
    list.items.forEach((item, i) => {
      if (!ctx.yaml.isMap(item) || item.get('amiFamily') !== 'Bottlerocket') return;
      const name = item.get('name');
      const variant = variantOf(version, item.get('instanceType'));
      const found = nodeGroupDoc(ctx, item, `${ctx.name}#${group.field}/${typeof name === 'string' ? name : String(i + 1)}`);
      out.push({ ...found, host: { ...found.host, wrapper: group.wrapper, ...(variant ? { variant } : {}) } });
    });
  }
  return out;
}

/** `metadata.version` 1.31 → aws-k8s-1.31 (aws-k8s-1.31-nvidia on a GPU instance type), if brud knows it. */
function variantOf(version: unknown, instanceType: unknown): string | undefined {
  const v = String(version);
  if (!/^\d+\.\d+$/.test(v)) return undefined;
  const gpu = typeof instanceType === 'string' && /^(p\d|g\d)/.test(instanceType) ? '-nvidia' : '';
  const name = `aws-k8s-${v}${gpu}`;
  return parseVariant(name) ? name : undefined;
}

function nodeGroupDoc(ctx: HostContext, group: Node, name: string): Found {
  const { yaml, lines } = ctx;
  const groupSpan = spanOf(lines, group.range?.[0] ?? 0, group.range?.[0] ?? 0);
  const bottlerocket = yaml.isMap(group) ? group.get('bottlerocket', true) : undefined;
  const pair = yaml.isMap(bottlerocket) ? pairNamed(ctx, bottlerocket.items, 'settings') : undefined;
  const anchor = pair && yaml.isScalar(pair.key) && pair.key.range ? spanOf(lines, pair.key.range[0], pair.key.range[1]) : groupSpan;
  const base = { format: 'eksctl' as const, map: toPlace(anchor), anchor };
  if (!pair || pair.value === null)
    return { name, findings: [verdict('input/no-user-data', 'eksctlNone', {}, { span: anchor })], host: base };
  const places = new Map<string, { key: Span; value: Span }>();
  const findings: Finding[] = [];
  const value = toToml(ctx, pair.value as Node, ['settings'], places, findings);
  places.set(toPointer(['settings']), { key: anchor, value: anchor });
  const document = newTable();
  if (value !== undefined) document.settings = value;
  const locate = (path: ReadonlyArray<string | number>, at?: 'key' | 'value'): Span => {
    const p = [...path];
    const exact = places.get(toPointer(p));
    if (exact) return at === 'key' ? exact.key : exact.value;
    while (p.length > 0) {
      p.pop();
      const found = places.get(toPointer(p));
      if (found) return found.value;
    }
    return anchor;
  };
  return { name, findings, host: { ...base, document: { value: document, locate } } };
}

function pairNamed(ctx: HostContext, items: ReadonlyArray<Pair>, key: string): Pair | undefined {
  return items.find((p) => ctx.yaml.isScalar(p.key) && p.key.value === key);
}

interface Build {
  ctx: HostContext;
  places: Map<string, { key: Span; value: Span }>;
  findings: Finding[];
}

/** A YAML node as the TOML value eksctl writes for it, recording where each key and value is. */
function toToml(
  ctx: HostContext,
  node: Node,
  path: Array<string | number>,
  places: Build['places'],
  findings: Finding[],
): TomlValue | undefined {
  return build({ ctx, places, findings }, node, path);
}

function build(b: Build, node: Node, path: Array<string | number>): TomlValue | undefined {
  const { yaml, lines } = b.ctx;
  const here = node.range ? spanOf(lines, node.range[0], node.range[1]) : undefined;
  if (yaml.isMap(node)) return buildTable(b, node, path, here!);
  if (yaml.isSeq(node)) {
    const out: TomlValue[] = [];
    node.items.forEach((item, i) => {
      const child = [...path, i];
      const n = item as Node;
      if (n.range)
        b.places.set(toPointer(child), { key: spanOf(lines, n.range[0], n.range[1]), value: spanOf(lines, n.range[0], n.range[1]) });
      const v = build(b, n, child);
      if (v !== undefined) out.push(v);
    });
    return out;
  }
  if (yaml.isScalar(node)) return scalarValue(node.value, node.source);
  // an alias (*name) is not followed: expanding aliases is how a small file becomes a huge one
  if (yaml.isAlias(node) && here) b.findings.push(verdict('input/not-toml', 'yamlAlias', { alias: node.source }, { span: here }));
  return undefined;
}

function buildTable(b: Build, node: YAMLMap, path: Array<string | number>, here: Span): TomlTable {
  const { yaml, lines } = b.ctx;
  const table: TomlTable = newTable();
  for (const pair of node.items) {
    const key = yaml.isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const keySpan = yaml.isScalar(pair.key) && pair.key.range ? spanOf(lines, pair.key.range[0], pair.key.range[1]) : here;
    const child = [...path, key];
    const valueNode = pair.value as Node | null;
    b.places.set(toPointer(child), {
      key: keySpan,
      value: valueNode?.range ? spanOf(lines, valueNode.range[0], valueNode.range[1]) : keySpan,
    });
    if (valueNode === null || (yaml.isScalar(valueNode) && valueNode.value === null)) {
      b.findings.push(verdict('input/not-toml', 'yamlNull', { key }, { span: keySpan }));
      continue;
    }
    const v = build(b, valueNode, child);
    if (v !== undefined) table[key] = v;
  }
  return table;
}

function scalarValue(value: unknown, source: string | undefined): TomlValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (typeof value === 'number')
    return Number.isInteger(value) && !/[.eE]/.test(source ?? '') ? value : new TomlFloat(value, source ?? String(value));
  return undefined;
}
