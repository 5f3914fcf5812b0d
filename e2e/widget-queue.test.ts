import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import type { Ack, DepartmentDto, MessageDto } from '@parley/protocol';
import { conversations } from '../apps/server/src/db/schema';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { api, connectAgent, login, type ClientSocket, type Session } from '../apps/server/src/test/clients';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn, startHostSite } from './browser';

/**
 * The visitor's side of the agent workspace, in Chromium on a customer's page (another
 * origin): the place in line while queued (live), the team picker, and a chat with two
 * agents whose names the visitor sees.
 */
describe('widget: queue, departments, several agents', () => {
  let server: TestServer;
  let browser: Browser;
  let queueSite: Awaited<ReturnType<typeof buildSite>>;
  let teamSite: Awaited<ReturnType<typeof buildSite>>;
  let queueHost: Awaited<ReturnType<typeof startHostSite>>;
  let teamHost: Awaited<ReturnType<typeof startHostSite>>;
  let alice: { email: string; password: string; id: string };
  let bruno: { email: string; password: string; id: string };
  let agentCtx: BrowserContext;
  let agent: Page;
  const visitors: BrowserContext[] = [];
  const departments: DepartmentDto[] = [];

  /** A visitor on their own browser profile (own localStorage), on the given host page. */
  async function visitorPage(url: string, viewport = { width: 1100, height: 800 }) {
    const ctx = await browser.newContext({ viewport });
    visitors.push(ctx);
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByTestId('launcher').click();
    await page.getByTestId('composer').waitFor();
    return page;
  }

  async function send(page: Page, text: string) {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: text }).getByTestId('receipt').filter({ hasText: '✓' }).waitFor();
  }

  const queueLine = (page: Page) => page.getByTestId('queue-position');

  beforeAll(async () => {
    server = await startTestServer();
    // Manual routing (the default): chats wait until an agent accepts one.
    queueSite = await buildSite(server.ctx, { name: 'Queue shop', domains: ['localhost'], settings: { color: '#0f766e', welcomeText: 'Welcome to Queue shop!' } });
    teamSite = await buildSite(server.ctx, { name: 'Team shop', domains: ['localhost'], settings: { color: '#7c3aed' } });
    alice = await buildAgent(server.ctx, { siteIds: [queueSite.id, teamSite.id], name: 'Alice Agent', pseudoName: 'Alice' });
    bruno = await buildAgent(server.ctx, { siteIds: [queueSite.id, teamSite.id], name: 'Bruno Agent', pseudoName: 'Bruno' });
    const admin = await login(server, await buildAgent(server.ctx, { role: 'admin', name: 'Ada Admin' }));
    for (const name of ['Sales', 'Support']) {
      const r = await api(server, 'POST', '/api/departments', { cookie: admin.cookie, csrf: admin.csrf, body: { name, siteIds: [teamSite.id], agentIds: [alice.id] } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      departments.push(r.body.department);
    }
    queueHost = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${queueSite.widgetKey}" async></script>`);
    teamHost = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${teamSite.widgetKey}" async></script>`);
    browser = await launchBrowser();
    agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    agent = await agentCtx.newPage();
    await signIn(agent, server.url, alice);
  });
  afterAll(async () => {
    await browser?.close();
    await queueHost?.close();
    await teamHost?.close();
    await server?.close();
  });

  let first: Page;
  let second: Page;

  it('two queued visitors see their place in line; the second moves up live when the first is accepted', async () => {
    first = await visitorPage(queueHost.url + '/cart');
    // One team at most on this site: no picker.
    expect(await first.getByTestId('department-picker').count()).toBe(0);
    await send(first, 'First in line here');
    await expect.poll(() => queueLine(first).textContent(), { timeout: 10_000 }).toMatch(/You are number 1 in line/);

    second = await visitorPage(queueHost.url + '/checkout');
    await send(second, 'Second in line here');
    await expect.poll(() => queueLine(second).textContent(), { timeout: 10_000 }).toMatch(/You are number 2 in line( · )?(estimated wait ~\d+ min|An agent will be with you shortly)/);
    expect(await queueLine(second).getAttribute('data-position')).toBe('2');
    await shot(second, 'widget-queue-desktop');

    // The agent accepts the first chat from Waiting.
    await agent.getByTestId('conv-row').filter({ hasText: 'First in line here' }).click();
    await agent.getByTestId('accept').click();
    await first.getByText('Alice joined the chat').waitFor();
    await expect.poll(() => queueLine(first).count()).toBe(0);
    // …and the second visitor moves to number 1 without reloading.
    await expect.poll(() => queueLine(second).textContent(), { timeout: 10_000 }).toMatch(/You are number 1 in line/);
    await shot(second, 'widget-queue-moved-up');
  });

  it('on a phone the place in line shows in the full-screen chat', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    visitors.push(phone);
    const page = await phone.newPage();
    await page.goto(queueHost.url + '/');
    await page.getByTestId('launcher').click();
    await send(page, 'Waiting on my phone');
    await expect.poll(() => queueLine(page).textContent(), { timeout: 10_000 }).toMatch(/You are number 2 in line/);
    const line = await queueLine(page).boundingBox();
    expect(line && Math.round(line.width)).toBe(390);
    await shot(page, 'widget-queue-phone');
  });

  it('with two departments the visitor picks one before the first message, and the chat carries it', async () => {
    const page = await visitorPage(teamHost.url + '/help');
    const picker = page.getByTestId('department-picker');
    await picker.waitFor();
    expect(await picker.getByTestId('department').allTextContents()).toEqual(['Sales', 'Support']);
    await shot(page, 'widget-departments');
    const support = picker.getByTestId('department').filter({ hasText: 'Support' });
    await support.click();
    expect(await support.getAttribute('aria-pressed')).toBe('true');
    await send(page, 'A question for support');
    // The picker is for new chats only.
    await expect.poll(() => picker.count()).toBe(0);

    await agent.getByTestId('tab-waiting').click();
    const row = agent.getByTestId('conv-row').filter({ hasText: 'A question for support' });
    await row.waitFor({ timeout: 10_000 });
    const [conv] = await server.ctx.db.select().from(conversations).where(eq(conversations.siteId, teamSite.id));
    expect(conv?.departmentId).toBe(departments.find((d) => d.name === 'Support')!.id);
    // What the dashboard receives for that chat.
    const session = await login(server, alice);
    const listed = await api(server, 'GET', `/api/conversations?status=waiting&departmentId=${conv!.departmentId}`, { cookie: session.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.conversations.map((c: { id: string }) => c.id)).toContain(conv!.id);
    await shot(page, 'widget-department-sent');

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    visitors.push(phone);
    const small = await phone.newPage();
    await small.goto(teamHost.url + '/');
    await small.getByTestId('launcher').click();
    await small.getByTestId('department-picker').waitFor();
    await small.waitForTimeout(300); // the window's opening animation
    await shot(small, 'widget-departments-phone');
  });

  it('a second agent who joins shows with their own name and colour; notes never reach the visitor', async () => {
    const conv = (await server.ctx.db.select().from(conversations).where(eq(conversations.siteId, queueSite.id))).find((c) => c.assignedAgentId === alice.id)!;
    await agent.goto(`${server.url}/inbox/active/${conv.id}`);
    await agent.getByTestId('composer').fill('Hello, Alice here. How can I help?');
    await agent.getByTestId('composer').press('Enter');
    const fromAlice = first.getByTestId('message').filter({ hasText: 'Alice here' });
    await fromAlice.waitFor();

    const session: Session = await login(server, bruno);
    const joined = await api(server, 'POST', `/api/conversations/${conv.id}/join`, { cookie: session.cookie, csrf: session.csrf, body: {} });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    await first.getByText('Bruno joined the chat').waitFor();

    const socket: ClientSocket = await connectAgent(server, session);
    const emit = (body: string, kind?: 'note') =>
      new Promise<Ack<{ message: MessageDto }>>((resolve) => socket.emit('message', { conversationId: conv.id, clientId: `bruno-${Date.now()}-${body.length}`, body, ...(kind ? { kind } : {}) }, resolve));
    expect((await emit('Internal: this customer is a VIP', 'note')).ok).toBe(true);
    expect((await emit('Hi, Bruno from billing joining in.')).ok).toBe(true);
    const fromBruno = first.getByTestId('message').filter({ hasText: 'Bruno from billing' });
    await fromBruno.waitFor();

    expect(await fromAlice.getByTestId('sender-name').textContent()).toBe('Alice');
    expect(await fromBruno.getByTestId('sender-name').textContent()).toBe('Bruno');
    const color = (el: typeof fromAlice) => el.getByTestId('sender-name').evaluate((e) => getComputedStyle(e).color);
    expect(await color(fromAlice)).not.toBe(await color(fromBruno));
    // The event line is centred text, not a bubble from someone.
    expect(await first.getByTestId('message').filter({ hasText: 'Bruno joined the chat' }).getByTestId('sender-name').count()).toBe(0);
    expect(await first.getByTestId('message-list').textContent()).not.toContain('VIP');
    await shot(first, 'widget-two-agents');

    // After a reload (everything from the server again) the note is still absent.
    await first.reload();
    await first.getByTestId('launcher').click();
    await first.getByTestId('message').filter({ hasText: 'Bruno from billing' }).waitFor();
    expect(await first.getByTestId('message-list').textContent()).not.toContain('VIP');
    socket.disconnect();
  });
});
