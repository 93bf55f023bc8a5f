/**
 * The variant matrix: which settings namespaces each Bottlerocket variant family accepts, and from
 * which release. This file is the only place that fact lives.
 *
 * Each variant's API deserializes user-data into its own settings model, which has
 * `deny_unknown_fields`; a namespace the variant lacks (`settings.ecs` on a Kubernetes node) rejects
 * the whole document. Sources: bottlerocket-os/bottlerocket sources/settings-plugins/<plugin>/src/lib.rs
 * and packages/settings-plugins/settings-plugins.spec (v1.26.1), migrations for per-family releases,
 * and ../shared/reference/releases-and-variants.md §2 for later releases (marked "inferred" there).
 */
import { compareVersions, isAvailable } from './releases.js';
import { own } from '../own.js';

/** Namespaces every variant has (reference §5.1, v1.26.1 settings plugins). */
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
      /** An extra condition on the concrete variant (e.g. its Kubernetes version). */
      when?: { kubernetesAtLeast: string; before: string };
      note?: string;
    };
type NamespaceSince = Record<string, NamespaceRule>;

export interface VariantFamily {
  id: string;
  summary: string;
  orchestrator: 'kubernetes' | 'ecs' | 'none';
  /** Namespaces accepted beyond the schema's own `x-since`: `true`, or the release it arrived on this family. */
  namespaces: NamespaceSince;
  introduced: string;
  removed?: string;
  source: string;
}

function withCommon(extra: NamespaceSince): NamespaceSince {
  const out: NamespaceSince = {};
  for (const ns of COMMON) out[ns] = true;
  return { ...out, ...extra };
}

/**
 * Before 1.15.0 the Kubernetes 1.15-1.22 variants had no `boot` (per-variant models before settings
 * plugins: sources/models/src/<variant>/mod.rs at each tag).
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

/** Development variants lost `updates` in 1.56.0 (bottlerocket-os/bottlerocket PR #4765). */
const DEV_UPDATES: NamespaceRule = { until: '1.56.0', note: 'PR #4765' };

export const FAMILIES: readonly VariantFamily[] = [
  {
    id: 'aws-k8s',
    summary: 'Amazon EKS nodes (aws-k8s-1.X, aws-k8s-1.X-fips)',
    orchestrator: 'kubernetes',
    namespaces: withCommon({
      ...K8S_COMMON,
      cloudformation: true,
      autoscaling: '1.12.0', // migration v1.12.0/add-k8s-autoscaling-warm-pool-setting
      'container-runtime-plugins': '1.44.0', // PR #4593 "Add soci-snapshotter to kubernetes variants"
      'image-verifier-plugins': { since: '1.63.0', note: 'PR #4832; release inferred' },
    }),
    introduced: '0.3.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-k8s/src/lib.rs',
  },
  {
    id: 'aws-k8s-nvidia',
    summary: 'Amazon EKS nodes with NVIDIA GPUs (aws-k8s-1.X-nvidia, -nvidia-fips)',
    orchestrator: 'kubernetes',
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
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-k8s-nvidia/src/lib.rs',
  },
  {
    id: 'aws-ecs-1',
    summary: 'Amazon ECS nodes, first generation (aws-ecs-1, aws-ecs-1-nvidia); removed in 1.44.0',
    orchestrator: 'ecs',
    namespaces: withCommon({
      aws: true,
      ecs: true,
      'oci-defaults': '1.15.0', // migration v1.15.0/oci-defaults-docker-setting
      cloudformation: true,
      autoscaling: true,
    }),
    introduced: '0.5.0',
    removed: '1.44.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-1/src/lib.rs',
  },
  {
    id: 'aws-ecs-2',
    summary: 'Amazon ECS nodes (aws-ecs-2, -nvidia, -fips, -nvidia-fips)',
    orchestrator: 'ecs',
    namespaces: withCommon({ ...ECS_COMMON }),
    introduced: '1.15.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-2/src/lib.rs',
  },
  {
    id: 'aws-ecs-3',
    summary: 'Amazon ECS nodes, preview (aws-ecs-3, -nvidia, -fips, -nvidia-fips)',
    orchestrator: 'ecs',
    namespaces: withCommon({
      ...ECS_COMMON,
      'image-verifier-plugins': true,
      measurement: true, // added to the plugin after 1.51.0; the schema's x-since gates it
    }),
    introduced: '1.51.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-3/src/lib.rs (PR #4685)',
  },
  {
    id: 'aws-ecs-4',
    summary: 'Amazon ECS nodes (aws-ecs-4, -nvidia)',
    orchestrator: 'ecs',
    namespaces: withCommon({ ...ECS_COMMON, 'image-verifier-plugins': true }),
    introduced: '1.61.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-ecs-4/src/lib.rs (PR #4840)',
  },
  {
    id: 'aws-mantle-1',
    summary: 'experimental minimal AWS variant (aws-mantle-1, -fips, -nvidia, -nvidia-fips); release inferred',
    orchestrator: 'none',
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
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-mantle-1/src/lib.rs (PR #4908)',
  },
  {
    id: 'aws-dev',
    summary: 'development image for AWS (aws-dev)',
    orchestrator: 'none',
    namespaces: withCommon({ updates: DEV_UPDATES, boot: '1.11.0', aws: true, cloudformation: true }),
    introduced: '0.2.1',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/aws-dev/src/lib.rs',
  },
  {
    id: 'metal-k8s',
    summary: 'Kubernetes on bare metal (metal-k8s-1.X); last shipped in 1.26.x',
    orchestrator: 'kubernetes',
    namespaces: withCommon({ ...K8S_COMMON, aws: '1.11.0' }),
    introduced: '1.6.0',
    removed: '1.27.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/metal-k8s/src/lib.rs',
  },
  {
    id: 'metal-dev',
    summary: 'development image for bare metal (metal-dev)',
    orchestrator: 'none',
    namespaces: withCommon({ updates: DEV_UPDATES, boot: true }),
    introduced: '1.6.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/metal-dev/src/lib.rs',
  },
  {
    id: 'vmware-k8s',
    summary: 'Kubernetes on VMware (vmware-k8s-1.X, -fips)',
    orchestrator: 'kubernetes',
    namespaces: withCommon({
      ...K8S_COMMON,
      aws: '1.11.0',
      'container-runtime-plugins': '1.44.0',
      'image-verifier-plugins': { since: '1.63.0', note: 'PR #4832; release inferred' },
    }),
    introduced: '1.1.0',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/vmware-k8s/src/lib.rs',
  },
  {
    id: 'vmware-dev',
    summary: 'development image for VMware (vmware-dev)',
    orchestrator: 'none',
    namespaces: withCommon({ updates: DEV_UPDATES, boot: '1.11.0', metrics: '1.1.0' }),
    introduced: '1.0.6',
    source: 'bottlerocket-os/bottlerocket:sources/settings-plugins/vmware-dev/src/lib.rs',
  },
];

export function findFamily(id: string): VariantFamily | undefined {
  return FAMILIES.find((f) => f.id === id);
}

/** A concrete variant name resolved to its family. */
export interface Variant {
  /** As the user gave it, e.g. `aws-k8s-1.31-nvidia`, or a family id such as `aws-k8s`. */
  name: string;
  family: VariantFamily;
  /** The Kubernetes minor version in the name, e.g. `1.31`. */
  kubernetesVersion?: string;
  fips: boolean;
}

const K8S_NAME = /^(aws|vmware|metal)-k8s-(\d+\.\d+)(-nvidia)?(-fips)?$/;
const ECS_NAME = /^aws-ecs-([1-4])(-nvidia)?(-fips)?$/;
const MANTLE_NAME = /^aws-mantle-1(-nvidia)?(-fips)?$/;

/** Parses a variant name (`aws-k8s-1.31`, `aws-ecs-2-nvidia`, `metal-dev`) or a family id. */
export function parseVariant(name: string): Variant | undefined {
  const k8s = K8S_NAME.exec(name);
  if (k8s) {
    const [, platform, version, nvidia, fips] = k8s;
    if (nvidia && platform !== 'aws') return undefined;
    const family = findFamily(nvidia ? 'aws-k8s-nvidia' : `${platform}-k8s`);
    return family && { name, family, kubernetesVersion: version, fips: Boolean(fips) };
  }
  const mantle = MANTLE_NAME.exec(name);
  if (mantle) return { name, family: findFamily('aws-mantle-1')!, fips: Boolean(mantle[2]) };
  const ecs = ECS_NAME.exec(name);
  if (ecs) {
    const family = findFamily(`aws-ecs-${ecs[1]}`);
    return family && { name, family, fips: Boolean(ecs[3]) };
  }
  const family = findFamily(name);
  return family && { name, family, fips: false };
}

/**
 * Whether a family accepts a namespace on a release (and, where it matters, for the concrete variant).
 * The namespace's own `x-since` in the schema is checked separately; this adds the family's matrix.
 */
export function familyAccepts(family: VariantFamily, namespace: string, release: string, variant?: Variant): boolean {
  const rule = own(family.namespaces, namespace);
  if (rule === undefined) return false;
  if (rule === true) return true;
  if (typeof rule === 'string') return isAvailable(rule, release);
  if (rule.since && !isAvailable(rule.since, release)) return false;
  if (rule.until && isAvailable(rule.until, release)) return false;
  const when = rule.when;
  if (when && variant?.kubernetesVersion && !isAvailable(when.before, release)) {
    return compareVersions(`${variant.kubernetesVersion}.0`, `${when.kubernetesAtLeast}.0`) >= 0;
  }
  return true;
}

/** Families (available on the release) that accept a namespace, for "it belongs to …" hints. */
export function familiesAccepting(namespace: string, release: string): VariantFamily[] {
  return FAMILIES.filter((f) => familyAccepts(f, namespace, release) && isFamilyAvailable(f, release));
}

export function isFamilyAvailable(family: VariantFamily, release: string): boolean {
  return isAvailable(family.introduced, release) && (family.removed === undefined || compareVersions(release, family.removed) < 0);
}

/** The order in which families are tried when the variant is inferred from the document. */
const INFERENCE_ORDER = ['aws-k8s', 'aws-k8s-nvidia', 'aws-ecs-2', 'aws-ecs-3', 'aws-ecs-4', 'aws-dev'];

/**
 * Infers the family from the namespaces a document uses: the first family in a fixed order that
 * accepts all of them on the release. Undefined when no family does (e.g. both `kubernetes` and `ecs`).
 */
export function inferFamily(namespaces: readonly string[], release: string): VariantFamily | undefined {
  const candidates = [...INFERENCE_ORDER.map((id) => findFamily(id)!), ...FAMILIES.filter((f) => !INFERENCE_ORDER.includes(f.id))];
  return candidates.find((f) => isFamilyAvailable(f, release) && namespaces.every((ns) => familyAccepts(f, ns, release)));
}

/**
 * Kubernetes versions per platform: the release that added the variant and the one that removed it.
 * Source: releases-and-variants.md §2.2 (bottlerocket CHANGELOG, PRs #4287 #4497 #4580 #4880, and the
 * website's data/variants/<release>/ listings). Removals known only as "last documented in 1.N.x" are
 * given as 1.(N+1).0. Used for a warning only: whether an image exists does not change what the
 * settings model accepts.
 */
const K8S_VERSIONS: Record<'aws' | 'vmware' | 'metal', ReadonlyArray<readonly [string, string, string?]>> = {
  aws: [
    ['1.15', '0.3.0', '1.1.0'], ['1.16', '0.3.4', '1.2.0'], ['1.17', '0.4.1', '1.4.0'], ['1.18', '1.0.2', '1.8.0'],
    ['1.19', '1.0.5', '1.10.0'], ['1.20', '1.1.0', '1.13.0'], ['1.21', '1.1.2', '1.13.0'], ['1.22', '1.6.2', '1.15.0'],
    ['1.23', '1.8.0', '1.25.0'], ['1.24', '1.10.0', '1.33.0'], ['1.25', '1.12.0', '1.38.0'], ['1.26', '1.13.0', '1.41.0'],
    ['1.27', '1.14.0', '1.44.0'], ['1.28', '1.15.0', '1.52.0'], ['1.29', '1.18.0'], ['1.30', '1.20.0', '1.64.0'],
    ['1.31', '1.22.0'], ['1.32', '1.30.0'], ['1.33', '1.39.0'], ['1.34', '1.47.0'], ['1.35', '1.53.0'],
    ['1.36', '1.61.0'], ['1.37', '1.66.0'],
  ],
  vmware: [
    ['1.20', '1.1.0', '1.13.0'], ['1.21', '1.6.0', '1.13.0'], ['1.22', '1.6.2', '1.15.0'], ['1.23', '1.8.0', '1.16.0'],
    ['1.24', '1.10.0', '1.19.0'], ['1.25', '1.12.0', '1.20.0'], ['1.26', '1.13.0', '1.21.0'], ['1.27', '1.14.0', '1.21.0'],
    ['1.28', '1.15.0', '1.52.0'], ['1.29', '1.18.0'], ['1.30', '1.20.0', '1.64.0'], ['1.31', '1.22.0'], ['1.32', '1.30.0'],
    ['1.33', '1.39.0'], ['1.34', '1.47.0'], ['1.35', '1.53.0'], ['1.36', '1.61.0'], ['1.37', '1.66.0'],
  ],
  metal: [
    ['1.21', '1.6.0', '1.13.0'], ['1.22', '1.6.2', '1.15.0'], ['1.23', '1.8.0', '1.16.0'], ['1.24', '1.10.0', '1.19.0'],
    ['1.25', '1.12.0', '1.20.0'], ['1.26', '1.13.0', '1.21.0'], ['1.27', '1.14.0', '1.21.0'], ['1.28', '1.15.0', '1.27.0'],
    ['1.29', '1.18.0', '1.27.0'],
  ],
};

/**
 * Why a concrete variant name does not exist on a release, or undefined when it does (or when brud
 * cannot tell). FIPS flavours arrived in 1.27.0, NVIDIA FIPS in 1.51.0.
 */
export function variantAvailability(variant: Variant, release: string): string | undefined {
  const { family } = variant;
  if (!isFamilyAvailable(family, release)) {
    return family.removed && compareVersions(release, family.removed) >= 0
      ? `the ${family.id} variants were removed in Bottlerocket ${family.removed}`
      : `the ${family.id} variants first shipped in Bottlerocket ${family.introduced}`;
  }
  if (variant.fips && !isAvailable(variant.name.includes('nvidia') ? '1.51.0' : '1.27.0', release)) {
    return `FIPS variants first shipped in Bottlerocket ${variant.name.includes('nvidia') ? '1.51.0' : '1.27.0'}`;
  }
  if (!variant.kubernetesVersion) return undefined;
  const platform = variant.name.split('-')[0] as keyof typeof K8S_VERSIONS;
  const row = K8S_VERSIONS[platform]?.find(([v]) => v === variant.kubernetesVersion);
  if (!row) return `brud knows no ${platform}-k8s-${variant.kubernetesVersion} variant`;
  const [, added, removed] = row;
  if (!isAvailable(added, release)) return `${variant.name} first shipped in Bottlerocket ${added}`;
  if (removed && compareVersions(release, removed) >= 0) return `${variant.name} was removed by Bottlerocket ${removed}`;
  return undefined;
}
