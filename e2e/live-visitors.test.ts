import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { visitors, visitorSessions } from '../apps/server/src/db/schema';
import { newId } from '../apps/server/src/ids';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn, startHostSite } from './browser';

const GEOIP_DB = fileURLToPath(new URL('../apps/server/test-fixtures/geoip-test.mmdb', import.meta.url));
/** In the test GeoIP database: London, United Kingdom. */
const LONDON_IP = '81.2.69.160';

/**
 * Live visitors: a visitor browsing a customer's site (another origin, tracking on by default)
 * shows up on the agent's Visitors page with page, location, device and cart as they change;
 * the agent starts a chat from there, the widget opens with it, and the side panel shows the
 * visitor's context. Leaving the site removes them from the list.
 */
describe('live visitors page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let agentCtx: BrowserContext;
  let visitorCtx: BrowserContext;
  let agent: Page;
  let visitor: Page;
  let creds: { email: string; password: string };
  let site: Awaited<ReturnType<typeof buildSite>>;

  const row = (page: Page, text: string) => page.getByTestId('live-visitor').filter({ hasText: text });

  beforeAll(async () => {
    server = await startTestServer({ env: { GEOIP_DB_PATH: GEOIP_DB, TRUST_PROXY: 'true' } });
    site = await buildSite(server.ctx, { name: 'Host shop', domains: ['localhost'], settings: { color: '#0f766e', welcomeText: 'Welcome to Host shop!' } });
    creds = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice', name: 'Alice Agent' });
    // Each path gets its own title, set before the widget loads (it reports document.title).
    host = await startHostSite(
      () => `<script>document.title = { '/products/boots': 'Winter boots — Host shop', '/pricing': 'Pricing — Host shop' }[location.pathname] || document.title;</script>
<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`,
    );
    browser = await launchBrowser();
    agentCtx = await browser.newContext({ viewport: { width: 1360, height: 820 } });
    // The visitor comes through a proxy that says where they are (TRUST_PROXY is on).
    visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 }, extraHTTPHeaders: { 'X-Forwarded-For': LONDON_IP } });
    // The extra header makes the widget's cross-origin requests preflighted; with routing on,
    // Playwright answers those preflights itself (the real requests still reach Parley).
    await visitorCtx.route(`${server.url}/**`, (route) => route.continue());
    agent = await agentCtx.newPage();
    visitor = await visitorCtx.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('the Visitors page explains how visitors appear while nobody is there', async () => {
    await signIn(agent, server.url, creds);
    await agent.getByTestId('nav-visitors').click();
    await agent.getByText('Nobody is on your sites right now.').waitFor();
    expect(await agent.getByTestId('live-count').textContent()).toBe('0 online');
    await shot(agent, 'visitors-empty');
  });

  it('a visitor opening a page appears live with page title, location and device', async () => {
    await visitor.goto(host.url + '/products/boots');
    const r = row(agent, 'Winter boots');
    await r.waitFor({ timeout: 10_000 });
    await expect.poll(() => r.getByTestId('live-location').textContent()).toContain('London');
    expect(await r.getByTestId('live-location').getAttribute('title')).toBe('London, United Kingdom');
    expect(await r.getByTestId('live-device').textContent()).toMatch(/Desktop.*Chrom/);
    expect(await r.getByTestId('live-pages').textContent()).toBe('1');
    expect(await agent.getByTestId('live-count').textContent()).toBe('1 online');
    // time on site ticks
    const t1 = await r.getByTestId('live-time-on-site').textContent();
    await expect.poll(() => r.getByTestId('live-time-on-site').textContent(), { timeout: 4000 }).not.toBe(t1);
  });

  it('navigation updates the current page and the page count; setContext shows the cart', async () => {
    await visitor.evaluate(() => {
      document.title = 'Pricing — Host shop';
      history.pushState({}, '', '/pricing');
    });
    const r = agent.getByTestId('live-visitor').first();
    await expect.poll(() => r.getByTestId('live-current-page').textContent(), { timeout: 10_000 }).toContain('Pricing');
    await expect.poll(() => r.getByTestId('live-pages').textContent()).toBe('2');

    await visitor.evaluate(() =>
      (window as unknown as { Parley: (...a: unknown[]) => void }).Parley('setContext', {
        cart: { total: 129.9, currency: 'EUR', items: [{ name: 'Winter boots', quantity: 1, price: 99.9 }, { name: 'Wool socks', quantity: 2, price: 15 }] },
      }),
    );
    await expect.poll(() => r.getByTestId('live-cart').textContent(), { timeout: 10_000 }).toMatch(/129[.,]90/);
    await shot(agent, 'visitors-desktop');
  });

  it('on a phone the page shows cards', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, server.url, creds);
    await page.getByTestId('nav-visitors').click();
    const card = row(page, 'Pricing');
    await card.waitFor();
    expect(await card.evaluate((el) => el.tagName)).toBe('LI');
    expect(await card.getByTestId('live-cart').textContent()).toMatch(/129[.,]90/);
    await shot(page, 'visitors-phone');
    await phone.close();
  });

  it('the agent starts a chat: the widget opens with the message and the reply comes back', async () => {
    await agent.getByTestId('live-visitor').first().getByTestId('start-chat').click();
    const dialog = agent.getByTestId('start-chat-dialog');
    await dialog.getByTestId('start-chat-body').fill('Hi! Need help choosing a size?');
    await shot(agent, 'visitors-start-chat');
    await dialog.getByTestId('start-chat-send').click();
    await expect.poll(() => new URL(agent.url()).pathname, { timeout: 10_000 }).toMatch(/^\/inbox\/active\/[0-9a-f-]+$/);

    await visitor.getByTestId('chat-window').waitFor({ timeout: 10_000 });
    await visitor.getByTestId('message').filter({ hasText: 'Need help choosing a size?' }).waitFor();
    await visitor.getByTestId('composer').fill('Yes please, I am usually a 44');
    await visitor.getByTestId('composer').press('Enter');
    await agent.getByTestId('message').filter({ hasText: 'usually a 44' }).waitFor({ timeout: 10_000 });
  });

  it('the side panel shows the page history, device, location and cart', async () => {
    const panel = agent.getByTestId('side-panel');
    if (!(await panel.isVisible())) await agent.getByTestId('details-toggle').click();
    const pages = panel.getByTestId('history-page');
    await expect.poll(() => pages.allTextContents()).toEqual([expect.stringContaining('Winter boots'), expect.stringContaining('Pricing')]);
    expect(await pages.last().getAttribute('class')).toContain('vc-step--current');
    expect(await panel.getByTestId('visitor-location').textContent()).toContain('London, United Kingdom');
    expect(await panel.getByTestId('visitor-device-text').textContent()).toMatch(/Desktop · Chrom/);
    expect(await panel.getByTestId('visitor-cart').textContent()).toContain('Wool socks');
    expect(await panel.getByText('Online now').count()).toBe(1);
    await panel.getByTestId('visitor-now').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(agent, 'visitors-side-panel');

    // the same on a phone: the details sheet
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, server.url, creds);
    await page.goto(agent.url());
    await page.getByTestId('details-toggle').click();
    await page.getByTestId('details-sheet').getByTestId('history-page').first().waitFor();
    await shot(page, 'visitors-side-panel-phone');
    await page.getByTestId('details-sheet').getByTestId('visitor-now').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'visitors-side-panel-phone-context');
    await phone.close();
  });

  it('the row says they chat now and links to the chat', async () => {
    await agent.getByTestId('nav-visitors').click();
    const r = row(agent, 'Pricing');
    await r.getByTestId('open-visitor-chat').waitFor();
    expect(await r.textContent()).toContain('Chatting with you');
    await r.getByTestId('open-visitor-chat').click();
    await agent.getByTestId('message').filter({ hasText: 'usually a 44' }).waitFor();
  });

  it('the visitor rates the closed chat: the stars show in the header and the side panel', async () => {
    await agent.getByTestId('close-conversation').click();
    await visitor.getByTestId('csat').waitFor({ timeout: 10_000 });
    await visitor.getByTestId('csat-score').nth(3).check({ force: true });
    await visitor.getByTestId('csat-comment').fill('Quick and friendly');
    await visitor.getByTestId('csat-submit').click();
    await visitor.getByTestId('csat-thanks').waitFor();

    const stars = agent.getByTestId('header-rating').getByTestId('rating-stars');
    await expect.poll(() => stars.getAttribute('data-score'), { timeout: 10_000 }).toBe('4');
    expect(await agent.getByTestId('side-panel').getByTestId('chat-rating').textContent()).toContain('Quick and friendly');
    await shot(agent, 'visitors-rated-chat');
  });

  it('closing the tab removes the visitor from the list', async () => {
    await agent.getByTestId('nav-visitors').click();
    await row(agent, 'Pricing').waitFor();
    await visitor.close();
    await expect.poll(() => agent.getByTestId('live-visitor').count(), { timeout: 10_000 }).toBe(0);
    await agent.getByText('Nobody is on your sites right now.').waitFor();
  });

  it('an offline message is an email chat: envelope in the list, replies go by email', async () => {
    const page = await browser.newPage();
    await page.goto(host.url + '/contact');
    const status = await page.evaluate(
      async ({ url, siteKey }) =>
        (
          await fetch(`${url}/api/widget/offline-messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ siteKey, name: 'Olga Offline', email: 'olga@example.com', message: 'Do you ship to Norway?', clientId: 'offline-msg-0001' }),
          })
        ).status,
      { url: server.url, siteKey: site.widgetKey },
    );
    expect(status).toBe(201);
    await page.close();

    await agent.getByTestId('nav-inbox').click();
    await agent.getByTestId('tab-waiting').click();
    const r = agent.getByTestId('conv-row').filter({ hasText: 'Olga Offline' });
    await r.getByTestId('email-channel').waitFor({ timeout: 10_000 });
    await r.click();
    await agent.getByTestId('accept').click();
    await expect.poll(() => agent.getByTestId('email-banner').textContent()).toContain('Replies are sent by email to olga@example.com');
    // a note is internal: no banner
    await agent.getByTestId('mode-note').click();
    expect(await agent.getByTestId('email-banner').count()).toBe(0);
    await agent.getByTestId('mode-reply').click();
    await shot(agent, 'email-channel-composer');
  });

  it('a long list renders only the visitors in view', async () => {
    const now = Date.now();
    const crowd = Array.from({ length: 300 }, (_, i) => ({ id: newId(), name: `Crowd ${String(i + 1).padStart(3, '0')}`, startedAt: new Date(now - (i + 1) * 1000) }));
    await server.ctx.db.insert(visitors).values(crowd.map((c) => ({ id: c.id, workspaceId: site.workspaceId, siteId: site.id, name: c.name, browser: 'Firefox', os: 'Windows', device: 'desktop' })));
    await server.ctx.db.insert(visitorSessions).values(
      crowd.map((c) => ({ id: newId(), workspaceId: site.workspaceId, siteId: site.id, visitorId: c.id, startedAt: c.startedAt, currentUrl: `${host.url}/p`, currentTitle: 'Catalogue', pageViews: 1 })),
    );
    await agent.getByTestId('nav-visitors').click();
    await expect.poll(() => agent.getByTestId('live-count').textContent()).toBe('300 online');
    const rendered = await agent.getByTestId('live-visitor').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    await agent.locator('.visitors__scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await row(agent, 'Crowd 300').waitFor();
    expect(await row(agent, 'Crowd 001').count()).toBe(0);
    await shot(agent, 'visitors-many');

    // the server refuses (409) when the visitor left meanwhile: the dialog says why
    await row(agent, 'Crowd 300').getByTestId('start-chat').click();
    const dialog = agent.getByTestId('start-chat-dialog');
    await dialog.getByTestId('start-chat-body').fill('Hello there!');
    await server.ctx.db.update(visitorSessions).set({ endedAt: new Date() }).where(eq(visitorSessions.visitorId, crowd[299]!.id));
    await dialog.getByTestId('start-chat-send').click();
    await expect.poll(() => dialog.getByTestId('start-chat-error').textContent()).toMatch(/Could not start the chat: .*left/);
    await shot(agent, 'visitors-start-chat-409');
    await dialog.getByTestId('modal-close').click();
    // a narrow tablet gets the cards, windowed the same way
    await agent.setViewportSize({ width: 900, height: 800 });
    await expect.poll(() => agent.getByTestId('live-visitor').first().evaluate((el) => el.tagName)).toBe('LI');
    expect(await agent.getByTestId('live-visitor').count()).toBeLessThan(20);
    await shot(agent, 'visitors-tablet');
  });
});

