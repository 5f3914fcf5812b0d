import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { files } from '../apps/server/src/db/schema';
import { windowsExe } from '../apps/server/src/modules/files/testing';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn, startHostSite } from './browser';

/**
 * Files both ways through the real widget and dashboard in Chromium: a visitor's photo (with
 * EXIF orientation) uploads with a progress bar and shows as an upright thumbnail to the agent;
 * the agent previews and sends a PDF, which the visitor downloads through a signed link; an
 * executable renamed .png is refused with the same clear message on both sides.
 */
describe('file sharing in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let agentCtx: BrowserContext;
  let visitorCtx: BrowserContext;
  let agent: Page;
  let visitor: Page;
  let creds: { email: string; password: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-files-'));
  const photo = path.join(dir, 'boots.jpg');
  const pdf = path.join(dir, 'invoice-1043.pdf');
  const exe = path.join(dir, 'cute-cat.png');
  const pdfBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200 * 1024, 'parley ')]);

  beforeAll(async () => {
    // A 900×600 landscape JPEG whose EXIF says "rotate 90°": upright it is 600×900.
    // Noise keeps it large enough (~1.5 MB) to watch the progress bar under throttling.
    const noise = Buffer.alloc(900 * 600 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    await sharp(noise, { raw: { width: 900, height: 600, channels: 3 } })
      .jpeg({ quality: 100 })
      .withMetadata({ orientation: 6 })
      .toFile(photo);
    fs.writeFileSync(pdf, pdfBytes);
    // A Windows executable's header under an image's name.
    fs.writeFileSync(exe, windowsExe());

    server = await startTestServer();
    site = await buildSite(server.ctx, { name: 'Boot shop', domains: ['localhost'], settings: { offline: { enabled: false, message: '', autoReply: false } } });
    creds = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice', name: 'Alice Agent' });
    host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    browser = await launchBrowser();
    agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    agent = await agentCtx.newPage();
    visitor = await visitorCtx.newPage();
    await signIn(agent, server.url, creds);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a visitor's photo uploads with progress and reaches the agent as an upright thumbnail", async () => {
    await visitor.goto(host.url + '/boots');
    await visitor.getByTestId('launcher').click();
    await visitor.getByTestId('chat-window').waitFor();
    // Slow the visitor's uplink so the upload takes a few seconds.
    const cdp = await visitorCtx.newCDPSession(visitor);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    await visitor.getByTestId('attach').waitFor();
    await expect.poll(() => visitor.getByTestId('attach').isEnabled()).toBe(true);
    await visitor.getByTestId('file-input').setInputFiles(photo);

    const pending = visitor.getByTestId('upload');
    await pending.waitFor();
    expect(await pending.getAttribute('data-upload-state')).toBe('uploading');
    const bar = pending.getByRole('progressbar');
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
    const midway = Number(await bar.getAttribute('aria-valuenow'));
    expect(midway).toBeLessThan(100);
    await shot(visitor, 'files-visitor-uploading');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Stored: the pending row gives way to the message with its thumbnail.
    await pending.waitFor({ state: 'detached', timeout: 20_000 });
    const mine = visitor.locator('[data-attachment-id] img[alt="boots.jpg"]');
    await mine.waitFor();
    await expect.poll(() => mine.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    const [row] = await server.ctx.db.select().from(files).where(eq(files.siteId, site.id));
    expect(row).toMatchObject({ name: 'boots.jpg', type: 'jpg', width: 600, height: 900, uploaderType: 'visitor' });

    // The agent sees the new chat with the file as its preview, then the thumbnail.
    const conv = agent.getByTestId('conv-row').filter({ hasText: 'boots.jpg' });
    await conv.waitFor({ timeout: 10_000 });
    await conv.click();
    const thumb = agent.locator(`[data-attachment-id="${row!.id}"] img[alt="boots.jpg"]`);
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // EXIF orientation applied server-side: the thumbnail is portrait.
    const natural = await thumb.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
    expect(natural.h).toBeGreaterThan(natural.w);
    await shot(agent, 'files-agent-thumbnail');

    await thumb.click();
    const lightbox = agent.getByTestId('lightbox');
    await lightbox.waitFor();
    await shot(agent, 'files-agent-lightbox');
    await agent.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });

    // The side panel lists it.
    await expect.poll(() => agent.getByTestId('conversation-files').textContent()).toContain('boots.jpg');
  });

  it('the agent previews a PDF, sends it, and the visitor downloads the same bytes through a signed link', async () => {
    await agent.getByTestId('accept').click();
    await agent.getByTestId('file-input').setInputFiles(pdf);
    const tray = agent.getByTestId('tray-item');
    await tray.waitFor();
    expect(await tray.textContent()).toContain('invoice-1043.pdf');
    await agent.getByTestId('composer').fill('Here is your invoice');
    await shot(agent, 'files-agent-tray');
    await agent.getByTestId('send').click();
    await tray.waitFor({ state: 'detached' });
    await agent.getByTestId('file-card').filter({ hasText: 'invoice-1043.pdf' }).waitFor();

    const card = visitor.getByRole('link').filter({ hasText: 'invoice-1043.pdf' });
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(() => visitor.getByTestId('chat-window').textContent()).toContain('Here is your invoice');
    await expect.poll(async () => (await card.getAttribute('href')) ?? '').toMatch(/\/files\/[0-9a-f-]+\/original\?e=\d+&s=[0-9a-f]+/);
    await shot(visitor, 'files-visitor-card');
    const href = (await card.getAttribute('href'))!;
    const res = await fetch(new URL(href, server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;.*invoice-1043\.pdf/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdfBytes)).toBe(true);

    // The agent's download goes through a fresh signed link too.
    const [download] = await Promise.all([agent.waitForEvent('download'), agent.getByTestId('file-card').filter({ hasText: 'invoice-1043.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('invoice-1043.pdf');
    expect(fs.readFileSync((await download.path())!).equals(pdfBytes)).toBe(true);
  });

  it('an executable renamed .png is refused with a clear message on both sides, and nothing is stored', async () => {
    const before = await server.ctx.db.select().from(files).where(eq(files.siteId, site.id));

    await visitor.getByTestId('file-input').setInputFiles(exe);
    const failed = visitor.locator('[data-testid="upload"][data-upload-state="failed"]');
    await failed.waitFor({ timeout: 10_000 });
    expect(await failed.textContent()).toMatch(/isn't what its name says/i);
    await shot(visitor, 'files-visitor-spoof');

    await agent.getByTestId('file-input').setInputFiles(exe);
    await agent.getByTestId('tray-item').waitFor();
    await agent.getByTestId('send').click();
    const agentFailed = agent.locator('[data-testid="upload"][data-state="failed"]');
    await agentFailed.waitFor({ timeout: 10_000 });
    expect(await agentFailed.textContent()).toMatch(/isn't what its name says/i);
    // Trying again cannot fix a refusal: only Remove is offered.
    expect(await agentFailed.getByTestId('upload-retry').count()).toBe(0);
    await shot(agent, 'files-agent-spoof');

    const after = await server.ctx.db.select().from(files).where(eq(files.siteId, site.id));
    expect(after.length).toBe(before.length);
  });
});
