import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { api, call, connectVisitor, createVisitor, login, type ClientSocket } from '../apps/server/src/test/clients';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn } from './browser';

/**
 * The agent's tools around the chat lists, in Chromium: search as you type, filters and saved
 * views, the closed archive with paging and CSV export, the notification center, the
 * shortcut overlay, the PWA files, and swipe actions on a phone.
 */
describe('inbox tools in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let boots: Awaited<ReturnType<typeof buildSite>>;
  let hats: Awaited<ReturnType<typeof buildSite>>;
  let alice: Awaited<ReturnType<typeof buildAgent>>;
  let token = '';
  let adaId = '';
  const sockets: ClientSocket[] = [];
  let customer = 0;

  /** A chat started through the integrations API, as a named customer. */
  async function seedChat(opts: { name: string; email?: string; siteId: string; text: string; tags?: string[]; priority?: 'high'; close?: boolean }): Promise<string> {
    customer += 1;
    const customerId = `cust-${customer}`;
    const start = await api(server, 'POST', '/api/chat/start', { bearer: token, body: { customerId, customerName: opts.name, customerEmail: opts.email, siteId: opts.siteId } });
    expect(start.status).toBe(201);
    const id = start.body.conversation.id as string;
    const msg = await api(server, 'POST', `/api/chat/${id}/message`, { bearer: token, body: { senderId: customerId, senderName: opts.name, senderType: 'customer', content: opts.text } });
    expect(msg.status).toBe(201);
    if (opts.tags || opts.priority) expect((await api(server, 'PUT', `/api/chat/${id}`, { bearer: token, body: { tags: opts.tags, priority: opts.priority } })).status).toBe(200);
    if (opts.close) expect((await api(server, 'PUT', `/api/chat/${id}`, { bearer: token, body: { status: 'closed' } })).status).toBe(200);
    return id;
  }

  const rows = (p: Page) => p.getByTestId('conv-row');
  /** Leave any text field, so single-key shortcuts apply. */
  const blur = (p: Page) => p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  beforeAll(async () => {
    server = await startTestServer();
    boots = await buildSite(server.ctx, { name: 'Boot shop', domains: ['127.0.0.1', 'localhost'] });
    hats = await buildSite(server.ctx, { name: 'Hat shop', domains: ['127.0.0.1', 'localhost'] });
    const admin = await buildAgent(server.ctx, { role: 'admin', siteIds: [boots.id, hats.id], pseudoName: 'Ops' });
    alice = await buildAgent(server.ctx, { siteIds: [boots.id, hats.id], pseudoName: 'Alice', name: 'Alice Agent' });
    const session = await login(server, admin);
    const t = await api(server, 'POST', '/api/tokens', { cookie: session.cookie, csrf: session.csrf, body: { name: 'seed' } });
    expect(t.status).toBe(201);
    token = t.body.token;

    adaId = await seedChat({ name: 'Ada Lovelace', email: 'ada@example.com', siteId: boots.id, text: 'Do the hiking boots come in size 44?', tags: ['vip'], priority: 'high' });
    await seedChat({ name: 'Bob Builder', siteId: hats.id, text: 'Where is my order of scarves?' });
    await seedChat({ name: 'Carla Closed', email: 'carla@example.com', siteId: boots.id, text: 'Thanks for the quick refund', close: true });
    // Enough closed chats for the archive to need a second page.
    for (let i = 1; i <= 52; i++) await seedChat({ name: `Archived ${i}`, siteId: i % 2 ? boots.id : hats.id, text: `Old question number ${i}`, close: true });

    browser = await launchBrowser();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await ctx.newPage();
    await signIn(page, server.url, alice);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await server?.close();
  });

  it('search as you type finds a visitor by message text, highlights it, and opens the chat at that message', async () => {
    const searches: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/search?')) searches.push(r.url());
    });
    const input = page.getByTestId('search-input');
    await page.keyboard.press('/');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.pressSequentially('hiking', { delay: 40 });
    const result = page.getByTestId('search-result').filter({ hasText: 'Ada Lovelace' });
    await result.waitFor();
    // Debounced: one request for the whole word, not one per key.
    expect(searches.length).toBeLessThanOrEqual(2);
    expect(await result.locator('mark').first().textContent()).toMatch(/^hiking$/i);
    expect(await result.textContent()).toContain('Boot shop');
    await shot(page, 'inbox-search');

    await input.press('Enter');
    await page.waitForURL(new RegExp(`/inbox/waiting/${adaId}`));
    await page.getByTestId('conv-header').filter({ hasText: 'Ada Lovelace' }).waitFor();
    await page.locator('.messages [data-found]').first().waitFor({ timeout: 5000 });
    await shot(page, 'inbox-search-opened');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
  });

  it('Ctrl+K also focuses the search; a search for a name finds it too', async () => {
    await blur(page);
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('search-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('Bob Builder');
    await page.getByTestId('search-result').filter({ hasText: 'scarves' }).waitFor();
    await input.press('Escape');
    await input.press('Escape');
    await expect.poll(() => input.inputValue()).toBe('');
  });

  it('filters narrow the list and are saved as a view that can be applied and removed', async () => {
    await page.goto(server.url + '/inbox/waiting');
    await rows(page).filter({ hasText: 'Ada Lovelace' }).waitFor();
    await rows(page).filter({ hasText: 'Bob Builder' }).waitFor();

    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-panel').getByLabel('Boot shop').check();
    await page.getByTestId('filter-tag').selectOption('vip');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Ada Lovelace');
    await page.getByTestId('view-name').fill('VIP boots');
    await page.getByTestId('save-view').click();
    await expect.poll(() => page.getByTestId('views-toggle').textContent()).toContain('VIP boots');
    await shot(page, 'inbox-filters');
    await page.getByTestId('filters-done').click();

    await page.getByTestId('clear-filters').click();
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);

    await page.getByTestId('views-toggle').click();
    await page.getByTestId('view-apply').filter({ hasText: 'VIP boots' }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Ada Lovelace');

    await page.getByTestId('views-toggle').click();
    await page.getByTestId('view-delete').click();
    await expect.poll(() => page.getByTestId('view-apply').count()).toBe(0);
    const session = await login(server, alice);
    expect((await api(server, 'GET', '/api/views', { cookie: session.cookie })).body.views).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('clear-filters').click();
  });

  it('the closed archive pages with "Load more", and exports the filtered rows as CSV', async () => {
    await page.getByTestId('tab-closed').click();
    await rows(page).first().waitFor();
    await expect.poll(() => rows(page).count()).toBe(50);
    await page.getByTestId('load-more').click();
    await expect.poll(() => rows(page).count()).toBe(53);
    await expect.poll(() => page.getByTestId('load-more').count()).toBe(0);

    // Only the Boot shop's closed chats: Carla and the odd-numbered archive.
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-panel').getByLabel('Boot shop').check();
    await page.getByTestId('filters-done').click();
    await expect.poll(() => rows(page).count()).toBe(27);
    await shot(page, 'inbox-archive');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('Carla Closed');
    expect(csv).toContain('carla@example.com');
    expect(csv).toContain('Thanks for the quick refund');
    expect(csv).toContain('Archived 51');
    expect(csv).not.toContain('Archived 52'); // a Hat shop chat
    expect(csv).not.toContain('Bob Builder'); // waiting, not closed
    await page.getByTestId('clear-filters').click();
  });

  it('the bell counts a new waiting chat; the panel lists it and opens the chat', async () => {
    await page.goto(server.url + '/inbox/waiting');
    await page.getByTestId('notif-bell').click();
    await page.getByTestId('notif-panel').waitFor();
    if (await page.getByTestId('notif-mark-all').isEnabled()) await page.getByTestId('notif-mark-all').click();
    await expect.poll(() => page.getByTestId('notif-count').count()).toBe(0);
    await page.getByTestId('notif-bell').click();

    const visitor = await createVisitor(server, boots.widgetKey);
    const socket = await connectVisitor(server, visitor);
    sockets.push(socket);
    const sent = await call(socket, 'message', { clientId: 'e2e-notify-0001', body: 'Is anybody there? I need help with sandals' });
    expect(sent.ok).toBe(true);

    await expect.poll(() => page.getByTestId('notif-count').textContent(), { timeout: 5000 }).toBe('1');
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) Parley/);
    await page.keyboard.press('Alt+b');
    const item = page.getByTestId('notif-item').filter({ hasText: 'sandals' });
    await item.waitFor();
    expect(await item.getAttribute('data-type')).toBe('waiting');
    await shot(page, 'inbox-notifications');
    await item.click();
    await page.waitForURL(/\/inbox\/waiting\/[0-9a-f-]{36}$/);
    await page.getByTestId('message').filter({ hasText: 'sandals' }).waitFor();
    await expect.poll(() => page.getByTestId('notif-count').count()).toBe(0);
  });

  it('a hidden tab gets a desktop notification for a new chat; clicking it opens the chat', async () => {
    await ctx.grantPermissions(['notifications'], { origin: server.url });
    await page.goto(server.url + '/inbox/waiting');
    await page.getByTestId('notif-bell').waitFor();
    // Pretend the tab is in the background, and record what would be shown.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      const shown: { title: string; body: string; tag: string; click: () => void }[] = [];
      (window as unknown as { shown: typeof shown }).shown = shown;
      class Recorder {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, opts: { body: string; tag: string }) {
          shown.push({ title, body: opts.body, tag: opts.tag, click: () => this.onclick?.() });
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = Recorder;
    });
    const visitor = await createVisitor(server, hats.widgetKey);
    const socket = await connectVisitor(server, visitor);
    sockets.push(socket);
    expect((await call(socket, 'message', { clientId: 'e2e-notify-0002', body: 'Hello, do you sell berets?' })).ok).toBe(true);
    await expect.poll(() => page.evaluate(() => (window as unknown as { shown: { body: string }[] }).shown.map((n) => n.body).join('|')), { timeout: 5000 }).toContain('berets');
    const conversationId = (await page.evaluate(() => (window as unknown as { shown: { tag: string }[] }).shown.at(-1)!.tag)) as string;
    await page.evaluate(() => (window as unknown as { shown: { click: () => void }[] }).shown.at(-1)!.click());
    await page.waitForURL(new RegExp(`/inbox/waiting/${conversationId}$`));
    await page.evaluate(() => {
      delete (document as unknown as { visibilityState?: string }).visibilityState;
    });
  });

  it('"?" lists the shortcuts; g a and Alt+W move around without the mouse', async () => {
    await blur(page);
    await page.keyboard.press('Shift+?');
    const help = page.getByTestId('shortcut-help');
    await help.waitFor();
    const text = await help.textContent();
    for (const line of ['Search chats', 'Open notifications', 'Go to Waiting', 'Go to Active', 'Go to Closed', 'Take the next waiting chat']) expect(text).toContain(line);
    await shot(page, 'inbox-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    await page.keyboard.press('g');
    await page.keyboard.press('c');
    await page.waitForURL(/\/inbox\/closed$/);
    await page.keyboard.press('g');
    await page.keyboard.press('w');
    await page.waitForURL(/\/inbox\/waiting$/);

    // Typing in a text field is not a shortcut.
    await page.getByTestId('search-input').fill('g');
    await page.getByTestId('search-input').press('a');
    expect(new URL(page.url()).pathname).toBe('/inbox/waiting');
    await page.getByTestId('search-input').press('Escape');
    await page.getByTestId('search-input').press('Escape');

    await blur(page);
    await page.keyboard.press('Alt+w');
    await page.waitForURL(/\/inbox\/active\/[0-9a-f-]{36}$/);
    await page.getByTestId('conv-header').waitFor();
  });

  it('serves the manifest, icons and service worker, and the dashboard registers the worker', async () => {
    const manifest = await fetch(server.url + '/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const m = (await manifest.json()) as { start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; purpose?: string }[] };
    expect(m).toMatchObject({ start_url: '/', display: 'standalone' });
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    for (const want of [
      { sizes: '192x192', purpose: 'any' },
      { sizes: '512x512', purpose: 'any' },
      { sizes: '512x512', purpose: 'maskable' },
    ]) {
      const icon = m.icons.find((i) => i.sizes === want.sizes && i.purpose === want.purpose);
      expect(icon, JSON.stringify(want)).toBeTruthy();
      const res = await fetch(server.url + icon!.src);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.readUInt32BE(16)).toBe(Number(want.sizes.split('x')[0]));
    }

    const sw = await fetch(server.url + '/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    const source = await sw.text();
    expect(source).toContain("addEventListener('push'");
    expect(source).toContain("addEventListener('notificationclick'");

    const html = await fetch(server.url + '/inbox/waiting');
    expect(await html.text()).toContain('rel="manifest" href="/manifest.webmanifest"');
    expect(html.headers.get('content-security-policy')).toMatch(/script-src 'self'/);

    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(server.url + '/');
  });

  it('on a phone: one column, swipe a waiting row left to accept it', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const p = await phone.newPage();
    await signIn(p, server.url, alice);
    const row = rows(p).filter({ hasText: 'Bob Builder' });
    await row.waitFor();
    await shot(p, 'phone-inbox');
    await p.getByTestId('filters-toggle').click();
    await p.getByTestId('filter-panel').waitFor();
    await shot(p, 'phone-filters');
    await p.getByTestId('filters-done').click();
    const box = (await row.boundingBox())!;
    expect(Math.round(box.width)).toBeGreaterThan(380);

    const cdp = await phone.newCDPSession(p);
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width - 30;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
    for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 - i * 25, y: y + 2 }] });
    await shot(p, 'phone-swipe');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await p.waitForURL(/\/inbox\/active\/[0-9a-f-]{36}$/);
    await p.getByTestId('conv-header').filter({ hasText: 'Bob Builder' }).waitFor();

    await p.getByTestId('search-open').click();
    await p.getByTestId('search-input').fill('scarves');
    await p.getByTestId('search-result').first().waitFor();
    await shot(p, 'phone-search');
    await p.getByTestId('search-input').press('Escape');
    await p.getByTestId('search-input').press('Escape');
    await p.getByTestId('notif-bell').click();
    await p.getByTestId('notif-panel').waitFor();
    await shot(p, 'phone-notifications');
    await phone.close();
  });
});
