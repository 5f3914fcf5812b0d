import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import type { CannedResponseDto } from '@parley/protocol';
import { visitors } from '../apps/server/src/db/schema';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn, startHostSite } from './browser';

/** Call the dashboard's own API from the signed-in page (session cookie + CSRF token). */
async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/**
 * The `/` picker in real Chromium: a canned response created through the API is found by its
 * shortcut, chosen with the keyboard, rendered with the visitor's, agent's and site's names,
 * counted as used, and reaches the visitor as an ordinary message.
 */
describe('canned responses: the / picker in the composer', () => {
  let server: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let agent: Page;
  let visitor: Page;

  beforeAll(async () => {
    server = await startTestServer();
    // Offline form off: the visitor writes before the agent signs in (the offline form has its own suite).
    const site = await buildSite(server.ctx, { name: 'Boot Shop', domains: ['localhost'], settings: { offline: { enabled: false, message: '', autoReply: false } } });
    const creds = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice', name: 'Alice Agent' });
    host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    browser = await launchBrowser();
    agent = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    visitor = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();

    // The visitor starts a chat; we give them a name as a lead form would.
    await visitor.goto(host.url + '/');
    await visitor.getByTestId('launcher').click();
    await visitor.getByTestId('composer').fill('When will my boots ship?');
    await visitor.getByTestId('composer').press('Enter');
    await visitor.getByTestId('message').filter({ hasText: 'When will my boots ship?' }).getByTestId('receipt').waitFor();
    await server.ctx.db.update(visitors).set({ name: 'Dana' }).where(eq(visitors.siteId, site.id));

    await signIn(agent, server.url, creds);
    await agent.getByTestId('conv-row').filter({ hasText: 'When will my boots ship?' }).click();
    await agent.getByTestId('accept').click();
    await agent.getByTestId('composer').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('finds a response by shortcut, inserts it rendered with the keyboard, counts the use, and the visitor receives it', async () => {
    await apiFromPage(agent, 'POST', '/api/canned-responses', {
      title: 'International shipping',
      shortcut: 'ship-intl',
      body: 'We ship worldwide from {{site.name}}.',
      shared: false,
    });
    const { response } = await apiFromPage<{ response: CannedResponseDto }>(agent, 'POST', '/api/canned-responses', {
      title: 'Shipping times',
      shortcut: 'shipping',
      body: 'Hi {{visitor.name}}, this is {{agent.name}} from {{site.name}}. Your order ships within 2 days.',
      shared: false,
    });

    const composer = agent.getByTestId('composer');
    await composer.click();
    await composer.pressSequentially('/ship', { delay: 20 });
    const picker = agent.getByTestId('canned-picker');
    await picker.waitFor();
    // Both match the prefix; the list is keyboard driven: the first is active, ↓ moves on.
    await expect.poll(() => picker.getByTestId('canned-option').allTextContents()).toEqual([expect.stringContaining('/ship-intl'), expect.stringContaining('/shipping')]);
    await expect.poll(() => picker.getByTestId('canned-option').first().getAttribute('aria-selected')).toBe('true');
    await composer.press('ArrowDown');
    await expect.poll(() => picker.getByTestId('canned-option').nth(1).getAttribute('aria-selected')).toBe('true');
    await shot(agent, 'canned-picker');
    await composer.press('Enter');

    const rendered = 'Hi Dana, this is Alice from Boot Shop. Your order ships within 2 days.';
    await expect.poll(() => composer.inputValue()).toBe(rendered);
    expect(await picker.count()).toBe(0);
    // The use is counted on the server.
    await expect
      .poll(async () => (await apiFromPage<{ responses: CannedResponseDto[] }>(agent, 'GET', '/api/canned-responses')).responses.find((r) => r.id === response.id)?.usageCount)
      .toBe(1);

    await composer.press('Enter');
    await visitor.getByTestId('message').filter({ hasText: rendered }).waitFor({ timeout: 5000 });
    expect(await visitor.getByText('{{').count()).toBe(0);
    await agent.getByTestId('message').filter({ hasText: rendered }).getByTestId('receipt').waitFor();
  });

  it('Esc dismisses the picker and the typed text stays; a slash inside a word opens nothing', async () => {
    const composer = agent.getByTestId('composer');
    await composer.fill('');
    await composer.pressSequentially('and/or /nomatch', { delay: 10 });
    const picker = agent.getByTestId('canned-picker');
    await picker.waitFor();
    await expect.poll(() => picker.textContent()).toContain('No canned response matches');
    await composer.press('Escape');
    await expect.poll(() => picker.count()).toBe(0);
    expect(await composer.inputValue()).toBe('and/or /nomatch');

    await composer.fill('');
    await composer.pressSequentially('and/or', { delay: 10 });
    await agent.waitForTimeout(200);
    expect(await picker.count()).toBe(0);
  });

  it('Tab inserts too, mid-sentence, and the text around it is kept', async () => {
    const composer = agent.getByTestId('composer');
    await composer.fill('');
    await composer.pressSequentially('Good news: /ship-i', { delay: 10 });
    await agent.getByTestId('canned-picker').waitFor();
    await composer.press('Tab');
    await expect.poll(() => composer.inputValue()).toBe('Good news: We ship worldwide from Boot Shop.');
    // The focus stayed in the composer.
    expect(await agent.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer');
  });

  it('on a phone the picker fits the screen above the keyboard area', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    // Same session: copy the agent's cookie.
    await phone.addCookies(await agent.context().cookies());
    await page.goto(agent.url());
    const composer = page.getByTestId('composer');
    await composer.fill('');
    await composer.pressSequentially('/sh', { delay: 20 });
    const picker = page.getByTestId('canned-picker');
    await picker.waitFor();
    await shot(page, 'canned-picker-phone');
    const box = await picker.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await phone.close();
  });
});
