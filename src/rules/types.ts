/** The shape of a lint rule (ESLint-like): metadata plus a check over the decoded document. */
import type { Finding, Severity } from '../diagnostics.js';
import type { TomlTable } from '../parse/value.js';
import type { Target } from '../validate/target.js';

export interface RuleMeta {
  id: string;
  /** Severity when the user configures nothing. */
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters on the node, with the source of the fact. */
  rationale: string;
  /** Whether a project config may change its severity or turn it off (Bottlerocket's own verdicts cannot be). */
  configurable: boolean;
}

export interface RuleContext {
  doc: TomlTable;
  /** `settings`, when it is a table. */
  settings: TomlTable | undefined;
  target: Target;
}

export interface LintRule extends RuleMeta {
  check(ctx: RuleContext): Finding[];
}
