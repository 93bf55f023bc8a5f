/**
 * The playground page: a CodeMirror 6 editor, the pickers, and the panes, wired to web/analyze.ts (which
 * does the work with brud's library). Everything runs in the page; nothing is fetched or sent.
 */
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import examples from 'brud:examples';
import { exampleVariantNames, NEWEST_RELEASE, schema, VERSION, WRAPPER_NAMES, type Plan, type SchemaNode } from '../src/index.js';
import { analyze, completeAt, diffWith, explainAt, keyAt, schemaFor, type Analysis, type Options, type Placed } from './analyze.js';
import { decodeState, encodeState, type State } from './state.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...kids: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...kids);
  return node;
}

function fillSelect(select: HTMLSelectElement, options: ReadonlyArray<[string, string]>): void {
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, textContent: label })));
}

/** Releases a target can be: those that introduced a setting (`x-since`), newest first. */
function releases(): string[] {
  const found = new Set<string>([NEWEST_RELEASE]);
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'x-since' && typeof v === 'string') found.add(v);
      else walk(v);
    }
  };
  walk(schema());
  const key = (v: string): number[] => v.split('.').map(Number);
  return [...found].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!;
  });
}

const exampleSelect = $<HTMLSelectElement>('example');
const variantSelect = $<HTMLSelectElement>('variant');
const releaseSelect = $<HTMLSelectElement>('release');
const wrapperSelect = $<HTMLSelectElement>('wrapper');
const gzipBox = $<HTMLInputElement>('gzip');
const verdictEl = $('verdict');
const other = $<HTMLTextAreaElement>('other');

fillSelect(exampleSelect, [['', 'Load an example…'], ...examples.map((e): [string, string] => [e.name, e.name])]);
fillSelect(variantSelect, [['', 'infer from the document'], ...exampleVariantNames().map((v): [string, string] => [v, v])]);
fillSelect(releaseSelect, [['', `newest (${NEWEST_RELEASE})`], ...releases().map((r): [string, string] => [r, r])]);
fillSelect(wrapperSelect, [['', 'none (user-data as written)'], ...WRAPPER_NAMES.map((w): [string, string] => [w, w])]);
$('version').textContent = VERSION;

function options(): Options {
  return { variant: variantSelect.value, release: releaseSelect.value, wrapper: wrapperSelect.value, gzip: gzipBox.checked };
}

// ---- schema for completion, cached per variant and release ----
let schemaKey = '';
let schemaCache: SchemaNode | undefined;
function currentSchema(): SchemaNode {
  const o = options();
  const key = `${o.variant}@${o.release}`;
  if (key !== schemaKey || !schemaCache) {
    schemaCache = schemaFor(o);
    schemaKey = key;
  }
  return schemaCache;
}

function complete(context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const at = completeAt(text, context.pos, currentSchema());
  if (!at || (at.from === context.pos && !context.explicit)) return null;
  return {
    from: at.from,
    options: at.options.map((o) => ({
      label: o.label,
      ...(o.detail ? { detail: o.detail } : {}),
      ...(o.info ? { info: o.info } : {}),
      type: 'property',
    })),
    validFor: /^"?[\w.-]*"?$/,
  };
}

const explainHover = hoverTooltip((view, pos) => {
  const key = keyAt(view.state.doc.toString(), pos);
  const text = key && explainAt(key.keyPath);
  if (!key || !text) return null;
  return {
    pos: key.from,
    end: key.to,
    above: true,
    create: () => ({ dom: el('div', { className: 'brud-explain', textContent: text }) }),
  };
});

let timer: ReturnType<typeof setTimeout> | undefined;
const view = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: '',
    extensions: [
      lineNumbers(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      bracketMatching(),
      StreamLanguage.define(toml),
      syntaxHighlighting(defaultHighlightStyle),
      lintGutter(),
      explainHover,
      autocompletion({ override: [complete] }),
      keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
      EditorView.contentAttributes.of({ 'aria-label': 'user-data TOML editor', 'aria-describedby': 'verdict' }),
      EditorView.lineWrapping,
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        clearTimeout(timer);
        timer = setTimeout(refresh, 200);
      }),
    ],
  }),
});

// ---- panes ----

function toEditorDiagnostics(placed: readonly Placed[]): CmDiagnostic[] {
  return placed.map((p) => ({
    from: p.from,
    to: p.to,
    severity: p.diagnostic.severity,
    message: p.diagnostic.message,
    source: p.fromWrapper ? `${p.diagnostic.ruleId} (wrapper)` : p.diagnostic.ruleId,
    actions: p.fixes.map((f) => ({
      name: f.label,
      apply: (v: EditorView) => v.dispatch({ changes: { from: f.from, to: f.to, insert: f.insert } }),
    })),
  }));
}

function goTo(from: number, to: number): void {
  view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  view.focus();
}

function renderFindings(a: Analysis): void {
  const pane = $('pane-findings');
  if (a.placed.length === 0) {
    pane.replaceChildren(
      el('p', { textContent: 'No findings: Bottlerocket would accept this user-data.' }),
      ...a.notes.map((n) => el('p', { className: 'note', textContent: n })),
    );
    return;
  }
  const list = el('ul', { className: 'findings' });
  for (const p of a.placed) {
    const d = p.diagnostic;
    const where = d.wholeInput ? 'whole input' : `line ${d.line}, column ${d.column}`;
    const item = el(
      'li',
      { className: d.severity },
      el('span', { className: `sev ${d.severity}`, textContent: d.severity }),
      ' ',
      el('button', {
        type: 'button',
        className: 'link-button',
        textContent: where,
        title: 'Show in the editor',
        onclick: () => goTo(p.from, p.to),
      }),
      ' ',
      el('span', { textContent: d.message }),
      ' ',
      el('span', { className: 'rule', textContent: `[${d.ruleId}${p.fromWrapper ? ', wrapper' : ''}]` }),
    );
    for (const f of p.fixes) {
      item.append(
        ' ',
        el('button', {
          type: 'button',
          textContent: f.label,
          onclick: () => view.dispatch({ changes: { from: f.from, to: f.to, insert: f.insert } }),
        }),
      );
    }
    list.append(item);
  }
  pane.replaceChildren(list, ...a.notes.map((n) => el('p', { className: 'note', textContent: n })));
}

function blocked(pane: HTMLElement, a: Analysis): boolean {
  if (!a.blocked) return false;
  pane.replaceChildren(el('p', { className: 'note', textContent: a.blocked }));
  return true;
}

function stepCard(s: Plan['stages'][number]['steps'][number]): HTMLElement {
  const rows: Array<[string, string]> = [
    ['from', s.from],
    ['runs', s.runs],
    ...(s.commands ? s.commands.map((c): [string, string] => ['command', c.join(' ')]) : []),
    ...(s.command ? [['command', s.command.join(' ')] as [string, string]] : []),
    ...(s.source ? [['image', s.source] as [string, string]] : []),
    ['on failure', s.failure],
    ['log', s.log],
    ...s.cost.map((c): [string, string] => ['cost', c]),
    ...s.caveats.map((c): [string, string] => ['caveat', c]),
  ];
  const dl = el('dl');
  for (const [k, v] of rows) dl.append(el('dt', { textContent: k }), el('dd', { textContent: v }));
  return el(
    'div',
    { className: 'step' },
    el('div', { className: 'name', textContent: s.name + (s.mode ? ` (${s.mode})` : '') + (s.essential ? ', essential' : '') }),
    dl,
  );
}

function renderPlan(a: Analysis): void {
  const pane = $('pane-plan');
  if (blocked(pane, a) || !a.plan) return;
  const p = a.plan;
  const timeline = el('ol', { className: 'timeline', ariaLabel: 'Boot stages in order' });
  for (const stage of p.stages) {
    const item = el(
      'li',
      {},
      el('h3', { textContent: stage.title }),
      el('p', {
        className: 'stage-meta',
        textContent: `${stage.order === 'parallel' ? 'in parallel' : 'one after another'} · ${stage.target}`,
      }),
    );
    if (stage.steps.length === 0) item.append(el('p', { className: 'note', textContent: 'nothing from this user-data' }));
    for (const s of stage.steps) item.append(stepCard(s));
    timeline.append(item);
  }
  const kids: Node[] = [
    el('p', { textContent: `Boot ${p.boot} on ${p.variant} (${p.variantSource}), Bottlerocket ${p.osVersion}. Digest ${p.digest}` }),
    timeline,
  ];
  if (p.skipped.length > 0) {
    kids.push(
      el('h3', { textContent: 'Not run' }),
      el('ul', {}, ...p.skipped.map((s) => el('li', { textContent: `${s.name} (${s.from}): ${s.reason}` }))),
    );
  }
  if (p.notes.length > 0) kids.push(el('h3', { textContent: 'Notes' }), el('ul', {}, ...p.notes.map((n) => el('li', { textContent: n }))));
  pane.replaceChildren(...kids);
}

function renderToml(a: Analysis): void {
  const pane = $('pane-toml');
  if (blocked(pane, a) || !a.compiled) return;
  pane.replaceChildren(el('pre', { className: 'mono', textContent: a.compiled.toml, tabIndex: 0, ariaLabel: 'Canonical TOML' }));
}

function renderEc2(a: Analysis): void {
  const pane = $('pane-ec2');
  if (blocked(pane, a) || !a.ec2) return;
  const e = a.ec2;
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const meter = el('meter', { min: 0, max: e.limit, value: e.bytes, high: e.limit * 0.9, optimum: 0, id: 'budget-meter' });
  const label = el('label', {
    htmlFor: 'budget-meter',
    textContent: `EC2 user-data budget: ${e.bytes} of ${e.limit} bytes (${kb(e.bytes)} of ${kb(e.limit)}) before base64${options().gzip ? ', gzipped' : ''}`,
  });
  const kids: Node[] = [el('div', { className: 'budget' }, label, meter)];
  if (e.error) kids.push(el('p', { className: 'sev error', textContent: e.error }));
  if (e.base64 !== undefined)
    kids.push(el('h3', { textContent: 'base64 (UserData)' }), el('pre', { className: 'mono', textContent: e.base64, tabIndex: 0 }));
  if (e.launchTemplate !== undefined)
    kids.push(
      el('h3', { textContent: 'Launch-template data (JSON)' }),
      el('pre', { className: 'mono', textContent: e.launchTemplate, tabIndex: 0 }),
    );
  pane.replaceChildren(...kids);
}

function renderDiff(): void {
  const out = $('diff-out');
  if (other.value.trim() === '') {
    out.replaceChildren(el('p', { className: 'note', textContent: 'Paste another version above to see what changes on the node.' }));
    return;
  }
  const pre = el('pre', { className: 'mono', tabIndex: 0, ariaLabel: 'Differences' });
  for (const line of diffWith(other.value, view.state.doc.toString(), options()).split('\n')) {
    const cls = /^\+(?!\+\+)/.test(line) ? 'diff-add' : /^-(?!--)/.test(line) ? 'diff-del' : /^@@/.test(line) ? 'diff-hunk' : '';
    pre.append(el('span', { className: cls, textContent: line + '\n' }));
  }
  out.replaceChildren(pre);
}

let firstVerdict = true;
function refresh(): void {
  const text = view.state.doc.toString();
  const o = options();
  let a: Analysis;
  try {
    a = analyze(text, o);
  } catch (e) {
    verdictEl.textContent = `✖ brud could not check this input: ${(e as Error).message}`;
    verdictEl.className = 'verdict bad';
    return;
  }
  view.dispatch(setDiagnostics(view.state, toEditorDiagnostics(a.placed)));
  verdictEl.textContent = a.verdict;
  verdictEl.className = `verdict ${a.errorCount > 0 ? 'bad' : a.warningCount > 0 ? '' : 'good'}`;
  renderFindings(a);
  renderPlan(a);
  renderToml(a);
  renderEc2(a);
  renderDiff();
  window.history.replaceState(null, '', encodeState({ doc: text, ...o }));
  if (firstVerdict) {
    firstVerdict = false;
    // a document Bottlerocket accepts opens on its boot plan; one it rejects, on the findings
    if (a.errorCount === 0 && a.plan) selectTab($<HTMLButtonElement>('tab-plan'), false);
    performance.mark('brud-first-verdict');
    document.body.dataset.ready = 'true';
  }
}

// ---- tabs (WAI-ARIA tabs pattern: arrow keys move between tabs) ----
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
function selectTab(tab: HTMLButtonElement, focus: boolean): void {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')!).hidden = !on;
  }
  if (focus) tab.focus();
}
for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t, false));
  t.addEventListener('keydown', (e: KeyboardEvent) => {
    const i = tabs.indexOf(t);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length]!, true);
  });
}

// ---- state: URL fragment, examples, pickers ----
function setDoc(text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function selectValue(select: HTMLSelectElement, value: string | undefined): void {
  if (value === undefined) return;
  if (!Array.from(select.options).some((o) => o.value === value)) select.append(el('option', { value, textContent: value }));
  select.value = value;
}

function load(fragment: string): void {
  const { state, note } = decodeState(fragment);
  selectValue(variantSelect, state.variant ?? '');
  selectValue(releaseSelect, state.release ?? '');
  selectValue(wrapperSelect, state.wrapper ?? '');
  gzipBox.checked = state.gzip ?? false;
  const fallback = examples.find((e) => e.name === 'userdata.toml') ?? examples[0];
  setDoc(state.doc ?? fallback?.text ?? '');
  if (note) $('share-status').textContent = note;
  clearTimeout(timer);
  refresh();
}

exampleSelect.addEventListener('change', () => {
  const ex = examples.find((e) => e.name === exampleSelect.value);
  if (ex) setDoc(ex.text);
  exampleSelect.value = '';
  clearTimeout(timer);
  refresh();
});
for (const control of [variantSelect, releaseSelect, wrapperSelect, gzipBox]) control.addEventListener('change', refresh);
other.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(renderDiff, 200);
});
$('controls').addEventListener('submit', (e) => e.preventDefault());
$('share').addEventListener('click', () => {
  const state: State = { doc: view.state.doc.toString(), ...options() };
  window.history.replaceState(null, '', encodeState(state));
  const status = $('share-status');
  navigator.clipboard.writeText(location.href).then(
    () => (status.textContent = 'Link copied: it holds the document, in the part of the address no server sees.'),
    () => (status.textContent = 'Copy the address from the address bar: it holds the document and the pickers.'),
  );
});
document.querySelector('.skip')!.addEventListener('click', (e) => {
  e.preventDefault();
  view.focus();
});
window.addEventListener('hashchange', () => load(location.hash));

load(location.hash);
