// Runs action.yml the way a GitHub runner runs a composite action (test/action.test.ts says how), from
// a given action directory: this checkout, or a source checkout without dist/ (test/conformance).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, tmpFiles } from './helpers.js';

export interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ id?: string; shell: string; run: string; env?: Record<string, string> }> };
}

export const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

export interface Run {
  status: number;
  log: string;
  summary: string;
  outputs: Record<string, string>;
}

/** GITHUB_OUTPUT's two forms: `name=value` and `name<<DELIMITER` … `DELIMITER`. */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) out[lines[i]!.slice(0, lines[i]!.indexOf('='))] = lines[i]!.slice(lines[i]!.indexOf('=') + 1);
  }
  return out;
}

export function runAction(
  workspace: string,
  inputs: Record<string, string>,
  event: { name: string; payload: object },
  options: { actionPath?: string; env?: Record<string, string> } = {},
): Run {
  const values = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, spec]) => [k, inputs[k] ?? String(spec.default ?? '')]));
  const stepOutputs: Record<string, Record<string, string>> = {};
  const expand = (s: string) =>
    s
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => values[name] ?? '')
      .replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_m, id: string, name: string) => stepOutputs[id]?.[name] ?? '');
  const runner = tmpFiles({ 'event.json': JSON.stringify(event.payload) });
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_')) delete base[k];
  let log = '';
  let summary = '';
  let status = 0;
  ACTION.runs.steps.forEach((step, n) => {
    if (status !== 0) return;
    assert.equal(step.shell, 'bash');
    const script = join(runner, `step${n}.sh`);
    writeFileSync(script, step.run);
    const [outputFile, summaryFile] = [join(runner, `output${n}`), join(runner, `summary${n}`)];
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const env = {
      ...base,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      ...options.env,
      GITHUB_ACTION_PATH: options.actionPath ?? ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: join(runner, 'event.json'),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runner,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))])),
    };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
    log += r.stdout + r.stderr;
    status = r.status ?? -1;
    summary += readFileSync(summaryFile, 'utf8');
    if (step.id) stepOutputs[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
  });
  const outputs = Object.fromEntries(Object.entries(ACTION.outputs).map(([k, spec]) => [k, expand(spec.value)]));
  return { status, log, summary, outputs };
}
