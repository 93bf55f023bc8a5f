/**
 * What the node receives when a tool wraps the user's user-data: the tool's documented merge, applied
 * to the user's settings, and a finding for every user setting the tool overrides, drops or refuses.
 * Values only the tool knows at launch (the cluster endpoint, the instance type's pod capacity) are not
 * invented: they are listed in `toolSets`.
 *
 * Facts, read in each tool's source (see the `source` of each wrapper):
 *  - Karpenter (aws/karpenter-provider-aws@1d927085, = v1.14.1 for these rules):
 *    pkg/providers/amifamily/bootstrap/bottlerocket.go `Script` and bottlerocketsettings.go;
 *  - eksctl (eksctl-io/eksctl@99984adb): pkg/nodebootstrap/bottlerocket.go,
 *    managed_bottlerocket.go, pkg/apis/eksctl.io/v1alpha5/validation.go;
 *  - EKS managed node groups: Amazon EKS User Guide, "Customizing managed nodes with launch
 *    templates" → "Bottlerocket user data" (awsdocs/amazon-eks-user-guide
 *    latest/ug/nodes/launch-templates.adoc).
 */
import type { Finding } from '../diagnostics.js';
import { toKeyPath } from '../diagnostics.js';
import { isTable, newTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../parse/value.js';
import { hasOwn } from '../own.js';
import { parseTomlText } from '../parse/toml.js';

export interface WrapperResult {
  /** The settings the node receives from the user's part (values the tool fills in are not invented). */
  document: TomlTable;
  findings: Finding[];
  /** Key paths the tool sets itself at launch. */
  toolSets: string[];
}

export interface Wrapper {
  id: string;
  title: string;
  source: string;
  apply(doc: TomlTable): WrapperResult;
  /** Checks on the written text (spellings the tool refuses), where the tree cannot tell. */
  checkText?(text: string): Finding[];
}

function clone(v: TomlValue): TomlValue {
  if (Array.isArray(v)) return v.map(clone);
  if (isTable(v)) {
    const t = newTable();
    for (const k of Object.keys(v)) t[k] = clone(v[k]);
    return t;
  }
  return v;
}

function kubernetesOf(doc: TomlTable): TomlTable | undefined {
  const settings = doc.settings;
  return isTable(settings) && isTable(settings.kubernetes) ? settings.kubernetes : undefined;
}

function keepOnlySettings(doc: TomlTable, tool: string, findings: Finding[]): TomlTable {
  const out = newTable();
  for (const k of Object.keys(doc)) {
    if (k === 'settings') continue;
    findings.push({ ruleId: 'wrapper/dropped', message: `${tool} keeps only the [settings] table: top-level "${k}" is dropped`, path: [k], at: 'key' });
  }
  out.settings = isTable(doc.settings) ? (clone(doc.settings) as TomlTable) : newTable();
  return out;
}

const K8S = ['settings', 'kubernetes'];

/** settings.kubernetes keys Karpenter's BottlerocketKubernetes struct knows; any other is dropped. */
const KARPENTER_KUBERNETES_KEYS = new Set([
  'allowed-unsafe-sysctls', 'api-server', 'cloud-provider', 'cluster-certificate', 'cluster-dns-ip', 'cluster-domain', 'cluster-name',
  'container-log-max-files', 'container-log-max-size', 'container-log-max-workers', 'container-log-monitor-interval', 'cpu-cfs-quota-enforced',
  'cpu-manager-policy', 'cpu-manager-policy-options', 'cpu-manager-reconcile-period', 'credential-providers', 'device-ownership-from-security-context',
  'event-burst', 'event-qps', 'eviction-hard', 'eviction-max-pod-grace-period', 'eviction-soft', 'eviction-soft-grace-period', 'hostname-override-source',
  'ids-per-pod', 'image-gc-high-threshold-percent', 'image-gc-low-threshold-percent', 'kube-api-burst', 'kube-api-qps', 'kube-reserved', 'log-level',
  'max-pods', 'memory-manager-policy', 'memory-manager-reserved-memory', 'node-labels', 'node-taints', 'pod-pids-limit', 'registry-burst',
  'registry-qps', 'seccomp-default', 'server-tls-bootstrap', 'shutdown-grace-period', 'shutdown-grace-period-for-critical-pods',
  'single-process-oom-kill', 'static-pods', 'system-reserved', 'topology-manager-policy', 'topology-manager-policy-options', 'topology-manager-scope',
]);

/** Keys Karpenter replaces when the EC2NodeClass's spec.kubelet sets the matching field. */
const KARPENTER_KUBELET_KEYS: Record<string, string> = {
  'kube-reserved': 'kubeReserved',
  'system-reserved': 'systemReserved',
  'eviction-hard': 'evictionHard',
  'eviction-soft': 'evictionSoft',
  'eviction-soft-grace-period': 'evictionSoftGracePeriod',
  'eviction-max-pod-grace-period': 'evictionMaxPodGracePeriod',
  'image-gc-high-threshold-percent': 'imageGCHighThresholdPercent',
  'image-gc-low-threshold-percent': 'imageGCLowThresholdPercent',
  'cpu-cfs-quota-enforced': 'cpuCFSQuota',
};

const KARPENTER_LABEL_DOMAINS = ['karpenter.sh/', 'karpenter.k8s.aws/'];

export const karpenter: Wrapper = {
  id: 'karpenter',
  title: 'Karpenter (EC2NodeClass with the Bottlerocket AMI family)',
  source: 'aws/karpenter-provider-aws@1d927085:pkg/providers/amifamily/bootstrap/bottlerocket.go',
  apply(doc) {
    const findings: Finding[] = [];
    const out = keepOnlySettings(doc, 'Karpenter', findings);
    const k8s = kubernetesOf(out);
    if (k8s) {
      for (const key of Object.keys(k8s)) {
        const path = [...K8S, key];
        if (!KARPENTER_KUBERNETES_KEYS.has(key)) {
          findings.push({ ruleId: 'wrapper/dropped', message: `Karpenter does not model settings.kubernetes.${key}: it logs "Unknown parameter in userData K8s settings" and drops it`, path, at: 'key' });
          delete k8s[key];
        } else if (['cluster-name', 'api-server', 'cluster-certificate'].includes(key)) {
          findings.push({ ruleId: 'wrapper/overridden', message: `Karpenter always sets ${toKeyPath(path)} from the cluster; this value is replaced`, path, at: 'key' });
          delete k8s[key];
        } else if (key === 'max-pods') {
          findings.push({ ruleId: 'wrapper/overridden', message: 'Karpenter always sets settings.kubernetes.max-pods (spec.kubelet.maxPods, else the instance type\'s pod capacity); this value is replaced', path, at: 'key' });
          delete k8s[key];
        } else if (key === 'cluster-dns-ip') {
          findings.push({ ruleId: 'wrapper/overridden', message: 'Karpenter sets settings.kubernetes.cluster-dns-ip whenever it knows the cluster DNS IP (spec.kubelet.clusterDNS, or the kube-dns it discovers); this value is then replaced', path, at: 'key' });
        } else if (key === 'node-taints') {
          findings.push({ ruleId: 'wrapper/overridden', message: 'Karpenter replaces settings.kubernetes.node-taints with the NodePool\'s taints (and karpenter.sh/unregistered): set taints on the NodePool instead', path, at: 'key' });
          delete k8s[key];
        } else if (key === 'node-labels' && isTable(k8s[key])) {
          const labels = k8s[key] as TomlTable;
          for (const label of Object.keys(labels)) {
            if (!KARPENTER_LABEL_DOMAINS.some((d) => label.startsWith(d))) continue;
            findings.push({ ruleId: 'wrapper/overridden', message: `Karpenter sets its own ${label.split('/')[0]} labels; on the same key its value wins`, path: [...path, label], at: 'key' });
          }
        } else if (key.startsWith('image-gc-') && typeof k8s[key] !== 'string') {
          findings.push({ ruleId: 'wrapper/refused', message: `Karpenter reads ${toKeyPath(path)} as a string: an integer here fails the launch ("cannot decode TOML integer", aws/karpenter-provider-aws#6787); write it as "${String(k8s[key])}"`, path, at: 'value' });
        } else if (hasOwn(KARPENTER_KUBELET_KEYS, key)) {
          findings.push({ ruleId: 'wrapper/may-override', message: `Karpenter replaces ${toKeyPath(path)} (the whole table) if the EC2NodeClass sets spec.kubelet.${KARPENTER_KUBELET_KEYS[key]}`, path, at: 'key' });
        }
      }
    }
    const settings = out.settings as TomlTable;
    if (isTable(settings['bootstrap-commands'])) {
      const cmds = settings['bootstrap-commands'];
      for (const name of Object.keys(cmds)) {
        const entry = cmds[name];
        if (isTable(entry) && entry.mode === undefined) {
          findings.push({
            ruleId: 'wrapper/dropped',
            message: `Karpenter re-writes bootstrap-commands entries with every field; "${name}" has no mode, which comes out as mode = "" and Bottlerocket rejects (inferred from Karpenter's types): set mode`,
            path: ['settings', 'bootstrap-commands', name],
            at: 'key',
          });
        }
      }
    }
    return {
      document: out,
      findings,
      toolSets: [
        'settings.kubernetes.cluster-name',
        'settings.kubernetes.api-server',
        'settings.kubernetes.cluster-certificate',
        'settings.kubernetes.max-pods',
        'settings.kubernetes.cluster-dns-ip',
        'settings.kubernetes.node-labels (merged, Karpenter wins on the same key)',
        'settings.kubernetes.node-taints (from the NodePool, plus karpenter.sh/unregistered)',
      ],
    };
  },
};

function eksctlRefusal(key: string, managed: boolean): string {
  if (managed) {
    if (key === 'node-labels' || key === 'node-taints') return `eksctl refuses settings.kubernetes.${key} for managed node groups: labels and taints should be set on the managedNodeGroup object`;
    return `eksctl refuses settings.kubernetes.${key} for managed node groups: EKS automatically injects cluster bootstrapping fields into user-data`;
  }
  const field = key === 'node-labels' ? 'labels' : key === 'node-taints' ? 'taints' : 'maxPodsPerNode';
  return `eksctl refuses it: "invalid Bottlerocket setting: use nodeGroups[i].${field} instead (path=nodeGroups[i].bottlerocket.settings.kubernetes.${key})"`;
}

function eksctlWrapper(managed: boolean): Wrapper {
  const refused = managed ? ['cluster-name', 'api-server', 'cluster-certificate', 'cluster-dns-ip', 'node-labels', 'node-taints'] : ['node-labels', 'node-taints', 'max-pods'];
  return {
    id: managed ? 'eksctl-managed' : 'eksctl',
    title: managed ? 'eksctl managedNodeGroups (amiFamily Bottlerocket)' : 'eksctl nodeGroups (amiFamily Bottlerocket)',
    source: managed ? 'eksctl-io/eksctl@99984adb:pkg/nodebootstrap/managed_bottlerocket.go' : 'eksctl-io/eksctl@99984adb:pkg/nodebootstrap/bottlerocket.go',
    apply(doc) {
      const findings: Finding[] = [];
      const out = keepOnlySettings(doc, 'eksctl (bottlerocket.settings)', findings);
      const k8s = kubernetesOf(out);
      if (k8s) {
        for (const key of Object.keys(k8s)) {
          const path = [...K8S, key];
          if (refused.includes(key)) {
            findings.push({ ruleId: 'wrapper/refused', message: eksctlRefusal(key, managed), path, at: 'key' });
            delete k8s[key];
          } else if (!managed && ['cluster-name', 'api-server', 'cluster-certificate'].includes(key)) {
            findings.push({ ruleId: 'wrapper/overridden', message: `eksctl always writes ${toKeyPath(path)} from the cluster for nodeGroups; this value is replaced`, path, at: 'key' });
            delete k8s[key];
          } else if (managed && key === 'max-pods') {
            findings.push({ ruleId: 'wrapper/may-override', message: 'eksctl replaces settings.kubernetes.max-pods when the managed node group sets maxPodsPerNode', path, at: 'key' });
          } else if (!managed && key === 'cluster-dns-ip') {
            findings.push({ ruleId: 'wrapper/may-override', message: 'eksctl refuses settings.kubernetes.cluster-dns-ip together with nodeGroups[i].clusterDNS ("only one of … can be set")', path, at: 'key' });
          }
        }
      }
      const toolSets = managed
        ? ['settings.kubernetes.cluster-name', 'settings.kubernetes.api-server', 'settings.kubernetes.cluster-certificate', 'then EKS merges its own settings (see --wrapper eks-managed)']
        : [
            'settings.kubernetes.cluster-name',
            'settings.kubernetes.api-server',
            'settings.kubernetes.cluster-certificate',
            'settings.kubernetes.node-labels (from labels, with alpha.eksctl.io/*)',
            'settings.kubernetes.node-taints (from taints, one "value:Effect" per key)',
            'settings.kubernetes.max-pods (from maxPodsPerNode, when set)',
            'settings.kubernetes.cluster-dns-ip (from clusterDNS, when set)',
          ];
      return { document: out, findings, toolSets };
    },
  };
}

export const eksctl = eksctlWrapper(false);
export const eksctlManaged = eksctlWrapper(true);

function tomlKind(v: TomlValue): string {
  if (v instanceof TomlFloat) return 'float';
  if (v instanceof TomlDateTime) return 'datetime';
  if (typeof v === 'bigint') return 'number';
  if (Array.isArray(v)) return 'array';
  if (isTable(v)) return 'table';
  return typeof v;
}

/** EKS documents valid TOML it does not accept in managed node group user-data. */
function eksUnsupported(value: TomlValue, path: Array<string | number>, out: Finding[]): void {
  if (Array.isArray(value)) {
    const kinds = new Set(value.map(tomlKind));
    if (kinds.size > 1) out.push({ ruleId: 'wrapper/refused', message: `EKS managed node groups do not accept arrays of mixed types (${[...kinds].join(', ')})`, path, at: 'value' });
    value.forEach((v, i) => eksUnsupported(v, [...path, i], out));
  } else if (isTable(value)) {
    for (const k of Object.keys(value)) {
      if (/["']/.test(k)) out.push({ ruleId: 'wrapper/refused', message: `EKS managed node groups do not accept quotes inside a quoted key (${JSON.stringify(k)})`, path: [...path, k], at: 'key' });
      eksUnsupported(value[k], [...path, k], out);
    }
  }
}

export const eksManaged: Wrapper = {
  id: 'eks-managed',
  title: 'EKS managed node groups (launch template with the EKS Bottlerocket AMI)',
  source: 'awsdocs/amazon-eks-user-guide:latest/ug/nodes/launch-templates.adoc ("Bottlerocket user data")',
  apply(doc) {
    const findings: Finding[] = [];
    const out = clone(doc) as TomlTable;
    eksUnsupported(out, [], findings);
    const k8s = kubernetesOf(out);
    const labels = k8s && isTable(k8s['node-labels']) ? (k8s['node-labels'] as TomlTable) : undefined;
    for (const label of Object.keys(labels ?? {})) {
      if (label.startsWith('eks.amazonaws.com/')) {
        findings.push({ ruleId: 'wrapper/may-override', severity: 'warning', message: `EKS sets its own eks.amazonaws.com/* node labels; "${label}" collides with them`, path: [...K8S, 'node-labels', label], at: 'key' });
      }
    }
    const fills = ['cluster-name', 'api-server', 'cluster-certificate', 'max-pods', 'cluster-dns-ip'].filter((k) => !k8s || !hasOwn(k8s, k));
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
    const findings: Finding[] = [];
    for (const h of parsed.parsed.headers.filter((x) => x.quoted)) {
      findings.push({
        ruleId: 'wrapper/refused',
        message: 'EKS managed node groups do not accept quoted keys in table headers: move the quoted key into the table (e.g. [settings.kernel.sysctl] then "vm.max_map_count" = "…")',
        path: [],
        span: h.span,
      });
    }
    // a double quote inside a string was written escaped (\") when its source text says so
    const visit = (v: TomlValue, path: Array<string | number>): void => {
      if (typeof v === 'string' && v.includes('"')) {
        const span = parsed.parsed.positions.locate({ path, at: 'value' });
        const lines = text.split(/\r?\n/).slice(span.line - 1, span.endLine);
        if (lines.join('\n').includes('\\"')) findings.push({ ruleId: 'wrapper/refused', message: 'EKS managed node groups do not accept escaped quotes (\\") in strings', path, at: 'value' });
      } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
      else if (isTable(v)) for (const k of Object.keys(v)) visit(v[k], [...path, k]);
    };
    visit(parsed.parsed.value, []);
    return findings;
  },
};

export const WRAPPERS: Record<string, Wrapper> = {
  karpenter,
  eksctl,
  'eksctl-managed': eksctlManaged,
  'eks-managed': eksManaged,
};

export const WRAPPER_NAMES = Object.keys(WRAPPERS);
