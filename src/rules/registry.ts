/**
 * Every rule brud reports under, in one registry: Bottlerocket's own verdicts and brud's reading of the
 * input (`verdicts.ts`), and the lint rules (`lint/`). Formatters read the metadata (SARIF rule
 * descriptions, docs/rules.md is generated from it); project configs may re-grade only `configurable`
 * rules; `fatal` rules mean the input could not be checked.
 */
import { bootParameterOrder } from './lint/boot-parameter-order.js';
import { bootstrapApiclientExec } from './lint/bootstrap-apiclient-exec.js';
import { bootstrapModeMissing } from './lint/bootstrap-mode-missing.js';
import { bootstrapRebootLoop } from './lint/bootstrap-reboot-loop.js';
import { containerMissingSource } from './lint/container-missing-source.js';
import { containerUserDataSecret } from './lint/container-user-data-secret.js';
import { hostContainerSuperpowered } from './lint/host-container-superpowered.js';
import type { RuleMeta } from './types.js';
import { VERDICTS, type VerdictId } from './verdicts.js';

/** The lint rules, in the order they run over a document Bottlerocket accepts. */
export const LINT_RULES = [
  bootstrapModeMissing,
  bootstrapApiclientExec,
  bootstrapRebootLoop,
  containerMissingSource,
  hostContainerSuperpowered,
  containerUserDataSecret,
  bootParameterOrder,
] as const;

export type LintRuleId = (typeof LINT_RULES)[number]['meta']['id'];
export type RuleId = VerdictId | LintRuleId;

const byId = new Map<string, RuleMeta>([
  ...Object.entries(VERDICTS).map(([id, meta]): [string, RuleMeta] => [id, { id, configurable: false, ...meta }]),
  ...LINT_RULES.map((r): [string, RuleMeta] => [r.meta.id, r.meta]),
]);

/** Every rule's metadata, sorted by id. */
export const RULES: readonly RuleMeta[] = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return byId.has(id);
}

/** Whether a finding of this rule means the input could not be checked (brud gives no verdict). */
export function isFatal(id: RuleId): boolean {
  return byId.get(id)?.fatal === true;
}
