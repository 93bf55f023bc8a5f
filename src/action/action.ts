/**
 * The GitHub Action (action.yml at the repository root; docs/integrations.md): `brud check` over the
 * inputs' paths, with annotations on the lines the pull request or push changed, a job summary in
 * Markdown (the findings, then for each changed user-data file its semantic diff against the base and its
 * boot plan), an optional SARIF file, and step outputs. It runs the CLI in-process (`main`), so the Action
 * says exactly what `brud check` says; this file adds only what a runner needs: reading INPUT_* and the
 * event, asking git what changed, and writing GITHUB_STEP_SUMMARY and GITHUB_OUTPUT. Every string from
 * the input reaches the log through `workflowCommand`, which escapes it as @actions/core does.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, relative, resolve } from 'node:path';
import { main } from '../cli/main.js';
import { writeFileAtomic, type Io } from '../cli/io.js';
import { escapeMarkdown, logText, WRAPPER_NAMES, workflowCommand } from '../index.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Inputs {
  paths: string[];
  variant?: string;
  release?: string;
  wrapper?: string;
  severity: 'error' | 'warning';
  annotations: 'changed' | 'all' | 'none';
  sarif?: string;
  base?: string;
}

/** Changed user-data files whose diff and plan go into the summary; the rest are named only. */
export const MAX_CHANGED_IN_SUMMARY = 10;

class InputProblem extends Error {}

function choice<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  if (v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputProblem(`input ${name} must be ${allowed.join(' or ')}, not "${v}"`);
  return v as T;
}

/** The action's inputs, as the runner passes them (INPUT_<NAME>); empty means not given. */
export function readInputs(env: Env): Inputs {
  const text = (name: string): string | undefined => {
    const v = (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
    return v === '' ? undefined : v;
  };
  const wrapper = text('wrapper');
  if (wrapper !== undefined && !WRAPPER_NAMES.includes(wrapper))
    throw new InputProblem(`input wrapper must be one of ${WRAPPER_NAMES.join(', ')}, not "${wrapper}"`);
  const optional = { variant: text('variant'), release: text('release'), wrapper, sarif: text('sarif'), base: text('base') };
  return {
    paths: (text('paths') ?? '').split(/\s+/).filter(Boolean),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<Inputs>),
    severity: choice(env, 'severity', ['error', 'warning'] as const, 'error'),
    annotations: choice(env, 'annotations', ['changed', 'all', 'none'] as const, 'changed'),
  };
}

interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

/** `brud …` in this process, in the workspace, without colour. */
async function brud(args: string[], cwd: string, env: Env, stdin?: Uint8Array): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => stdin ?? new Uint8Array(),
    writeFile: (path, text) => writeFileAtomic(resolve(cwd, path), text),
    env: { ...env, NO_COLOR: '1' },
    stdoutIsTTY: false,
    cwd,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

function git(args: string[], cwd: string): { ok: boolean; out: string; bytes: Buffer } {
  const r = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  const bytes = r.stdout ?? Buffer.alloc(0);
  return { ok: r.status === 0, out: bytes.toString('utf8'), bytes };
}

/** The commit to compare with: the input, else the pull request's base, else the commit before a push. */
export function baseCommit(inputs: Inputs, env: Env): string | undefined {
  if (inputs.base) return inputs.base;
  if (!env.GITHUB_EVENT_PATH) return undefined;
  let event: { pull_request?: { base?: { sha?: unknown } }; before?: unknown };
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event;
  } catch {
    return undefined;
  }
  const pr = event.pull_request?.base?.sha;
  if (typeof pr === 'string' && pr !== '') return pr;
  const before = event.before;
  return typeof before === 'string' && !/^0*$/.test(before) ? before : undefined;
}

/** Lines of the working tree's file that differ from the base (hunk headers of a zero-context diff). */
export function changedLines(patch: string): Set<number> {
  const lines = new Set<number>();
  for (const m of patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) lines.add(start + i);
  }
  return lines;
}

interface Changes {
  base: string;
  /** Files (relative to the workspace) that differ from the base, and whether they existed there. */
  files: Map<string, { existed: boolean }>;
}

/** What differs between the base and the working tree, under the workspace; undefined when git cannot tell. */
function changesSince(base: string, cwd: string): Changes | undefined {
  if (!git(['cat-file', '-e', `${base}^{commit}`], cwd).ok) return undefined;
  const names = git(['diff', '--name-status', '-z', '--no-renames', '--relative', '--diff-filter=AM', base, '--'], cwd);
  if (!names.ok) return undefined;
  const parts = names.out.split('\0').filter(Boolean);
  const files = new Map<string, { existed: boolean }>();
  for (let i = 0; i + 1 < parts.length; i += 2) files.set(normalize(parts[i + 1]!), { existed: parts[i] === 'M' });
  return { base, files };
}

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }>;
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/** A SARIF artifact URI back to the path brud was given (relative ones are percent-encoded paths). */
function uriPath(uri: string): string {
  return uri.startsWith('file://') ? decodeURIComponent(new URL(uri).pathname) : decodeURIComponent(uri);
}

function key(path: string, cwd: string): string {
  return normalize(relative(cwd, resolve(cwd, path)));
}

/** The annotations to print: every finding, or only those on lines the change touched. */
function annotations(results: SarifResult[], inputs: Inputs, cwd: string, lineSets: Map<string, Set<number>> | undefined): string[] {
  if (inputs.annotations === 'none') return [];
  const out: string[] = [];
  for (const r of results) {
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    const path = uriPath(artifactLocation.uri);
    const decoded = region.startColumn === undefined;
    if (inputs.annotations === 'changed' && lineSets) {
      const lines = lineSets.get(key(path, cwd));
      if (!lines) continue;
      // a position in decoded user-data is not a line of the file: any change to the file counts
      const touched = decoded ? lines.size > 0 : range(region.startLine, region.endLine ?? region.startLine).some((n) => lines.has(n));
      if (!touched) continue;
    }
    const at: Record<string, number> = decoded
      ? { line: 1 }
      : { line: region.startLine, col: region.startColumn!, endLine: region.endLine!, endColumn: region.endColumn! };
    out.push(workflowCommand(COMMAND[r.level], { file: path, ...at, title: `brud ${r.ruleId}` }, r.message.text));
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(1, to - from + 1) }, (_, i) => from + i);
}

function setOutput(env: Env, name: string, value: string): void {
  if (!env.GITHUB_OUTPUT) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(env.GITHUB_OUTPUT, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** The summary section for one changed file: its semantic diff against the base (or "new"), and its plan. */
async function changedSection(path: string, existed: boolean, ctx: Context & { base: string }): Promise<string> {
  const parts: string[] = [];
  if (existed) {
    const old = git(['show', `${ctx.base}:./${path.split('\\').join('/')}`], ctx.cwd);
    const wrapper = ctx.inputs.wrapper ? ['--wrapper', ctx.inputs.wrapper] : [];
    const d = await brud(
      ['diff', '-f', 'markdown', ...wrapper, ...ctx.target, '--stdin-filename', `${ctx.base.slice(0, 12)}:${path}`, '--', '-', path],
      ctx.cwd,
      ctx.env,
      old.bytes,
    );
    parts.push(
      d.status === 2 ? `**${escapeMarkdown(path)}**: no semantic diff (${escapeMarkdown(firstLine(d.stderr))})` : d.stdout.trimEnd(),
    );
  } else {
    parts.push(`**${escapeMarkdown(path)}** is new.`);
  }
  const plan = await brud(['plan', '-f', 'markdown', ...ctx.target, '--', path], ctx.cwd, ctx.env);
  if (plan.status === 0)
    parts.push(`<details><summary>Boot plan of ${escapeMarkdown(path)}</summary>\n\n${plan.stdout.trimEnd()}\n\n</details>`);
  else parts.push(`No boot plan for ${escapeMarkdown(path)}: it has errors.`);
  return parts.join('\n\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/^brud: /, '');
}

interface Context {
  cwd: string;
  env: Env;
  inputs: Inputs;
  /** --variant and --os-version, for check, diff and plan alike. */
  target: string[];
  log: (text: string) => void;
}

interface Checked {
  status: number;
  sarif: { runs: Array<{ results: SarifResult[] }> };
  json: { results: Array<{ file: string }>; summary: { errors: number; warnings: number } };
  markdown: string;
}

/** `brud check` as SARIF (into the sarif input's file, or a scratch one), JSON and Markdown; undefined when it wrote no report. */
async function checkAll(ctx: Context, sarifFile: string): Promise<Checked | { failed: number }> {
  const args = [...ctx.target, ...(ctx.inputs.severity === 'warning' ? ['--strict'] : []), '--', ...ctx.inputs.paths];
  const run = await brud(['check', '-f', 'sarif', '-o', sarifFile, ...args], ctx.cwd, ctx.env);
  // brud's own lines start with "brud:"; a line that would read as a workflow command is escaped
  if (run.stderr) ctx.log(logText(run.stderr));
  let sarif: Checked['sarif'];
  try {
    sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Checked['sarif'];
  } catch {
    ctx.log(workflowCommand('error', { title: 'brud' }, firstLine(run.stderr) || 'brud check wrote no report') + '\n');
    return { failed: run.status === 0 ? 2 : run.status };
  }
  const json = JSON.parse((await brud(['check', '-f', 'json', ...args], ctx.cwd, ctx.env)).stdout) as Checked['json'];
  const markdown = (await brud(['check', '-f', 'markdown', ...args], ctx.cwd, ctx.env)).stdout;
  return { status: run.status, sarif, json, markdown };
}

/** The checked files that differ from the base, and the lines that differ in each. */
function changedUserData(
  changes: Changes | undefined,
  checked: Checked,
  cwd: string,
): { files: string[]; lines?: Map<string, Set<number>> } {
  if (!changes) return { files: [] };
  // a result's file is the path, or the path and where in it ("lt.json (LaunchTemplateVersions[0] …)")
  const labels = checked.json.results.map((r) => r.file);
  const isChecked = (f: string) =>
    labels.some((l) => key(l, cwd) === f || l.startsWith(`${f} (`) || key(l.replace(/ \(.*\)$/, ''), cwd) === f);
  const files = [...changes.files.keys()].filter(isChecked).sort();
  // the lines of every changed file with a finding, whatever brud called it
  const withFindings = new Set(
    checked.sarif.runs[0]!.results.map((r) => key(uriPath(r.locations[0]!.physicalLocation.artifactLocation.uri), cwd)),
  );
  const diffed = [...changes.files.keys()].filter((f) => withFindings.has(f) || files.includes(f));
  const diff = (f: string) => git(['diff', '--no-color', '--no-ext-diff', '-U0', '--no-renames', changes.base, '--', f], cwd).out;
  return { files, lines: new Map(diffed.map((f) => [f, changedLines(diff(f))])) };
}

async function summaryText(
  ctx: Context,
  checked: Checked,
  base: string | undefined,
  changes: Changes | undefined,
  files: string[],
): Promise<string> {
  const summary = [checked.markdown.trimEnd()];
  if (base && !changes)
    summary.push(
      `brud could not compare with ${escapeMarkdown(base)} (is it fetched? \`actions/checkout\` with \`fetch-depth: 0\` fetches it), so every finding is annotated.`,
    );
  if (changes && files.length > 0) {
    summary.push(`### Changed user-data (against ${escapeMarkdown(changes.base.slice(0, 12))})`);
    for (const f of files.slice(0, MAX_CHANGED_IN_SUMMARY))
      summary.push(await changedSection(f, changes.files.get(f)!.existed, { ...ctx, base: changes.base }));
    if (files.length > MAX_CHANGED_IN_SUMMARY)
      summary.push(
        `… and ${files.length - MAX_CHANGED_IN_SUMMARY} more changed files: ${files.slice(MAX_CHANGED_IN_SUMMARY).map(escapeMarkdown).join(', ')}`,
      );
  }
  return summary.join('\n\n') + '\n';
}

/**
 * Runs the action with the runner's environment; returns the exit status of `brud check` (0 clean,
 * 1 findings at or above `severity`, 2 not checked or a bad input). `log` is the step's stdout.
 */
export async function runAction(env: Env, log: (text: string) => void = (t) => void process.stdout.write(t)): Promise<number> {
  const cwd = resolve(env.GITHUB_WORKSPACE || process.cwd());
  let inputs: Inputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    if (!(e instanceof InputProblem)) throw e;
    log(workflowCommand('error', { title: 'brud' }, e.message) + '\n');
    return 2;
  }
  const target = [...(inputs.variant ? ['--variant', inputs.variant] : []), ...(inputs.release ? ['--os-version', inputs.release] : [])];
  const ctx: Context = { cwd, env, inputs, target, log };
  const scratch = mkdtempSync(join(tmpdir(), 'brud-action-'));
  try {
    const sarifFile = inputs.sarif ? resolve(cwd, inputs.sarif) : join(scratch, 'brud.sarif');
    const checked = await checkAll(ctx, sarifFile);
    if ('failed' in checked) {
      setOutput(env, 'exit-code', String(checked.failed));
      return checked.failed;
    }
    const base = baseCommit(inputs, env);
    const changes = base ? changesSince(base, cwd) : undefined;
    const changed = changedUserData(changes, checked, cwd);
    const shown = annotations(checked.sarif.runs[0]!.results, inputs, cwd, changed.lines);
    for (const line of shown) log(line + '\n');
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, await summaryText(ctx, checked, base, changes, changed.files));
    setOutput(env, 'errors', String(checked.json.summary.errors));
    setOutput(env, 'warnings', String(checked.json.summary.warnings));
    setOutput(env, 'annotations', String(shown.length));
    setOutput(env, 'changed-files', changed.files.join('\n'));
    setOutput(env, 'sarif', inputs.sarif ? sarifFile : '');
    setOutput(env, 'exit-code', String(checked.status));
    return checked.status;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
