/**
 * Karpenter (EC2NodeClass with the Bottlerocket AMI family), read at aws/karpenter-provider-aws@1d927085
 * (= v1.14.1 for these rules): pkg/providers/amifamily/bootstrap/bottlerocket.go `Script` and
 * bottlerocketsettings.go. Karpenter re-serializes `settings.kubernetes` through its own struct, so
 * keys it does not model are dropped, and it sets the cluster's own values.
 */
import type { Finding } from '../model/diagnostic.js';
import { toKeyPath } from '../model/diagnostic.js';
import { isTable, showValue, type TomlTable } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';
import { K8S, keepOnlySettings, kubernetesOf } from './shared.js';
import type { Wrapper } from './types.js';

/** settings.kubernetes keys Karpenter's BottlerocketKubernetes struct knows; any other is dropped. */
const MODELED_KEYS = new Set([
  'allowed-unsafe-sysctls',
  'api-server',
  'cloud-provider',
  'cluster-certificate',
  'cluster-dns-ip',
  'cluster-domain',
  'cluster-name',
  'container-log-max-files',
  'container-log-max-size',
  'container-log-max-workers',
  'container-log-monitor-interval',
  'cpu-cfs-quota-enforced',
  'cpu-manager-policy',
  'cpu-manager-policy-options',
  'cpu-manager-reconcile-period',
  'credential-providers',
  'device-ownership-from-security-context',
  'event-burst',
  'event-qps',
  'eviction-hard',
  'eviction-max-pod-grace-period',
  'eviction-soft',
  'eviction-soft-grace-period',
  'hostname-override-source',
  'ids-per-pod',
  'image-gc-high-threshold-percent',
  'image-gc-low-threshold-percent',
  'kube-api-burst',
  'kube-api-qps',
  'kube-reserved',
  'log-level',
  'max-pods',
  'memory-manager-policy',
  'memory-manager-reserved-memory',
  'node-labels',
  'node-taints',
  'pod-pids-limit',
  'registry-burst',
  'registry-qps',
  'seccomp-default',
  'server-tls-bootstrap',
  'shutdown-grace-period',
  'shutdown-grace-period-for-critical-pods',
  'single-process-oom-kill',
  'static-pods',
  'system-reserved',
  'topology-manager-policy',
  'topology-manager-policy-options',
  'topology-manager-scope',
]);

/** Keys Karpenter replaces when the EC2NodeClass's spec.kubelet sets the matching field. */
const KUBELET_FIELDS: Readonly<Record<string, string>> = {
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

/** What Karpenter does with a key it always owns: the message, and whether the user's value is removed. */
const OWNED: Readonly<
  Record<string, { messageId: 'karpenterCluster' | 'karpenterMaxPods' | 'karpenterDns' | 'karpenterTaints'; removed: boolean }>
> = {
  'cluster-name': { messageId: 'karpenterCluster', removed: true },
  'api-server': { messageId: 'karpenterCluster', removed: true },
  'cluster-certificate': { messageId: 'karpenterCluster', removed: true },
  'max-pods': { messageId: 'karpenterMaxPods', removed: true },
  'cluster-dns-ip': { messageId: 'karpenterDns', removed: false },
  'node-taints': { messageId: 'karpenterTaints', removed: true },
};

const LABEL_DOMAINS = ['karpenter.sh/', 'karpenter.k8s.aws/'];

function kubernetesKey(k8s: TomlTable, key: string, findings: Finding[]): void {
  const path = [...K8S, key];
  const owned = Object.hasOwn(OWNED, key) ? OWNED[key] : undefined;
  if (!MODELED_KEYS.has(key)) {
    findings.push(verdict('wrapper/dropped', 'karpenterUnknown', { key }, { path, at: 'key' }));
    delete k8s[key];
  } else if (owned) {
    findings.push(verdict('wrapper/overridden', owned.messageId, { where: toKeyPath(path) }, { path, at: 'key' }));
    if (owned.removed) delete k8s[key];
  } else if (key === 'node-labels' && isTable(k8s[key])) {
    for (const label of Object.keys(k8s[key])) {
      if (!LABEL_DOMAINS.some((d) => label.startsWith(d))) continue;
      findings.push(
        verdict('wrapper/overridden', 'karpenterLabel', { domain: label.split('/')[0]! }, { path: [...path, label], at: 'key' }),
      );
    }
  } else if (key.startsWith('image-gc-') && typeof k8s[key] !== 'string') {
    findings.push(
      verdict('wrapper/refused', 'karpenterStringOnly', { where: toKeyPath(path), value: showValue(k8s[key]) }, { path, at: 'value' }),
    );
  } else if (Object.hasOwn(KUBELET_FIELDS, key)) {
    findings.push(
      verdict('wrapper/may-override', 'karpenterKubelet', { where: toKeyPath(path), field: KUBELET_FIELDS[key]! }, { path, at: 'key' }),
    );
  }
}

/** Bootstrap command entries without `mode` come out of Karpenter's struct as `mode = ""`. */
function bootstrapCommands(settings: TomlTable, findings: Finding[]): void {
  const cmds = settings['bootstrap-commands'];
  if (!isTable(cmds)) return;
  for (const name of Object.keys(cmds)) {
    const entry = cmds[name];
    if (isTable(entry) && entry.mode === undefined) {
      findings.push(verdict('wrapper/dropped', 'karpenterNoMode', { name }, { path: ['settings', 'bootstrap-commands', name], at: 'key' }));
    }
  }
}

export const karpenter: Wrapper = {
  id: 'karpenter',
  title: 'Karpenter (EC2NodeClass with the Bottlerocket AMI family)',
  source: 'aws/karpenter-provider-aws@1d927085:pkg/providers/amifamily/bootstrap/bottlerocket.go',
  apply(doc) {
    const findings: Finding[] = [];
    const out = keepOnlySettings(doc, 'Karpenter', findings);
    const k8s = kubernetesOf(out);
    if (k8s) for (const key of Object.keys(k8s)) kubernetesKey(k8s, key, findings);
    bootstrapCommands(out.settings as TomlTable, findings);
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
