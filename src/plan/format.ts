/** The boot plan as a readable timeline, or as stable JSON (format version 1, documented in the README). */
import { styler, type Style } from '../report/color.js';
import type { Plan, Step } from './plan.js';

const FAILURE_STYLE: Record<Step['onFailure'], Style> = {
  'halts-preconfigured': 'red',
  'halts-configured': 'red',
  continues: 'dim',
  'node-does-not-join': 'yellow',
};

export function planJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

export function planText(plan: Plan, file: string, color: boolean): string {
  const paint = styler(color);
  const out: string[] = [];
  const bootWord = plan.boot === 1 ? 'boot 1 (first boot)' : `boot ${plan.boot} (assuming every earlier boot succeeded)`;
  out.push(`${paint('bold', `Boot plan for ${file}`)}: ${plan.variant}, Bottlerocket ${plan.osVersion}, ${bootWord}`);
  out.push(paint('dim', plan.digest), '');
  let n = 0;
  for (const stage of plan.stages) {
    n++;
    out.push(`${paint('bold', `${n}. ${stage.title}`)} ${paint('dim', `[${stage.target}]`)}`);
    if (stage.steps.length === 0) out.push(paint('dim', '     (nothing)'));
    stage.steps.forEach((step, i) => {
      const bullet = stage.order === 'sequential' ? `${i + 1}.` : '•';
      const flags = [step.mode ? `mode=${step.mode}` : '', step.essential ? 'essential' : ''].filter(Boolean).join(' ');
      out.push(`   ${bullet} ${paint('bold', step.name)}${flags ? `  ${flags}` : ''}  ${paint('dim', step.from)}`);
      out.push(`      runs: ${step.runs}`);
      for (const c of step.commands ?? []) out.push(`      $ ${c.join(' ')}`);
      if (step.source) out.push(`      image: ${step.source}`);
      if (step.command) out.push(`      command: ${step.command.join(' ')}`);
      out.push(`      on failure: ${paint(FAILURE_STYLE[step.onFailure], step.failure)}`);
      out.push(`      log: ${step.log}`);
      for (const c of step.cost) out.push(`      cost: ${c}`);
      for (const c of step.caveats) out.push(`      note: ${c}`);
    });
    out.push('');
  }
  if (plan.skipped.length > 0) {
    out.push(paint('bold', 'Skipped'));
    for (const s of plan.skipped) out.push(`   ${s.name}  ${paint('dim', s.from)}: ${s.reason}`);
    out.push('');
  }
  for (const note of plan.notes) out.push(paint('dim', `note: ${note}`));
  return out.join('\n') + '\n';
}
