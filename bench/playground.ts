/**
 * The playground's figures for `npm run bench`: the size of its one-file page (as built and as a static
 * host would send it gzipped), and the time from navigation to the first verdict in headless Chromium
 * (the page marks `brud-first-verdict` once the example is checked and shown), median of a few loads.
 * Without /usr/bin/chromium the time is left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PlaygroundFigures {
  bytes: number;
  gzipBytes: number;
  /** Median ms from navigation start to the first verdict; undefined without Chromium. */
  firstVerdictMs?: number;
  loads: number;
}

export async function playgroundFigures(repo: string, loads = 5): Promise<PlaygroundFigures> {
  const script = pathToFileURL(join(repo, 'scripts', 'playground.mjs')).href;
  const { buildPlayground } = (await import(script)) as { buildPlayground: () => Promise<{ file: string; bytes: number }> };
  const { file, bytes } = await buildPlayground();
  const gzipBytes = gzipSync(readFileSync(file), { level: 9 }).length;
  if (!existsSync(CHROMIUM)) return { bytes, gzipBytes, loads: 0 };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const times: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('brud-first-verdict')[0]!.startTime));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return { bytes, gzipBytes, firstVerdictMs: times[Math.floor(times.length / 2)]!, loads };
}
