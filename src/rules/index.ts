/**
 * Every rule brud reports under, in one registry: the lint rules (run over a valid document) and the
 * ids of Bottlerocket's own verdicts (input, parse, document and schema checks). Formatters read the
 * metadata (SARIF rule descriptions); project configs may re-grade only `configurable` rules.
 */
import type { LintRule, RuleMeta } from './types.js';
import { bootstrapModeMissing } from './bootstrap-mode-missing.js';
import { bootstrapApiclientExec } from './bootstrap-apiclient-exec.js';
import { bootstrapRebootLoop } from './bootstrap-reboot-loop.js';
import { containerMissingSource } from './container-missing-source.js';
import { hostContainerSuperpowered } from './host-container-superpowered.js';
import { containerUserDataSecret } from './container-user-data-secret.js';

export const LINT_RULES: readonly LintRule[] = [
  bootstrapModeMissing,
  bootstrapApiclientExec,
  bootstrapRebootLoop,
  containerMissingSource,
  hostContainerSuperpowered,
  containerUserDataSecret,
];

const verdict = (id: string, description: string, rationale: string, severity: RuleMeta['severity'] = 'error'): RuleMeta => ({
  id,
  severity,
  description,
  rationale,
  configurable: false,
});

const BOTTLEROCKET_REJECTS = 'Bottlerocket rejects the whole user-data document, and the node stops before joining its cluster.';

/** The checks that restate Bottlerocket's own verdict. */
export const VERDICT_RULES: readonly RuleMeta[] = [
  verdict('input/too-large', 'The input is larger than brud accepts (1 MB).', 'EC2 accepts at most 16 KB of user-data; brud refuses larger inputs before parsing.'),
  verdict('input/encoding', 'The input is not valid UTF-8.', BOTTLEROCKET_REJECTS),
  verdict('input/bom', 'The input starts with a byte-order mark.', "Bottlerocket's TOML parser skips it; other tools may not.", 'warning'),
  verdict('input/not-toml', 'The input is not TOML user-data (a shell script, cloud-init, MIME multipart, …).', 'Bottlerocket fails to parse it and the node does not boot.'),
  verdict('input/bad-gzip', 'The input has the gzip magic bytes but does not decompress.', BOTTLEROCKET_REJECTS),
  verdict('input/decoded', 'The input was base64 or gzip and was decoded before checking.', 'Informational.', 'info'),
  verdict('input/no-user-data', 'A launch-template version without user-data.', 'Informational.', 'info'),
  verdict('parse/syntax', 'The TOML does not parse (TOML 1.0, as Bottlerocket reads it).', BOTTLEROCKET_REJECTS),
  verdict('parse/too-deep', "Nesting deeper than Bottlerocket's TOML parser allows (79 levels, 79 dotted key parts).", BOTTLEROCKET_REJECTS),
  verdict('io/unreadable', 'An input that cannot be read.', 'brud cannot give a verdict (exit 2).'),
  verdict('internal/parser-limit', "The input exceeds a limit of brud's own parser and was not checked.", 'brud cannot give a verdict.'),
  verdict('document/empty', 'The user-data is empty.', 'Since Bottlerocket 1.15.0 empty user-data means "no settings"; before, it was an error.', 'warning'),
  verdict('document/missing-settings', 'The document has no [settings] table.', BOTTLEROCKET_REJECTS),
  verdict('document/ignored-key', 'A top-level key other than `settings`.', 'Bottlerocket reads only `settings` and silently drops everything else.', 'warning'),
  verdict('schema/unknown-key', 'A key the settings model does not have.', BOTTLEROCKET_REJECTS),
  verdict('schema/invalid-key', 'A map key that breaks its modeled type (e.g. an Identifier with "_").', BOTTLEROCKET_REJECTS),
  verdict('schema/type', 'A value of the wrong TOML type.', BOTTLEROCKET_REJECTS),
  verdict('schema/invalid-value', 'A value that breaks its modeled type, range or allowed values.', BOTTLEROCKET_REJECTS),
  verdict('schema/missing-key', 'A required key is missing.', BOTTLEROCKET_REJECTS),
  verdict('schema/not-on-variant', 'A namespace the target variant does not have.', BOTTLEROCKET_REJECTS),
  verdict('schema/not-in-release', 'A key, value form or value newer than the target release.', BOTTLEROCKET_REJECTS),
  verdict('schema/deprecated', 'A deprecated setting.', 'Accepted, but it has no effect.', 'warning'),
  verdict('schema/ignored-key', 'A key that a lenient table ignores.', 'A few Bottlerocket tables do not reject unknown keys; Bottlerocket drops the key without a word.', 'warning'),
  verdict('schema/null-value', 'nan or inf, which become JSON null.', 'Bottlerocket ignores the setting.', 'warning'),
  verdict('wrapper/refused', 'A setting the wrapping tool (Karpenter, eksctl, EKS) refuses.', 'The tool fails the launch or the node group before Bottlerocket sees anything.'),
  verdict('wrapper/overridden', 'A setting the wrapping tool replaces with its own value.', 'The value you wrote never reaches the node.', 'warning'),
  verdict('wrapper/dropped', 'A setting the wrapping tool drops.', 'The value you wrote never reaches the node.', 'warning'),
  verdict('wrapper/may-override', 'A setting the wrapping tool replaces when its own configuration sets it.', 'Check the tool’s configuration.', 'info'),
  verdict('merge/conflict', 'A key that is a table in one layer and a value in another.', 'One layer’s intent is lost whichever wins.'),
  verdict('target/no-variant', 'No variant accepts every namespace the document uses.', BOTTLEROCKET_REJECTS),
  verdict('target/variant-unavailable', 'The named variant does not exist in the target release.', 'There is no such image to boot.', 'warning'),
];

export const ALL_RULES: readonly RuleMeta[] = [...VERDICT_RULES, ...LINT_RULES];

export function ruleMeta(id: string): RuleMeta | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
