/** The boot plan as a readable timeline, or as stable JSON (docs/output-formats.md). */
import type { Plan, Step } from '../plan/types.js';
import { safeJson, visible } from '../util/escape.js';
import { styler, type Style } from './color.js';
import { FORMAT_VERSION } from './model.js';

const FAILURE_STYLE: Record<Step['onFailure'], Style> = {
  'halts-preconfigured': 'red',
  'halts-configured': 'red',
  'halts-multi-user': 'red',
  continues: 'dim',
  'node-does-not-join': 'yellow',
};

export function planJson(plan: Plan): string {
  return safeJson(JSON.stringify({ formatVersion: FORMAT_VERSION, ...plan }, null, 2)) + '\n';
}

/** "aws-k8s (inferred)": the variant, and how it was chosen when the user did not name it. */
export function variantLabel(variant: string, source: Plan['variantSource']): string {
  return source === 'inferred' ? `${variant} (inferred)` : source === 'default' ? `${variant} (default)` : variant;
}

export function planText(plan: Plan, file: string, color: boolean): string {
  const paint = styler(color);
  const out: string[] = [];
  const bootWord = plan.boot === 1 ? 'boot 1 (first boot)' : `boot ${plan.boot} (assuming every earlier boot succeeded)`;
  out.push(
    `${paint('bold', `Boot plan for ${visible(file)}`)}: ${variantLabel(plan.variant, plan.variantSource)}, Bottlerocket ${plan.osVersion}, ${bootWord}`,
  );
  out.push(paint('dim', plan.digest), '');
  plan.stages.forEach((stage, n) => {
    out.push(`${paint('bold', `${n + 1}. ${stage.title}`)} ${paint('dim', `[${stage.target}]`)}`);
    if (stage.steps.length === 0) out.push(paint('dim', '     (nothing)'));
    stage.steps.forEach((step, i) => out.push(...stepLines(step, stage.order === 'sequential' ? `${i + 1}.` : '•', paint)));
    out.push('');
  });
  if (plan.skipped.length > 0) {
    out.push(paint('bold', 'Skipped'));
    for (const s of plan.skipped) out.push(`   ${visible(s.name)}  ${paint('dim', visible(s.from))}: ${visible(s.reason)}`);
    out.push('');
  }
  for (const note of plan.notes) out.push(paint('dim', `note: ${note}`));
  return out.join('\n') + '\n';
}

function stepLines(step: Step, bullet: string, paint: ReturnType<typeof styler>): string[] {
  const flags = [step.mode ? `mode=${step.mode}` : '', step.essential ? 'essential' : ''].filter(Boolean).join(' ');
  const out = [
    `   ${bullet} ${paint('bold', visible(step.name))}${flags ? `  ${flags}` : ''}  ${paint('dim', visible(step.from))}`,
    `      runs: ${step.runs}`,
  ];
  for (const c of step.commands ?? []) out.push(`      $ ${visible(c.join(' '))}`);
  if (step.source) out.push(`      image: ${visible(step.source)}`);
  if (step.command) out.push(`      command: ${visible(step.command.join(' '))}`);
  out.push(`      on failure: ${paint(FAILURE_STYLE[step.onFailure], step.failure)}`, `      log: ${step.log}`);
  for (const c of step.cost) out.push(`      cost: ${c}`);
  for (const c of step.caveats) out.push(`      note: ${c}`);
  return out;
}
