/** What a check takes and gives. */
import type { Diagnostic, Severity, Span } from '../model/diagnostic.js';
import type { TomlTable } from '../model/value.js';
import type { RuleId } from '../rules/registry.js';
import type { Target } from '../targets/target.js';
import type { HostFormat } from '../input/hosts/types.js';

/** What a document found in a host file (a manifest, a template, a plan) brings along. */
export interface HostInfo {
  format: HostFormat;
  /** The wrapping tool the host implies: its findings are part of the check, and compile/plan/diff apply it. */
  wrapper?: string;
  /** The user-data text itself (positions and `source` refer to the host file). */
  userData?: string;
  /** The file holds no Bottlerocket user-data at all. */
  none?: true;
}

/** A severity for a configurable rule, or `off`. */
export type RuleSetting = Severity | 'off';

export interface CheckOptions {
  /** A variant name (`aws-k8s-1.31`) or family (`aws-k8s`); inferred from the document when absent. */
  variant?: string;
  /** Target Bottlerocket release (X.Y.Z); the newest known when absent. */
  osVersion?: string;
  /**
   * The input was found by walking a directory, not named: a file that holds no Bottlerocket user-data
   * (a Deployment manifest, package.json, a shell template) gives no result instead of a finding.
   */
  discovered?: boolean;
  /** Values for a template's placeholders, by name (`${name}`): filled in before checking. */
  vars?: Readonly<Record<string, string>>;
  /** Severity overrides for configurable rules (lint rules). */
  rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /**
   * The target to use when neither `variant`/`osVersion` nor the file itself (a `#:brud variant=…
   * os-version=…` comment) names one: a project config's. `variant` and `osVersion` win over the file
   * (with an info note when they disagree); the file wins over these.
   */
  defaults?: { variant?: string; osVersion?: string };
}

export interface DocumentResult {
  /** Display name of the checked document (file, plus where in it for launch-template JSON). */
  file: string;
  /** For launch-template JSON: where in it the user-data was, and the version number when listed. */
  slot?: { where: string; version?: number };
  /** The first MAX_DIAGNOSTICS_PER_DOCUMENT findings, in order of their place in the text. */
  diagnostics: Diagnostic[];
  /** Findings counted but not listed (beyond MAX_DIAGNOSTICS_PER_DOCUMENT). */
  omitted?: number;
  errorCount: number;
  warningCount: number;
  /** The input could not be checked (unreadable, too large, beyond the parser): no verdict. */
  fatal: boolean;
  /** Not read at all: a directory entry that is not a regular file. */
  skipped?: true;
  /** The text the positions refer to, for code frames: the TOML, or the host file (YAML, JSON) it was found in. */
  source?: string;
  /** Where secrets are written in `source` (masked in every code frame line that shows them). */
  secrets?: Span[];
  /** User-data found in a host file: which kind, what it implies, and its own TOML text. */
  host?: HostInfo;
  /** A template: the placeholders left without a value, and the directive brud could not evaluate. */
  template?: { unknown: string[]; directive?: string };
  /** Lines and columns refer to decoded text (base64, gzip or launch-template JSON), not to the file. */
  decoded?: boolean;
  /** What the document was checked against; absent when no variant accepts its namespaces. */
  target?: Target;
  /** The decoded document, when it parsed. */
  document?: TomlTable;
  /** Where a key path of `document` was written (its key, or its value). */
  locate?: (path: ReadonlyArray<string | number>, at?: 'key' | 'value') => Span;
}
