/**
 * How much main-thread blocking the widget adds to a customer's page: a Lighthouse-style
 * check (mobile CPU: 4× slowdown) of the same host page with and without the snippet.
 *
 * Usage: `npm run loader-blocking -w bench` (or `npx tsx bench/loader-blocking.ts`); the widget
 * must be built (`npm run build -w apps/widget`). `BENCH_RUNS` (default 7) runs per variant.
 *
 * Total Blocking Time is measured like Lighthouse's: the long tasks (PerformanceObserver
 * `longtask`) between First Contentful Paint and the moment the page is loaded and quiet
 * (network idle, then no long task for 5 s), each counting its time beyond 50 ms. With the
 * loader this window includes loading the chat app at idle, its config request and socket.
 * Goal (issue 4): the loader adds less than 50 ms.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite } from '../apps/server/src/test/factories';
import { startTestServer } from '../apps/server/src/test/server';
import { articlePage, launchChromium, startHostPage } from './lib/browser';
import { median } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CPU_SLOWDOWN = 4;
const QUIET_MS = 5_000;
const GOAL_MS = 50;

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../apps/widget/dist/widget/app.js');
if (!existsSync(dist)) {
  console.error('The widget is not built: run `npm run build -w apps/widget` first.');
  process.exit(1);
}

/** Runs in the page before anything else: records FCP and long tasks. */
const OBSERVE = `
window.__bench = { fcp: 0, tasks: [] };
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
`;

interface Sample {
  fcp: number;
  load: number;
  tbt: number;
  longTasks: number;
}

async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(OBSERVE);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  // Quiet: no long task has ended for QUIET_MS.
  let quietSince = Date.now();
  let seen = 0;
  while (Date.now() - quietSince < QUIET_MS) {
    await page.waitForTimeout(250);
    const n = await page.evaluate('window.__bench.tasks.length');
    if (n !== seen) {
      seen = n as number;
      quietSince = Date.now();
    }
  }
  const { fcp, tasks, load } = (await page.evaluate(`({ ...window.__bench, load: performance.getEntriesByType('navigation')[0].loadEventEnd })`)) as {
    fcp: number;
    tasks: [number, number][];
    load: number;
  };
  // Lighthouse: only the part of a task after FCP counts, beyond the first 50 ms.
  const tbt = tasks.reduce((sum, [start, duration]) => {
    const after = start + duration - Math.max(start, fcp);
    return sum + Math.max(0, after - 50);
  }, 0);
  await context.close();
  return { fcp, load, tbt, longTasks: tasks.length };
}

const server = await startTestServer();
const site = await buildSite(server.ctx, { name: 'Bench shop', domains: ['localhost'] });
const without = await startHostPage(articlePage(''));
const withLoader = await startHostPage(articlePage(`<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`));
const browser = await launchChromium();

const samples = { without: [] as Sample[], with: [] as Sample[] };
try {
  // One warm-up of each (Chromium's own first-run work), then the variants interleaved.
  await measure(browser, without.url);
  await measure(browser, withLoader.url);
  for (let i = 0; i < RUNS; i++) {
    samples.without.push(await measure(browser, without.url));
    samples.with.push(await measure(browser, withLoader.url));
    process.stderr.write(`run ${i + 1}/${RUNS}: TBT ${Math.round(samples.without.at(-1)!.tbt)} ms without, ${Math.round(samples.with.at(-1)!.tbt)} ms with the loader\n`);
  }
} finally {
  await browser.close();
  await without.close();
  await withLoader.close();
  await server.close();
}

const row = (name: string, s: Sample[]) => ({
  page: name,
  'FCP ms': Math.round(median(s.map((x) => x.fcp))),
  'load ms': Math.round(median(s.map((x) => x.load))),
  'TBT ms': Math.round(median(s.map((x) => x.tbt))),
  'TBT max ms': Math.round(Math.max(...s.map((x) => x.tbt))),
  'long tasks': median(s.map((x) => x.longTasks)),
});
const a = row('without the widget', samples.without);
const b = row('with the loader', samples.with);
const added = median(samples.with.map((x) => x.tbt)) - median(samples.without.map((x) => x.tbt));
console.log(`\nLoader blocking check: ${RUNS} runs each, medians, CPU ${CPU_SLOWDOWN}× slower, viewport 412×823\n`);
console.table([a, b, { page: 'difference', 'FCP ms': b['FCP ms'] - a['FCP ms'], 'load ms': b['load ms'] - a['load ms'], 'TBT ms': Math.round(added), 'TBT max ms': b['TBT max ms'] - a['TBT max ms'], 'long tasks': b['long tasks'] - a['long tasks'] }]);
console.log(`${added < GOAL_MS ? 'PASS' : 'FAIL'}: the loader adds ${Math.round(added)} ms of Total Blocking Time (goal: < ${GOAL_MS} ms)`);
process.exit(added < GOAL_MS ? 0 : 1);
