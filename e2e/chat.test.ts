import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { visitors } from '../apps/server/src/db/schema';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, startHostSite } from './browser';

/**
 * A visitor on a customer's page and an agent in the dashboard, side by side in real
 * Chromium: the whole loop of issue items 2–4 through the product's own entry points.
 */
describe('visitor widget ↔ agent dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let agentCtx: BrowserContext;
  let visitorCtx: BrowserContext;
  let agent: Page;
  let visitor: Page;
  let creds: { email: string; password: string };

  beforeAll(async () => {
    server = await startTestServer();
    // Offline form off: these chats go on while the agent is away (the offline form has its own suite).
    site = await buildSite(server.ctx, { name: 'Host shop', domains: ['localhost'], settings: { color: '#0f766e', welcomeText: 'Welcome to Host shop!', offline: { enabled: false, message: '', autoReply: false } } });
    creds = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice', name: 'Alice Agent' });
    host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    browser = await launchBrowser();
    agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    agent = await agentCtx.newPage();
    visitor = await visitorCtx.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('wrong password shows an error; the right one opens the inbox', async () => {
    await agent.goto(server.url + '/');
    await agent.getByTestId('login-email').fill(creds.email);
    await agent.getByTestId('login-password').fill('wrong password');
    await agent.getByTestId('login-submit').click();
    await expect.poll(() => agent.getByTestId('login-error').textContent()).toMatch(/wrong email or password/i);
    await agent.getByTestId('login-password').fill(creds.password);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('tab-waiting').waitFor();
    await shot(agent, 'agent-inbox-empty');
  });

  it('the widget stores nothing before the visitor interacts; a message reaches the agent at once', async () => {
    await visitor.goto(host.url + '/products/boots');
    const launcher = visitor.getByTestId('launcher');
    await launcher.waitFor();
    expect(await visitor.evaluate(() => Object.keys(localStorage).length)).toBe(0);
    expect(await visitor.evaluate(() => document.cookie)).toBe('');
    await launcher.click();
    await visitor.getByTestId('chat-window').waitFor();
    await expect.poll(() => visitor.getByTestId('chat-window').textContent()).toContain('Welcome to Host shop!');
    // The site tracks visitors (the default): the visitor exists from the page load, anonymous
    // (recognised by a daily salted key, nothing on the device).
    const tracked = await server.ctx.db.select().from(visitors).where(eq(visitors.siteId, site.id));
    expect(tracked.map((v) => !!v.anonKey)).toEqual([true]);

    await visitor.getByTestId('composer').fill('Hi, do these boots come in size 44?');
    await visitor.getByTestId('composer').press('Enter');
    const mine = visitor.getByTestId('message').filter({ hasText: 'size 44' });
    await mine.waitFor();
    await expect.poll(() => mine.getByTestId('receipt').textContent()).toMatch(/✓/);
    expect(await visitor.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('parley')))).toBe(true);
    await shot(visitor, 'visitor-sent');

    const row = agent.getByTestId('conv-row').filter({ hasText: 'size 44' });
    await row.waitFor({ timeout: 5000 });
    await expect.poll(() => agent.title()).toMatch(/^\(\d+\)/);
    await shot(agent, 'agent-waiting');
  });

  it('the agent accepts and replies; typing and read receipts show on both sides', async () => {
    await agent.getByTestId('conv-row').filter({ hasText: 'size 44' }).click();
    await agent.getByTestId('accept').click();
    await visitor.getByText('Alice joined the chat').waitFor();

    // visitor typing → agent
    await visitor.getByTestId('composer').pressSequentially('are you', { delay: 30 });
    await agent.getByTestId('typing').waitFor({ timeout: 5000 });
    await visitor.getByTestId('composer').fill('');

    // agent typing → visitor, then the reply
    await agent.getByTestId('composer').pressSequentially('Yes we', { delay: 30 });
    await visitor.getByTestId('typing').waitFor({ timeout: 5000 });
    await agent.getByTestId('composer').fill('Yes, size 44 is in stock.');
    await agent.getByTestId('composer').press('Enter');
    const reply = visitor.getByTestId('message').filter({ hasText: 'size 44 is in stock' });
    await reply.waitFor();

    // the agent has the chat open, so the visitor's message reads ✓✓; the widget is open, so the agent's too
    await expect.poll(() => visitor.getByTestId('message').filter({ hasText: 'Hi, do these boots' }).getByTestId('receipt').textContent(), { timeout: 5000 }).toBe('✓✓');
    await expect.poll(() => agent.getByTestId('message').filter({ hasText: 'size 44 is in stock' }).getByTestId('receipt').textContent(), { timeout: 5000 }).toBe('✓✓');
    await shot(agent, 'agent-conversation');
    await shot(visitor, 'visitor-conversation');
  });

  it('the visitor reloads the page and gets the conversation back', async () => {
    await visitor.reload();
    await visitor.getByTestId('launcher').click();
    await visitor.getByTestId('message').filter({ hasText: 'size 44 is in stock' }).waitFor();
    await visitor.getByTestId('message').filter({ hasText: 'Hi, do these boots' }).waitFor();
    // and it keeps working after the reload
    await visitor.getByTestId('composer').fill('Great, thanks!');
    await visitor.getByTestId('composer').press('Enter');
    await agent.getByTestId('message').filter({ hasText: 'Great, thanks!' }).waitFor();
  });

  it('the agent sets a status and closes the chat; the visitor sees it ended', async () => {
    await agent.getByTestId('status-select').selectOption('away');
    await expect.poll(() => agent.getByTestId('status-select').inputValue()).toBe('away');
    await agent.getByTestId('close-conversation').click();
    await visitor.getByTestId('chat-ended').waitFor({ timeout: 5000 });
    await agent.getByTestId('tab-closed').click();
    await agent.getByTestId('conv-row').filter({ hasText: 'Alice ended the chat' }).waitFor();
    await shot(visitor, 'visitor-ended');
  });

  it('on a phone the open widget fills the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    const page = await phone.newPage();
    await page.goto(host.url + '/');
    await page.getByTestId('launcher').click();
    await page.getByTestId('composer').waitFor();
    await shot(page, 'visitor-phone');
    const box = await page.getByTestId('chat-window').boundingBox();
    expect(box && Math.round(box.width)).toBe(375);
    expect(box && Math.round(box.height)).toBeGreaterThanOrEqual(700);
    await phone.close();
  });

  it('a page on a domain the site does not allow gets no chat and creates no visitor', async () => {
    const page = await visitorCtx.newPage();
    const before = (await server.ctx.db.select().from(visitors)).length;
    const other = host.url.replace('localhost', '127.0.0.1'); // same page, a host name not in the site's domains
    await page.goto(other + '/');
    await page.waitForTimeout(1500);
    const launcher = page.getByTestId('launcher');
    if (await launcher.isVisible()) {
      await launcher.click();
      const composer = page.getByTestId('composer');
      if (await composer.isVisible()) {
        await composer.fill('hello?');
        await composer.press('Enter');
        await page.waitForTimeout(1000);
      }
    }
    expect((await server.ctx.db.select().from(visitors)).length).toBe(before);
    await page.close();
  });
});
