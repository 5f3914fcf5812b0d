import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, startHostSite } from './browser';

/**
 * Items 1 and 5 in Chromium: a fresh install's setup screen, the demo page, and an admin
 * who creates a site and an agent; the agent sees that site's chats and nothing else.
 */
describe('first run and admin settings in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let host: Awaited<ReturnType<typeof startHostSite>> | undefined;
  let snippet = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('a fresh install opens the setup screen, which creates the owner and the first site', async () => {
    await admin.goto(server.url + '/');
    await admin.getByTestId('setup-name').waitFor();
    await shot(admin, 'setup');
    await admin.getByTestId('setup-workspace').fill('Acme Support');
    await admin.getByTestId('setup-name').fill('Olga Owner');
    await admin.getByTestId('setup-email').fill('olga@example.com');
    await admin.getByTestId('setup-password').fill('short');
    await admin.getByTestId('setup-site-name').fill('Acme shop');
    await admin.getByTestId('setup-site-domains').fill('localhost');
    await admin.getByTestId('setup-submit').click();
    // a too-short password is refused before anything is created
    await expect.poll(async () => (await fetch(server.url + '/api/setup').then((r) => r.json())).needsSetup).toBe(true);
    await admin.getByTestId('setup-password').fill('a long enough password');
    await admin.getByTestId('setup-submit').click();
    await admin.getByTestId('tab-waiting').waitFor();
    expect(await admin.textContent('body')).toContain('Acme Support');
  });

  it('the demo page embeds the widget with its one-line snippet and chats with the dashboard', async () => {
    const demo = await (await browser.newContext()).newPage();
    await demo.goto(server.url + '/demo');
    await demo.getByTestId('launcher').click();
    await demo.getByTestId('composer').fill('Hello from the demo page');
    await demo.getByTestId('send').click();
    await admin.getByTestId('conv-row').filter({ hasText: 'Hello from the demo page' }).waitFor();
    await shot(demo, 'demo-page');
    await demo.context().close();
  });

  it('an admin creates a site, copies its snippet, and adds an agent for it', async () => {
    await admin.getByTestId('nav-settings').first().click();
    await admin.getByTestId('settings-sites').click();
    await admin.getByTestId('site-new').click();
    await admin.getByTestId('site-name').fill('Boutique');
    await admin.getByTestId('site-domains').fill('localhost, shop.example.com');
    await admin.getByTestId('site-color').fill('#9333ea');
    await admin.getByTestId('site-welcome').fill('Bonjour! Ask us anything.');
    await admin.getByTestId('site-save').click();
    const snippetEl = admin.getByTestId('snippet');
    await snippetEl.waitFor();
    snippet = (await snippetEl.textContent())!.trim();
    expect(snippet).toMatch(new RegExp(`^<script src="${server.url}/widget.js" data-site-key="[\\w-]+" async></script>$`));
    await shot(admin, 'settings-site');

    await admin.getByTestId('settings-agents').click();
    await admin.getByTestId('agent-new').click();
    await admin.getByTestId('agent-name').fill('Bruno Agent');
    await admin.getByTestId('agent-pseudo-name').fill('Bruno');
    await admin.getByTestId('agent-email').fill('bruno@example.com');
    await admin.getByTestId('agent-password').fill('bruno password');
    await admin.locator('label', { hasText: 'Boutique' }).getByTestId('agent-site').check();
    await admin.getByTestId('agent-save').click();
    await admin.getByRole('status').filter({ hasText: 'Saved' }).or(admin.getByTestId('agent-disable')).first().waitFor();
    await admin.getByTestId('settings-agents').click();
    await admin.getByTestId('agent-row').filter({ hasText: 'Bruno' }).waitFor();
    await shot(admin, 'settings-agents');
  });

  it("the new agent sees the Boutique site's chats and not the demo site's", async () => {
    host = await startHostSite(() => snippet);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(host.url + '/');
    await visitor.getByTestId('launcher').click();
    await expect.poll(() => visitor.getByTestId('chat-window').textContent()).toContain('Bonjour! Ask us anything.');
    await visitor.getByTestId('composer').fill('Question for the boutique');
    await visitor.getByTestId('composer').press('Enter');

    const bruno = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await bruno.goto(server.url + '/');
    await bruno.getByTestId('login-email').fill('bruno@example.com');
    await bruno.getByTestId('login-password').fill('bruno password');
    await bruno.getByTestId('login-submit').click();
    await bruno.getByTestId('conv-row').filter({ hasText: 'Question for the boutique' }).waitFor();
    expect(await bruno.getByTestId('conv-row').filter({ hasText: 'Hello from the demo page' }).count()).toBe(0);
    await shot(bruno, 'bruno-inbox');
  });
});
