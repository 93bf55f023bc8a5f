/**
 * The variant matrix: which settings namespaces each Bottlerocket variant family accepts, and from
 * which release. This file is the only place that fact lives.
 *
 * Each variant's API deserializes user-data into its own settings model, which has
 * `deny_unknown_fields`; a namespace the variant lacks (`settings.ecs` on a Kubernetes node) rejects
 * the whole document. Sources: bottlerocket-os/bottlerocket sources/settings-plugins/<plugin>/src/lib.rs
 * and packages/settings-plugins/settings-plugins.spec (v1.26.1), migrations for per-family releases,
 * and the release changelogs (bottlerocket-os/bottlerocket CHANGELOG.md) for later releases.
 */

/** Namespaces every variant has (the common settings of every v1.26.1 settings plugin). */
const COMMON = [
  'motd',
  'updates',
  'host-containers',
  'bootstrap-commands',
  'bootstrap-containers',
  'ntp',
  'network',
  'kernel',
  'metrics',
  'pki',
  'container-registry',
  'oci-hooks',
  'dns',
] as const;

/**
 * When a family accepts a namespace: `true` (whenever the schema's own `x-since` allows), the release it
 * arrived on this family, or a range with an optional condition on the concrete variant.
 */
export type NamespaceRule =
  | true
  | string
  | {
      since?: string;
      /** The release that removed it from this family. */
      until?: string;
      /**
       * An extra condition on the concrete variant: its Kubernetes version must be at least
       * `kubernetesAtLeast` (only on releases before `before`, when given; on every release otherwise).
       * A target named by family only (no Kubernetes version) is not held to it.
       */
      when?: { kubernetesAtLeast: string; before?: string };
      note?: string;
    };
type NamespaceSince = Record<string, NamespaceRule>;

/** How the concrete variant names of a family are spelled: `<base>[-1.X][-nvidia][-fips]`. */
export interface VariantNaming {
  base: string;
  /** Names carry a Kubernetes version (`aws-k8s-1.31`). */
  kubernetesVersion: boolean;
  /** `-nvidia`: required (the NVIDIA family), allowed (a flavour of this family) or not a variant. */
  nvidia: 'required' | 'allowed' | 'no';
  /** `-fips` is a flavour of this family. */
  fips: boolean;
}

export interface VariantFamily {
  id: string;
  summary: string;
  platform: 'aws' | 'vmware' | 'metal';
  orchestrator: 'kubernetes' | 'ecs' | 'none';
  naming: VariantNaming;
  /** Namespaces accepted beyond the schema's own `x-since`: `true`, or the release it arrived on this family. */
  namespaces: NamespaceSince;
  introduced: string;
  removed?: string;
  /**
   * Whether a bootstrap container without `source` gets Bottlerocket's default image (from the release in
   * `FACTS.defaultBootstrapImage`): the dev variants link no default (sources/shared-defaults).
   */
  defaultBootstrapImage: boolean;
  /**
   * The host containers Bottlerocket defines itself, with a default image, and whether each runs when the
   * user-data says nothing (sources/shared-defaults/*host-containers.toml).
   */
  defaultHostContainers: Readonly<Record<string, { enabled: boolean }>>;
  source: string;
}

function withCommon(extra: NamespaceSince): NamespaceSince {
  const out: NamespaceSince = {};
  for (const ns of COMMON) out[ns] = true;
  return { ...out, ...extra };
}

/**
 * Before 1.15.0 the aws and vmware Kubernetes 1.15-1.22 variants had no `boot` (per-variant models
 * before settings plugins: bottlerocket-os/bottlerocket sources/models/src/<variant>/mod.rs at each
 * tag). The metal variants are the exception: metal-k8s-1.22 has `boot` from v1.8.0 (mod.rs@v1.8.0),
 * and metal-k8s-1.21 is a symlink to it.
 */
const K8S_BOOT: NamespaceRule = { when: { kubernetesAtLeast: '1.23', before: '1.15.0' } };

const K8S_COMMON: NamespaceSince = {
  boot: K8S_BOOT,
  aws: true,
  kubernetes: true,
  'oci-defaults': true,
  'container-runtime': true,
};

/** What every ECS family since aws-ecs-2 accepts beyond the common namespaces. */
const ECS_COMMON: NamespaceSince = {
  boot: true,
  aws: true,
  ecs: true,
  'oci-defaults': true,
  cloudformation: true,
  autoscaling: true,
};

/**
 * `image-verifier-plugins` on Kubernetes: only the k8s-1.33-and-newer variants (bottlerocket-os/bottlerocket
 * PR #4832 "Add image verification settings for k8s-1.33, k8s-1.34, and k8s-1.35 variants", #4827 for
 * 1.36, with a migration limited to those variants). How it was settled: the shared aws-k8s settings
 * plugin, which serves every older aws-k8s variant, has no `image_verifier_plugins` field
 * (sources/settings-plugins/aws-k8s/src/lib.rs@57683f4e), so 1.31 and 1.32 keep rejecting the
 * namespace; the NVIDIA plugin has none either (aws-k8s-nvidia/src/lib.rs@25c1f02c). The vmware-k8s
 * plugin has none (vmware-k8s/src/lib.rs@57683f4e) and the PR and the website (bottlerocket-project-website
 * PR #589: "aws-ecs-3 and aws-k8s-1.33") name only aws variants, so vmware rejects it. Release: merged
 * 2026-05-08 after 1.61.0 was cut; the website prepared the docs for 1.63.x.
 */
const IMAGE_VERIFIER_K8S: NamespaceRule = { since: '1.63.0', when: { kubernetesAtLeast: '1.33' }, note: 'PR #4832' };

/** `admin` (off) and `control` (on): bottlerocket-os/bottlerocket sources/shared-defaults/aws-host-containers.toml. */
const AWS_HOST = { admin: { enabled: false }, control: { enabled: true } } as const;
/** Both off on aws-mantle: sources/shared-defaults/aws-mantle-host-containers.toml@3abd42f9. */
const MANTLE_HOST = { admin: { enabled: false }, control: { enabled: false } } as const;
/** Both off outside AWS: sources/shared-defaults/public-host-containers.toml. */
const PUBLIC_HOST = { admin: { enabled: false }, control: { enabled: false } } as const;

/** Development variants lost `updates` in 1.56.0 (bottlerocket-os/bottlerocket PR #4765). */
const DEV_UPDATES: NamespaceRule = { until: '1.56.0', note: 'PR #4765' };

export const FAMILIES: readonly VariantFamily[] = [
  {
    id: 'aws-k8s',
    summary: 'Amazon EKS nodes (aws-k8s-1.X, aws-k8s-1.X-fips)',
    platform: 'aws',
    orchestrator: 'kubernetes',
    naming: { base: 'aws-k8s', kubernetesVersion: true, nvidia: 'no', fips: true },
    namespaces: withCommon({
      ...K8S_COMMON,
      cloudformation: true,
      autoscaling: '1.12.0', // migration v1.12.0/add-k8s-autoscaling-warm-pool-setting
      'container-runtime-plugins': '1.44.0', // PR #4593 "Add soci-snapshotter to kubernetes variants"
      'image-verifier-plugins': IMAGE_VERIFIER_K8S,
    }),
    introduced: '0.3.0',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-k8s/src/lib.rs',
  },
  {
    id: 'aws-k8s-nvidia',
    summary: 'Amazon EKS nodes with NVIDIA GPUs (aws-k8s-1.X-nvidia, -nvidia-fips)',
    platform: 'aws',
    orchestrator: 'kubernetes',
    naming: { base: 'aws-k8s', kubernetesVersion: true, nvidia: 'required', fips: true },
    namespaces: withCommon({
      ...K8S_COMMON,
      'container-runtime': '1.20.0', // migration v1.20.0/container-runtime-nvidia
      cloudformation: true,
      autoscaling: '1.12.0',
      'container-runtime-plugins': '1.44.0',
      'nvidia-container-runtime': true,
      'kubelet-device-plugins': true,
      // one plugin serves every nvidia variant, whatever its Kubernetes version (PR #4926); the schema's
      // x-since gives the release
      'kubelet-dra-drivers': true,
    }),
    introduced: '1.6.0',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-k8s-nvidia/src/lib.rs',
  },
  {
    id: 'aws-ecs-1',
    summary: 'Amazon ECS nodes, first generation (aws-ecs-1, aws-ecs-1-nvidia); removed in 1.44.0',
    platform: 'aws',
    orchestrator: 'ecs',
    naming: { base: 'aws-ecs-1', kubernetesVersion: false, nvidia: 'allowed', fips: false },
    namespaces: withCommon({
      aws: true,
      ecs: true,
      'oci-defaults': '1.15.0', // migration v1.15.0/oci-defaults-docker-setting
      cloudformation: true,
      autoscaling: true,
    }),
    introduced: '0.5.0',
    removed: '1.44.0',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-1/src/lib.rs',
  },
  {
    id: 'aws-ecs-2',
    summary: 'Amazon ECS nodes (aws-ecs-2, -nvidia, -fips, -nvidia-fips)',
    platform: 'aws',
    orchestrator: 'ecs',
    naming: { base: 'aws-ecs-2', kubernetesVersion: false, nvidia: 'allowed', fips: true },
    namespaces: withCommon({ ...ECS_COMMON }),
    introduced: '1.15.0',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-2/src/lib.rs',
  },
  {
    id: 'aws-ecs-3',
    summary: 'Amazon ECS nodes, preview (aws-ecs-3, -nvidia, -fips, -nvidia-fips)',
    platform: 'aws',
    orchestrator: 'ecs',
    naming: { base: 'aws-ecs-3', kubernetesVersion: false, nvidia: 'allowed', fips: true },
    namespaces: withCommon({
      ...ECS_COMMON,
      'image-verifier-plugins': true,
      measurement: true, // added to the plugin after 1.51.0; the schema's x-since gates it
    }),
    introduced: '1.51.0',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-3/src/lib.rs (PR #4685)',
  },
  {
    id: 'aws-ecs-4',
    summary: 'Amazon ECS nodes (aws-ecs-4, -nvidia)',
    platform: 'aws',
    orchestrator: 'ecs',
    naming: { base: 'aws-ecs-4', kubernetesVersion: false, nvidia: 'allowed', fips: false },
    namespaces: withCommon({ ...ECS_COMMON, 'image-verifier-plugins': true }),
    introduced: '1.61.0',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-4/src/lib.rs (PR #4840)',
  },
  {
    id: 'aws-mantle-1',
    summary: 'experimental minimal AWS variant (aws-mantle-1, -fips, -nvidia, -nvidia-fips); release inferred',
    platform: 'aws',
    orchestrator: 'none',
    naming: { base: 'aws-mantle-1', kubernetesVersion: false, nvidia: 'allowed', fips: true },
    namespaces: {
      motd: true,
      'host-containers': true,
      'bootstrap-commands': true,
      'bootstrap-containers': true,
      ntp: true,
      network: true,
      kernel: true,
      aws: true,
      pki: true,
      'container-registry': true,
      'oci-hooks': true,
      cloudformation: true,
      dns: true,
      'image-verifier-plugins': true,
    },
    introduced: '1.66.0',
    defaultBootstrapImage: true,
    defaultHostContainers: MANTLE_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-mantle-1/src/lib.rs (PR #4908)',
  },
  {
    id: 'aws-dev',
    summary: 'development image for AWS (aws-dev)',
    platform: 'aws',
    orchestrator: 'none',
    naming: { base: 'aws-dev', kubernetesVersion: false, nvidia: 'no', fips: false },
    namespaces: withCommon({ updates: DEV_UPDATES, boot: '1.11.0', aws: true, cloudformation: true }),
    introduced: '0.2.1',
    defaultBootstrapImage: true,
    defaultHostContainers: AWS_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-dev/src/lib.rs',
  },
  {
    id: 'metal-k8s',
    summary: 'Kubernetes on bare metal (metal-k8s-1.X); last shipped in 1.26.x',
    platform: 'metal',
    orchestrator: 'kubernetes',
    naming: { base: 'metal-k8s', kubernetesVersion: true, nvidia: 'no', fips: false },
    // metal variants had `boot` from its first release (v1.8.0), whatever their Kubernetes version
    namespaces: withCommon({ ...K8S_COMMON, boot: true, aws: '1.11.0' }),
    introduced: '1.6.0',
    removed: '1.27.0',
    defaultBootstrapImage: true,
    defaultHostContainers: PUBLIC_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/metal-k8s/src/lib.rs',
  },
  {
    id: 'metal-dev',
    summary: 'development image for bare metal (metal-dev)',
    platform: 'metal',
    orchestrator: 'none',
    naming: { base: 'metal-dev', kubernetesVersion: false, nvidia: 'no', fips: false },
    namespaces: withCommon({ updates: DEV_UPDATES, boot: true }),
    introduced: '1.6.0',
    defaultBootstrapImage: false,
    defaultHostContainers: PUBLIC_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/metal-dev/src/lib.rs',
  },
  {
    id: 'vmware-k8s',
    summary: 'Kubernetes on VMware (vmware-k8s-1.X, -fips)',
    platform: 'vmware',
    orchestrator: 'kubernetes',
    naming: { base: 'vmware-k8s', kubernetesVersion: true, nvidia: 'no', fips: true },
    namespaces: withCommon({
      ...K8S_COMMON,
      aws: '1.11.0',
      'container-runtime-plugins': '1.44.0',
    }),
    introduced: '1.1.0',
    defaultBootstrapImage: true,
    defaultHostContainers: PUBLIC_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/vmware-k8s/src/lib.rs',
  },
  {
    id: 'vmware-dev',
    summary: 'development image for VMware (vmware-dev)',
    platform: 'vmware',
    orchestrator: 'none',
    naming: { base: 'vmware-dev', kubernetesVersion: false, nvidia: 'no', fips: false },
    namespaces: withCommon({ updates: DEV_UPDATES, boot: '1.11.0', metrics: '1.1.0' }),
    introduced: '1.0.6',
    defaultBootstrapImage: false,
    defaultHostContainers: PUBLIC_HOST,
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/vmware-dev/src/lib.rs',
  },
];

export function findFamily(id: string): VariantFamily | undefined {
  return FAMILIES.find((f) => f.id === id);
}
