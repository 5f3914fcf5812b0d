import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, login } from '../apps/server/src/test/clients';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, startHostSite } from './browser';

/**
 * The server's engagement behaviour through the real widget on another origin: the greeting
 * and away messages the server stores around a visitor's first message, and availability
 * pushed live when the site's only agent signs off and comes back.
 */
describe('greeting, away message and live availability in the widget', () => {
  let server: TestServer;
  let browser: Browser;
  const hosts: Awaited<ReturnType<typeof startHostSite>>[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const h of hosts) await h.close();
    await server?.close();
  });

  async function open(siteKey: string): Promise<Page> {
    const host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${siteKey}" async></script>`);
    hosts.push(host);
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
    await page.goto(host.url + '/pricing');
    await page.getByTestId('launcher').click();
    await page.getByTestId('chat-window').waitFor();
    return page;
  }

  it('nobody online: the greeting opens the chat and the away message follows the visitor, once each', async () => {
    const site = await buildSite(server.ctx, {
      domains: ['localhost'],
      settings: { title: 'Acme Support', greeting: { enabled: true, message: 'Welcome to Acme!' }, away: { enabled: true, message: 'We are away, back soon.' }, offline: { enabled: false } } as never,
    });
    const visitor = await open(site.widgetKey);
    await expect.poll(() => visitor.getByTestId('greeting').textContent()).toContain('Welcome to Acme!');

    await visitor.getByTestId('composer').fill('Is anyone there?');
    await visitor.getByTestId('composer').press('Enter');
    const messages = visitor.getByTestId('message');
    await expect.poll(() => messages.filter({ hasText: 'We are away, back soon.' }).count()).toBe(1);
    expect(await messages.evaluateAll((els) => els.map((e) => [e.getAttribute('data-seq'), e.getAttribute('data-sender-type')]))).toEqual([
      ['1', 'bot'],
      ['2', 'visitor'],
      ['3', 'bot'],
    ]);
    // The stored greeting replaced the local one: the visitor sees it once, under the team name.
    expect(await visitor.getByText('Welcome to Acme!').count()).toBe(1);
    expect(await messages.first().textContent()).toContain('Acme Support');
    await shot(visitor, 'engage-greeting-away');
  });

  it('the widget switches to "leave a message" when the only agent signs off, and back when they return', async () => {
    const site = await buildSite(server.ctx, { domains: ['localhost'], settings: { offline: { enabled: true, message: 'Leave us a note.', autoReply: false } } as never });
    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Ann' }));
    const visitor = await open(site.widgetKey);
    await visitor.getByTestId('composer').waitFor();

    await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status: 'offline' } });
    await visitor.getByTestId('offline-form').waitFor({ timeout: 5000 });
    await shot(visitor, 'engage-offline-live');
    await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status: 'online' } });
    await visitor.getByTestId('composer').waitFor({ timeout: 5000 });
    expect(await visitor.getByTestId('offline-form').count()).toBe(0);
  });
});
