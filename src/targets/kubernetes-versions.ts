/**
 * Kubernetes variants per platform: the release that added each and the one that removed it. Sources:
 * up to 1.26.x the variant directories at each tag (bottlerocket-os/bottlerocket variants/<name> at
 * v0.3.0 … v1.26.0: k8s-1.20 left in v1.11.0, vmware-k8s-1.21 arrived with aws-k8s-1.21 in v1.1.2);
 * later, bottlerocket-os/bottlerocket CHANGELOG.md and PRs #4287 #4497 #4580 #4880, #4797 ("Prepare
 * 1.58.0": k8s-1.29 variants removed; core-kit 14.0.0 drops the kubernetes-1.29 packages, so the
 * vmware sibling goes too), and the project website's data/variants/<release>/ listings; a removal
 * known only as "last documented in 1.N.x" is given as 1.(N+1).0. Used for a warning only: whether an image exists does not change what the settings model
 * accepts.
 */
export type KubernetesVariantRow = readonly [version: string, added: string, removed?: string];

export const KUBERNETES_VERSIONS: Readonly<Record<'aws' | 'vmware' | 'metal', readonly KubernetesVariantRow[]>> = {
  aws: [
    ['1.15', '0.3.0', '1.1.0'],
    ['1.16', '0.3.4', '1.2.0'],
    ['1.17', '0.4.1', '1.4.0'],
    ['1.18', '1.0.2', '1.8.0'],
    ['1.19', '1.0.5', '1.10.0'],
    ['1.20', '1.1.0', '1.11.0'],
    ['1.21', '1.1.2', '1.13.0'],
    ['1.22', '1.6.2', '1.15.0'],
    ['1.23', '1.8.0', '1.25.0'],
    ['1.24', '1.10.0', '1.33.0'],
    ['1.25', '1.12.0', '1.38.0'],
    ['1.26', '1.13.0', '1.41.0'],
    ['1.27', '1.14.0', '1.44.0'],
    ['1.28', '1.15.0', '1.52.0'],
    ['1.29', '1.18.0', '1.58.0'],
    ['1.30', '1.20.0', '1.64.0'],
    ['1.31', '1.22.0'],
    ['1.32', '1.30.0'],
    ['1.33', '1.39.0'],
    ['1.34', '1.47.0'],
    ['1.35', '1.53.0'],
    ['1.36', '1.61.0'],
    ['1.37', '1.66.0'],
  ],
  vmware: [
    ['1.20', '1.1.0', '1.11.0'],
    ['1.21', '1.1.2', '1.13.0'],
    ['1.22', '1.6.2', '1.15.0'],
    ['1.23', '1.8.0', '1.16.0'],
    ['1.24', '1.10.0', '1.19.0'],
    ['1.25', '1.12.0', '1.20.0'],
    ['1.26', '1.13.0', '1.21.0'],
    ['1.27', '1.14.0', '1.21.0'],
    ['1.28', '1.15.0', '1.52.0'],
    ['1.29', '1.18.0', '1.58.0'],
    ['1.30', '1.20.0', '1.64.0'],
    ['1.31', '1.22.0'],
    ['1.32', '1.30.0'],
    ['1.33', '1.39.0'],
    ['1.34', '1.47.0'],
    ['1.35', '1.53.0'],
    ['1.36', '1.61.0'],
    ['1.37', '1.66.0'],
  ],
  metal: [
    ['1.21', '1.6.0', '1.13.0'],
    ['1.22', '1.6.2', '1.15.0'],
    ['1.23', '1.8.0', '1.16.0'],
    ['1.24', '1.10.0', '1.19.0'],
    ['1.25', '1.12.0', '1.20.0'],
    ['1.26', '1.13.0', '1.21.0'],
    ['1.27', '1.14.0', '1.21.0'],
    ['1.28', '1.15.0', '1.27.0'],
    ['1.29', '1.18.0', '1.27.0'],
  ],
};
