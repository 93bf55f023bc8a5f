/**
 * Bottlerocket behaviours that change with a release, in one sourced table that the rules, the boot
 * plan and the check read. Each row cites the upstream change. (Keys, namespaces and values that a
 * release adds are not here: the schemas carry them as `x-since`, and the variant matrix in
 * `families.ts` says which family has which namespace.)
 */
import { isAvailable } from './releases.js';

export interface ReleaseFact {
  /** The first release with the behaviour. */
  since: string;
  /** The first release without it again, for behaviours that were fixed. */
  until?: string;
  /** The upstream change, as repository@ref:path or a pull request. */
  source: string;
}

export const FACTS = {
  /** EC2 IMDS user-data that is empty or only whitespace counts as "no user-data" instead of failing boot. */
  emptyUserDataOk: {
    since: '1.15.0',
    source: 'bottlerocket-os/bottlerocket PR #3430 (commit 0853028c), sources/api/early-boot-config/src/provider/aws.rs',
  },
  /**
   * bootstrap-commands checks each command's exit status (core-kit 5.4.1): before, only a command that
   * could not start failed its entry. The first Bottlerocket release on core-kit 5.4.x is 1.32.0 (its
   * tracking issue #4377 lists the core-kit 5.4.2 update, PR #4374; 1.31.0 was still on 5.3.x, PR #4351),
   * not 1.31.0 as brud first assumed.
   */
  exitStatusChecked: {
    since: '1.32.0',
    source:
      'bottlerocket-os/bottlerocket-core-kit PR #350 (v5.4.1), sources/bootstrap-commands/src/main.rs@44b81f44 (run_command: output() and a success check) vs @a10182f9 (status() only); bottlerocket-os/bottlerocket issue #4377, PR #4374',
  },
  /** A bootstrap container without `source` runs Bottlerocket's default bootstrap image (core-kit 6.0). */
  defaultBootstrapImage: {
    since: '1.33.0',
    source:
      'bottlerocket-os/bottlerocket PR #4349; bottlerocket-core-kit PRs #294 and #335 (v6.0.0), sources/shared-defaults/public-bootstrap-containers.toml',
  },
  /**
   * The bootstrap-containers config template writes `mode` unconditionally: a container without `mode`
   * fails to render and settings-applier halts boot.
   */
  bootstrapContainerModeTemplate: {
    since: '1.20.0',
    until: '1.33.0',
    source: 'bottlerocket-os/bottlerocket-core-kit packages/os/bootstrap-containers-toml, made conditional by commit 8a9afd83 (v6.0.0)',
  },
  /**
   * User-data is parsed with toml 0.8 (toml_edit) instead of toml 0.5. toml 0.5 refuses any float literal
   * that is not finite (so `-1e400` fails to parse; toml_edit reads it as -inf). brud's parser follows
   * toml_edit; before this release it also refuses an overflowing negative float.
   */
  tomlEditParser: {
    since: '1.19.3',
    source:
      'bottlerocket-os/bottlerocket sources/api/early-boot-config/Cargo.toml@v1.19.2 (toml = "0.5") vs @v1.19.3 (toml = "0.8"); toml-rs/toml-rs src/de.rs@0.5.9 (a float must be finite)',
  },
  /** FIPS flavours of the variants. */
  fipsVariants: { since: '1.27.0', source: 'bottlerocket-os/bottlerocket CHANGELOG.md v1.27.0' },
  /** FIPS flavours of the NVIDIA variants. */
  nvidiaFipsVariants: { since: '1.51.0', source: 'bottlerocket-os/bottlerocket CHANGELOG.md v1.51.0' },
} as const satisfies Record<string, ReleaseFact>;

export type FactId = keyof typeof FACTS;

/** Whether a release has the behaviour. */
export function hasFact(id: FactId, release: string): boolean {
  const fact: ReleaseFact = FACTS[id];
  return isAvailable(fact.since, release) && (fact.until === undefined || !isAvailable(fact.until, release));
}
