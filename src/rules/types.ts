/** The shape of a rule (ESLint-like): metadata, messages by id, and for lint rules a check. */
import type { Finding, FixPlan, MessageData, Path, Severity } from '../model/diagnostic.js';
import type { TomlTable } from '../model/value.js';
import type { Target } from '../targets/target.js';

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
  /** The input could not be checked: brud gives no verdict on it (exit 2). */
  fatal?: boolean;
  /** A sentence appended to every message: what the node does about it. */
  consequence?: string;
  /** The message ids whose findings may carry a certain edit (`Diagnostic.fix`, applied by `brud check --fix`). */
  fixable?: readonly string[];
  /** Message templates by id; `{{name}}` is replaced by the finding's data. */
  messages: Readonly<Record<string, string>>;
}

/** A rule's message with its data filled in, and the rule's consequence after it. */
export function renderMessage(meta: Pick<RuleMeta, 'messages' | 'consequence'>, messageId: string, data: MessageData): string {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`no message "${messageId}"`);
  const text = template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : ''));
  if (!meta.consequence) return text;
  return `${text}${/[.?!]$/.test(text) ? ' ' : '. '}${meta.consequence}`;
}

/** What a lint rule reports: a message of its own by id, with data, at a document path. */
export interface LintReport<M extends string> {
  messageId: M;
  data?: MessageData;
  path: Path;
  at?: 'key' | 'value';
  /** For rules whose severity depends on the target (e.g. an error only on some releases). */
  severity?: Severity;
  /** The place holds a secret: formatters print no part of it. */
  secret?: boolean;
  /** The certain edit the message proposes (see Finding.fix); list the message id in `meta.fixable`. */
  fix?: FixPlan | undefined;
}

export interface RuleContext<M extends string = string> {
  doc: TomlTable;
  /** `settings`, when it is a table. */
  settings: TomlTable | undefined;
  target: Target;
  report: (r: LintReport<M>) => void;
}

export interface LintRuleMeta<Id extends string = string, M extends string = string> extends RuleMeta {
  id: Id;
  messages: Readonly<Record<M, string>>;
}

export interface LintRule<Id extends string = string, M extends string = string> {
  meta: LintRuleMeta<Id, M>;
  /** Looks at a document Bottlerocket accepts and reports what will not do what was meant. */
  check(ctx: RuleContext<M>): void;
}

/** Declares a lint rule, keeping its id and message ids as literal types. */
export function defineLintRule<const Id extends string, const M extends string>(rule: LintRule<Id, M>): LintRule<Id, M> {
  return rule;
}

/** Runs a lint rule over a document and returns its findings. */
export function runLintRule(rule: LintRule, ctx: Omit<RuleContext, 'report'>): Finding[] {
  const out: Finding[] = [];
  rule.check({
    ...ctx,
    report: (r) =>
      out.push({
        ruleId: rule.meta.id as Finding['ruleId'],
        messageId: r.messageId,
        message: renderMessage(rule.meta, r.messageId, r.data ?? {}),
        path: r.path,
        ...(r.at ? { at: r.at } : {}),
        ...(r.severity ? { severity: r.severity } : {}),
        ...(r.secret ? { secret: true as const } : {}),
        ...(r.fix ? { fix: r.fix } : {}),
      }),
  });
  return out;
}
