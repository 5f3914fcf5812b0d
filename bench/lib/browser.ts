/** Headless Chromium and a customer's page for the browser benchmarks (loader-blocking, widget). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { onCleanup } from './cleanup';

/** Debian's Chromium (never a downloaded browser), headless; closed by cleanup. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  onCleanup('close Chromium', () => browser.close());
  return browser;
}

/** A plain article page, the kind of page a chat snippet gets pasted into. */
export function articlePage(snippet: string): string {
  const paragraph =
    '<p>Our trail shoes are made for long days in the mountains: a grippy sole, a breathable upper and a cushioned midsole that stays comfortable after twenty kilometres. Every pair is tested on rock, mud and snow before it leaves the workshop.</p>';
  const sections = Array.from({ length: 12 }, (_, i) => `<section><h2>Chapter ${i + 1}</h2>${paragraph.repeat(3)}</section>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trail shoes</title>
<style>body{font:16px/1.6 Georgia,serif;max-width:720px;margin:0 auto;padding:24px;color:#222}h1{font-size:2rem}nav a{margin-right:12px}</style></head>
<body><nav><a href="/">Home</a><a href="/shop">Shop</a><a href="/about">About</a></nav><h1>Trail shoes for every season</h1>${sections}${snippet}</body></html>`;
}

/** Serves `html` at `http://localhost:<port>/` — another origin than Parley's `127.0.0.1`, as on a real site. */
export async function startHostPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((r) => server.close(() => r()));
  onCleanup('stop the host page server', close);
  return { url: `http://localhost:${port}/`, close };
}
