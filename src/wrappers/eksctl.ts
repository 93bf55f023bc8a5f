/**
 * eksctl `nodeGroups` and `managedNodeGroups` with amiFamily Bottlerocket, read at
 * eksctl-io/eksctl@99984adb: pkg/nodebootstrap/bottlerocket.go, managed_bottlerocket.go and
 * pkg/apis/eksctl.io/v1alpha5/validation.go. eksctl refuses some keys (they have their own fields) and
 * writes the cluster's own values.
 */
import type { Finding } from '../model/diagnostic.js';
import { toKeyPath } from '../model/diagnostic.js';
import { verdict } from '../rules/verdicts.js';
import { K8S, keepOnlySettings, kubernetesOf } from './shared.js';
import type { Wrapper } from './types.js';

const CLUSTER_KEYS = ['cluster-name', 'api-server', 'cluster-certificate'];

/** The node group field eksctl wants instead of a refused settings.kubernetes key. */
const NODE_GROUP_FIELD: Readonly<Record<string, string>> = {
  'node-labels': 'labels',
  'node-taints': 'taints',
  'max-pods': 'maxPodsPerNode',
};

function refusal(key: string, managed: boolean): Finding {
  const path = [...K8S, key];
  if (!managed) return verdict('wrapper/refused', 'eksctl', { key, field: NODE_GROUP_FIELD[key]! }, { path, at: 'key' });
  const labels = key === 'node-labels' || key === 'node-taints';
  return verdict('wrapper/refused', labels ? 'eksctlManagedLabels' : 'eksctlManaged', { key }, { path, at: 'key' });
}

function eksctlWrapper(managed: boolean): Wrapper {
  const refused = managed ? [...CLUSTER_KEYS, 'cluster-dns-ip', 'node-labels', 'node-taints'] : Object.keys(NODE_GROUP_FIELD);
  return {
    id: managed ? 'eksctl-managed' : 'eksctl',
    title: managed ? 'eksctl managedNodeGroups (amiFamily Bottlerocket)' : 'eksctl nodeGroups (amiFamily Bottlerocket)',
    source: managed
      ? 'eksctl-io/eksctl@99984adb:pkg/nodebootstrap/managed_bottlerocket.go'
      : 'eksctl-io/eksctl@99984adb:pkg/nodebootstrap/bottlerocket.go',
    apply(doc) {
      const findings: Finding[] = [];
      const out = keepOnlySettings(doc, 'eksctl (bottlerocket.settings)', findings);
      const k8s = kubernetesOf(out);
      for (const key of Object.keys(k8s ?? {})) {
        const path = [...K8S, key];
        if (refused.includes(key)) {
          findings.push(refusal(key, managed));
          delete k8s![key];
        } else if (!managed && CLUSTER_KEYS.includes(key)) {
          findings.push(verdict('wrapper/overridden', 'eksctlCluster', { where: toKeyPath(path) }, { path, at: 'key' }));
          delete k8s![key];
        } else if (managed && key === 'max-pods') findings.push(verdict('wrapper/may-override', 'eksctlMaxPods', {}, { path, at: 'key' }));
        else if (!managed && key === 'cluster-dns-ip') findings.push(verdict('wrapper/may-override', 'eksctlDns', {}, { path, at: 'key' }));
      }
      return { document: out, findings, toolSets: managed ? MANAGED_SETS : UNMANAGED_SETS };
    },
  };
}

const MANAGED_SETS = [
  'settings.kubernetes.cluster-name',
  'settings.kubernetes.api-server',
  'settings.kubernetes.cluster-certificate',
  'then EKS merges its own settings (see --wrapper eks-managed)',
];

const UNMANAGED_SETS = [
  'settings.kubernetes.cluster-name',
  'settings.kubernetes.api-server',
  'settings.kubernetes.cluster-certificate',
  'settings.kubernetes.node-labels (from labels, with alpha.eksctl.io/*)',
  'settings.kubernetes.node-taints (from taints, one "value:Effect" per key)',
  'settings.kubernetes.max-pods (from maxPodsPerNode, when set)',
  'settings.kubernetes.cluster-dns-ip (from clusterDNS, when set)',
];

export const eksctl = eksctlWrapper(false);
export const eksctlManaged = eksctlWrapper(true);
