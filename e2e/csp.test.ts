import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, call, connectVisitor, createVisitor, type ClientSocket } from '../apps/server/src/test/clients';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { png, widgetUpload } from '../apps/server/src/modules/files/testing';
import { launchBrowser, shot, signIn } from './browser';
import { watch, type Watch } from './hostile';

/**
 * The dashboard's Content-Security-Policy is strict (no inline scripts or styles, no plugins,
 * no foreign forms or <base>, not framable by others) and the dashboard still works under it:
 * every main screen is used in Chromium with zero `securitypolicyviolation` events. The pages
 * that host the widget (the live preview, /demo) have their own policy and work under it too.
 */
describe('Content-Security-Policy in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let visitorSocket: ClientSocket;
  let conversationId: string;
  const ORIGIN = 'http://127.0.0.1:5555';

  beforeAll(async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'owner password' } });
    site = await buildSite(server.ctx, { name: 'Policy shop', domains: ['127.0.0.1', 'localhost'], settings: { avatarUrl: 'https://images.example.com/team.png' } });
    await buildAgent(server.ctx, { siteIds: [site.id], name: 'Alice Agent', pseudoName: 'Alice' });
    // A visitor online on the site with a chat, an image and some context: every panel has content.
    const v = await createVisitor(server, site.widgetKey, ORIGIN);
    visitorSocket = await connectVisitor(server, v, ORIGIN);
    await call(visitorSocket, 'visitor:page', { url: 'https://shop.example.com/boots?utm_source=news', title: 'Boots', referrer: 'https://search.example/' });
    await call(visitorSocket, 'visitor:update', { name: 'Val Visitor', email: 'val@example.com', attributes: { plan: 'pro' } });
    await call(visitorSocket, 'visitor:context', { cart: { total: 42, currency: 'EUR', items: [{ name: 'Boots', quantity: 1 }] } });
    const sent = await call<{ conversation: { id: string } }>(visitorSocket, 'message', { clientId: 'csp-first-1', body: 'Hello, see https://example.com/boots' });
    if (!sent.ok) throw new Error(sent.error.message);
    conversationId = sent.data.conversation.id;
    const up = await widgetUpload(server, v, { name: 'photo.png', bytes: await png(120, 80) }, { conversationId });
    if (up.status !== 201) throw new Error(`upload ${up.status}`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    visitorSocket?.disconnect();
    await browser?.close();
    await server?.close();
  });

  it('the dashboard is served with a strict policy', async () => {
    const r = await api(server, 'GET', '/');
    const csp = r.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['script-src-attr']).toEqual(["'none'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|ws:(\s|;|$)|wss:(\s|;|$)|\*/);
    // Plain http here: no upgrade-insecure-requests (it would send the dashboard's own files to https).
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  async function visit(page: Page, w: Watch, steps: [string, () => Promise<unknown>][]) {
    for (const [name, step] of steps) {
      await step();
      // Let lazy chunks, images and sockets settle before looking.
      await page.waitForTimeout(150);
      expect(await w.violations(), `after ${name}`).toEqual([]);
    }
  }

  it('every main screen of the dashboard works with zero CSP violations', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const w = await watch(ctx);
    const page = await ctx.newPage();
    const nav = (testId: string) => page.getByTestId(testId).first().click();
    await visit(page, w, [
      ['sign in', () => signIn(page, server.url, { email: 'owner@example.com', password: 'owner password' })],
      ['waiting list', () => page.getByTestId('conv-row').first().waitFor()],
      ['a conversation', () => page.getByTestId('conv-row').first().click()],
      ['its messages and side panel', () => page.getByTestId('message').filter({ hasText: 'Hello' }).waitFor()],
      ['an image thumbnail', () => page.getByTestId('attachment-thumb').first().waitFor({ timeout: 10_000 })],
      ['the lightbox', async () => {
        await page.getByTestId('attachment-thumb').first().click();
        await page.getByTestId('lightbox').waitFor();
        await page.keyboard.press('Escape');
      }],
      ['accept and reply', async () => {
        await page.getByTestId('accept').click();
        await page.getByTestId('composer').fill('Hi Val, happy to help');
        await page.getByTestId('composer').press('Enter');
        await page.getByTestId('message').filter({ hasText: 'happy to help' }).waitFor();
      }],
      ['active list', () => page.getByTestId('tab-active').click()],
      ['closed list', () => page.getByTestId('tab-closed').click()],
      ['search', async () => {
        await page.getByTestId('search-input').fill('Val');
        await page.getByTestId('search-result').first().waitFor();
        await page.keyboard.press('Escape');
      }],
      ['notifications', async () => {
        await page.getByTestId('notif-bell').click();
        await page.getByTestId('notif-panel').waitFor();
        await page.keyboard.press('Escape');
      }],
      ['visitors', async () => {
        await nav('nav-visitors');
        await page.getByTestId('live-visitor').first().waitFor();
      }],
      ['settings: profile', async () => {
        await nav('nav-settings');
        await page.getByTestId('settings-profile').click();
      }],
      ['settings: websites', async () => {
        await page.getByTestId('settings-sites').click();
        await page.getByTestId('site-row').filter({ hasText: 'Policy shop' }).click();
      }],
      ...['appearance', 'prechat', 'hours', 'messages', 'triggers', 'files', 'privacy', 'identity', 'general'].map(
        (tab) =>
          [
            `site tab ${tab}`,
            async () => {
              await page.getByTestId(`site-tab-${tab}`).click();
              // The live preview is the widget itself, in an iframe under the embed policy.
              if (tab === 'appearance') await page.frameLocator('[data-testid=preview-frame]').getByTestId('launcher').waitFor({ timeout: 10_000 });
            },
          ] as [string, () => Promise<unknown>],
      ),
      ['settings: team', () => page.getByTestId('settings-agents').click().then(() => page.getByTestId('agent-row').first().waitFor())],
      ['settings: departments', () => page.getByTestId('settings-departments').click()],
      ['settings: canned responses', () => page.getByTestId('settings-canned').click()],
      ['settings: workspace', () => page.getByTestId('settings-workspace').click()],
      ['settings: API tokens', () => page.getByTestId('settings-tokens').click()],
    ]);
    await shot(page, 'csp-dashboard');
    await ctx.close();
  }, 90_000);

  it('the demo page and the widget on it work under their own policy, with zero violations', async () => {
    const demo = await api(server, 'GET', '/demo');
    expect(demo.headers.get('content-security-policy')).toMatch(/script-src 'self'[^;]*; script-src-attr 'none'/);
    expect(demo.headers.get('content-security-policy')).toContain("object-src 'none'");
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const w = await watch(ctx);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/demo`);
    await page.getByTestId('launcher').click();
    await page.getByTestId('composer').fill('Hello from the demo page');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: 'Hello from the demo page' }).getByTestId('receipt').filter({ hasText: '✓' }).waitFor();
    expect(await w.violations()).toEqual([]);
    await ctx.close();
  });
});
