/**
 * EKS managed node groups with the EKS Bottlerocket AMI and a launch template: EKS merges its own
 * settings into the user's and accepts a subset of TOML. Source: Amazon EKS User Guide, "Customizing
 * managed nodes with launch templates" → "Bottlerocket user data" (awsdocs/amazon-eks-user-guide
 * latest/ug/nodes/launch-templates.adoc).
 */
import type { Finding, Path } from '../model/diagnostic.js';
import { cloneValue, isTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../model/value.js';
import { parseTomlText } from '../parse/toml.js';
import { verdict } from '../rules/verdicts.js';
import { K8S, kubernetesOf } from './shared.js';
import type { Wrapper } from './types.js';

function tomlKind(v: TomlValue): string {
  if (v instanceof TomlFloat) return 'float';
  if (v instanceof TomlDateTime) return 'datetime';
  if (typeof v === 'bigint') return 'number';
  if (Array.isArray(v)) return 'array';
  if (isTable(v)) return 'table';
  return typeof v;
}

/** Valid TOML that EKS documents it does not accept in managed node group user-data. */
function unsupported(value: TomlValue, path: Path, out: Finding[]): void {
  if (Array.isArray(value)) {
    const kinds = new Set(value.map(tomlKind));
    if (kinds.size > 1) out.push(verdict('wrapper/refused', 'eksMixedArray', { kinds: [...kinds].join(', ') }, { path, at: 'value' }));
    value.forEach((v, i) => unsupported(v, [...path, i], out));
  } else if (isTable(value)) {
    for (const k of Object.keys(value)) {
      if (/["']/.test(k))
        out.push(verdict('wrapper/refused', 'eksQuoteInKey', { key: JSON.stringify(k) }, { path: [...path, k], at: 'key' }));
      unsupported(value[k]!, [...path, k], out);
    }
  }
}

const FILLED = ['cluster-name', 'api-server', 'cluster-certificate', 'max-pods', 'cluster-dns-ip'];

export const eksManaged: Wrapper = {
  id: 'eks-managed',
  title: 'EKS managed node groups (launch template with the EKS Bottlerocket AMI)',
  source: 'awsdocs/amazon-eks-user-guide:latest/ug/nodes/launch-templates.adoc ("Bottlerocket user data")',
  apply(doc) {
    const findings: Finding[] = [];
    const out = cloneValue(doc) as TomlTable;
    unsupported(out, [], findings);
    const k8s = kubernetesOf(out);
    const labels = k8s && isTable(k8s['node-labels']) ? k8s['node-labels'] : undefined;
    for (const label of Object.keys(labels ?? {})) {
      if (!label.startsWith('eks.amazonaws.com/')) continue;
      findings.push(
        verdict('wrapper/may-override', 'eksLabel', { label }, { path: [...K8S, 'node-labels', label], at: 'key', severity: 'warning' }),
      );
    }
    const fills = FILLED.filter((k) => !k8s || !Object.hasOwn(k8s, k));
    return {
      document: out,
      findings,
      toolSets: [
        ...fills.map((k) => `settings.kubernetes.${k}`),
        'settings.kubernetes.node-labels (eks.amazonaws.com/* and the node group labels, merged; your values win)',
        'node group taints (applied by EKS)',
      ],
    };
  },
  checkText(text) {
    const parsed = parseTomlText(text);
    if (!parsed.ok) return [];
    const findings: Finding[] = parsed.parsed.headers
      .filter((h) => h.quoted)
      .map((h) => verdict('wrapper/refused', 'eksQuotedHeader', {}, { span: h.span }));
    // a double quote inside a string was written escaped (\") when its source text says so
    const lines = text.split(/\r?\n/);
    const visit = (v: TomlValue, path: Array<string | number>): void => {
      if (typeof v === 'string' && v.includes('"')) {
        const span = parsed.parsed.positions.locate({ path, at: 'value' });
        if (
          lines
            .slice(span.line - 1, span.endLine)
            .join('\n')
            .includes('\\"')
        )
          findings.push(verdict('wrapper/refused', 'eksEscapedQuote', {}, { path, at: 'value' }));
      } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
      else if (isTable(v)) for (const k of Object.keys(v)) visit(v[k]!, [...path, k]);
    };
    visit(parsed.parsed.value, []);
    return findings;
  },
};
