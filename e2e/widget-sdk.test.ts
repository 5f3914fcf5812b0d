import { createHmac } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, desc, eq } from 'drizzle-orm';
import type { TriggerStatsDto, VisitorDetailDto } from '@parley/protocol';
import { conversations, messages, visitors } from '../apps/server/src/db/schema';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { api, call, connectAgent, login, type ClientSocket, type Session } from '../apps/server/src/test/clients';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, startHostSite } from './browser';

/**
 * The widget's JavaScript SDK, tracking, proactive prompts and reconnection, in Chromium on a
 * customer's page served from another origin than Parley.
 */

/** A TCP relay in front of the server: closing it is "the server is gone" for the browser, with the data kept. */
async function relay(target: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await start();
  return {
    url: () => `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server!.close(() => resolve());
      }),
    start,
  };
}

describe('widget SDK', () => {
  let server: TestServer;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let admin: Session;
  let agentSession: Session;
  let agentIo: ClientSocket;
  /** What the next page loads say before the snippet (SDK calls queued before load). */
  let before = '';
  /** Where the snippet loads the widget from (the server, or the relay). */
  let base = '';
  const contexts: BrowserContext[] = [];

  const STUB = `<script>window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};window.__events=[];
window.__rec=function(n){Parley('on',n,function(d){window.__events.push(d===undefined?[n]:[n,d])})};</script>`;

  /** Each visit is another person: own profile and user agent (the server recognises anonymous visitors by IP + user agent). */
  async function visit(path = '/', script = '') {
    before = script;
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 }, userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 ParleyE2E/${contexts.length + 1}` });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('Parley') && console.log('[page]', m.text()));
    await page.goto(host.url + path);
    return page;
  }

  const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: unknown[][] }).__events);
  const eventNames = async (page: Page) => (await events(page)).map((e) => e[0]);
  const parley = (page: Page, ...args: unknown[]) => page.evaluate((a) => (window as unknown as { Parley: (...x: unknown[]) => void }).Parley(...a), args);
  /** The visitor the page's browser is (tracking creates one at page load). */
  async function visitorOf(page: Page) {
    const ua = await page.evaluate(() => navigator.userAgent);
    const find = async () => (await server.ctx.db.select().from(visitors).where(and(eq(visitors.siteId, site.id), eq(visitors.userAgent, ua))).orderBy(desc(visitors.firstSeenAt)).limit(1))[0];
    await expect.poll(find, { timeout: 10_000 }).toBeTruthy();
    return (await find())!;
  }
  const detail = async (id: string) => {
    const r = await api(server, 'GET', `/api/visitors/${id}`, { cookie: admin.cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as VisitorDetailDto;
  };
  const storedVisitorId = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.visitorId as string | undefined, `parley:${site.widgetKey}`);
  async function send(page: Page, text: string) {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: text }).getByTestId('receipt').filter({ hasText: '✓' }).waitFor();
  }

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx, { name: 'SDK shop', domains: ['localhost'], settings: { color: '#0f766e', title: 'Shop team' } });
    const agent = await buildAgent(server.ctx, { siteIds: [site.id], name: 'Alice Agent', pseudoName: 'Alice' });
    agentSession = await login(server, agent);
    agentIo = await connectAgent(server, agentSession);
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin', name: 'Ada Admin' }));
    base = server.url;
    host = await startHostSite(() => `${STUB}${before}<script src="${base}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    agentIo?.disconnect();
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('runs commands queued before load in order; open/close/toggle/show/hide; on/off events', async () => {
    const page = await visit('/', `<script>__rec('ready');__rec('open');__rec('close');Parley('open');</script>`);
    await page.getByTestId('chat-window').waitFor();
    await expect.poll(() => eventNames(page)).toEqual(['open', 'ready']);

    await parley(page, 'close');
    await expect.poll(() => page.getByTestId('chat-window').count()).toBe(0);
    await parley(page, 'toggle');
    await page.getByTestId('chat-window').waitFor();
    await parley(page, 'toggle');
    await parley(page, 'hide');
    await expect.poll(() => page.getByTestId('launcher').isVisible()).toBe(false);
    await parley(page, 'show');
    await expect.poll(() => page.getByTestId('launcher').isVisible()).toBe(true);
    expect(await eventNames(page)).toEqual(['open', 'ready', 'close', 'open', 'close']);

    // off: a removed handler is not called again.
    await page.evaluate(() => {
      const w = window as unknown as { Parley: (...a: unknown[]) => void; __h: () => void; __events: unknown[][] };
      w.__h = () => w.__events.push(['h']);
      w.Parley('on', 'open', w.__h);
      w.Parley('open');
      w.Parley('close');
      w.Parley('off', 'open', w.__h);
      w.Parley('open');
    });
    expect((await eventNames(page)).slice(5)).toEqual(['open', 'h', 'close', 'open']);
    await shot(page, 'widget-sdk-open');
  });

  it('sendMessage sends as the visitor; message:sent, message:received and unread follow the chat', async () => {
    const page = await visit('/', `<script>__rec('message:sent');__rec('message:received');__rec('unread');</script>`);
    await page.getByTestId('launcher').waitFor();
    await expect.poll(() => page.evaluate(() => typeof (window as unknown as { Parley: { q?: unknown } }).Parley.q)).toBe('undefined'); // the app runs the calls now
    await parley(page, 'sendMessage', 'Hello from the SDK');
    await expect.poll(async () => (await events(page)).find((e) => e[0] === 'message:sent')?.[1], { timeout: 10_000 }).toMatchObject({ body: 'Hello from the SDK', senderType: 'visitor' });

    const visitor = await visitorOf(page);
    expect(await storedVisitorId(page)).toBe(visitor.id);
    const [conv] = await server.ctx.db.select().from(conversations).where(eq(conversations.visitorId, visitor.id));
    expect(conv).toBeDefined();
    const accepted = await api(server, 'POST', `/api/conversations/${conv!.id}/accept`, { cookie: agentSession.cookie, csrf: agentSession.csrf });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const reply = await call(agentIo, 'message', { conversationId: conv!.id, clientId: crypto.randomUUID(), body: 'Hi! How can I help?' });
    expect(reply.ok).toBe(true);

    await expect.poll(async () => (await events(page)).filter((e) => e[0] !== 'message:sent'), { timeout: 10_000 }).toEqual([
      ['unread', 1],
      ['message:received', expect.objectContaining({ body: 'Hi! How can I help?', senderType: 'agent', senderName: 'Alice', conversationId: conv!.id })],
    ]);
    await expect.poll(() => page.getByTestId('unread-badge').textContent()).toBe('1');
    await parley(page, 'open');
    await expect.poll(async () => (await events(page)).at(-1)).toEqual(['unread', 0]);
  });

  it('setContext, setAttributes, update and trackEvent reach the visitor record agents see', async () => {
    const page = await visit('/product/boots', `<script>Parley('setContext',{cart:{total:129.9,currency:'eur',items:[{name:'Boots',quantity:1,price:129.9}]}});Parley('setAttributes',{plan:'pro'});Parley('trackEvent','viewed_product',{sku:'B-44'});</script>`);
    await page.getByTestId('launcher').waitFor();
    // Tracking is on (the default): the visitor exists from the page load, nothing is stored on the device.
    const v = await visitorOf(page);
    await expect.poll(async () => (await detail(v.id)).context, { timeout: 10_000 }).toEqual({ cart: { total: 129.9, currency: 'EUR', items: [{ name: 'Boots', quantity: 1, price: 129.9 }] } });
    const d = await detail(v.id);
    expect(d.cart).toEqual({ total: 129.9, currency: 'EUR' });
    expect(d.attributes).toMatchObject({ plan: 'pro' });
    expect(d.events.map((e) => [e.name, e.properties])).toEqual([['viewed_product', { sku: 'B-44' }]]);
    expect(await storedVisitorId(page)).toBeUndefined();

    await parley(page, 'update', { name: 'Ada Lovelace', email: 'ada@example.com', attributes: { seats: 12 } });
    await expect.poll(async () => (await detail(v.id)).name).toBe('Ada Lovelace');
    expect((await detail(v.id)).attributes).toMatchObject({ plan: 'pro', seats: 12 });
  });

  it('identify with a valid hash verifies the visitor (and a second browser becomes that visitor); without one it stays unverified', async () => {
    const hash = createHmac('sha256', site.secret).update('user-42').digest('hex');
    const first = await visit('/', `<script>Parley('boot',{user:{id:'user-42',name:'Grace Hopper',email:'grace@example.com',hash:'${hash}'}});</script>`);
    await first.getByTestId('launcher').waitFor();
    const v1 = await visitorOf(first);
    await expect.poll(async () => (await detail(v1.id)).verified, { timeout: 10_000 }).toBe(true);
    expect((await detail(v1.id)).externalId).toBe('user-42');
    await first.getByTestId('launcher').click();
    await send(first, 'Question from Grace on her laptop');

    // The same user on another device: merged into the verified visitor, whose chat the widget now shows.
    const second = await visit('/', `<script>Parley('identify',{id:'user-42',hash:'${hash}'});</script>`);
    await second.getByTestId('launcher').click();
    await second.getByTestId('message').filter({ hasText: 'Question from Grace on her laptop' }).waitFor({ timeout: 10_000 });
    await send(second, 'And from her phone');
    expect(await storedVisitorId(second)).toBe(v1.id);

    const third = await visit('/', `<script>Parley('identify',{id:'user-42',name:'Mallory'});</script>`);
    await third.getByTestId('launcher').waitFor();
    const v3 = await visitorOf(third);
    expect(v3.id).not.toBe(v1.id);
    await expect.poll(async () => (await detail(v3.id)).attributes, { timeout: 10_000 }).toMatchObject({ unverifiedUserId: 'user-42' });
    const d3 = await detail(v3.id);
    expect(d3.verified).toBe(false);
    expect(d3.name).toBe('Mallory');
    expect((await detail(v1.id)).name).toBe('Grace Hopper');
  });

  it('shutdown forgets the visitor: the next message starts a new visitor', async () => {
    const page = await visit('/');
    await page.getByTestId('launcher').click();
    await send(page, 'Before logging out');
    const before = await storedVisitorId(page);
    expect(before).toBeTruthy();
    await parley(page, 'shutdown');
    expect(await storedVisitorId(page)).toBeUndefined();
    await page.getByTestId('launcher').click();
    await expect.poll(() => page.getByTestId('message').filter({ hasText: 'Before logging out' }).count()).toBe(0);
    await send(page, 'After logging out');
    const after = await storedVisitorId(page);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const [m] = await server.ctx.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.body, 'After logging out'));
    const [c] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, m!.conversationId));
    expect(c!.visitorId).toBe(after);
  });

  it('records page views of SPA navigation (pushState, back)', async () => {
    const page = await visit('/spa/home');
    await page.getByTestId('launcher').waitFor();
    const v = await visitorOf(page);
    // The landing page is reported once the socket is up (a page left before that is not).
    await expect.poll(async () => (await detail(v.id)).sessions[0]?.pageViews.length, { timeout: 10_000 }).toBe(1);
    await page.evaluate(() => {
      history.pushState({}, '', '/spa/pricing');
      document.title = 'Pricing';
    });
    await page.waitForTimeout(400);
    await page.evaluate(() => history.replaceState({ tab: 2 }, '', '/spa/pricing')); // the same URL: not a page view
    await page.evaluate(() => history.back());
    await expect
      .poll(async () => (await detail(v.id)).sessions[0]?.pageViews.map((p) => [new URL(p.url).pathname, p.title]), { timeout: 10_000 })
      .toEqual([
        ['/spa/home', 'Host shop'],
        ['/spa/pricing', 'Pricing'],
        ['/spa/home', 'Pricing'],
      ]);
  });

  describe('proactive prompt', () => {
    let triggerId = '';
    beforeAll(async () => {
      const r = await api(server, 'POST', `/api/sites/${site.id}/triggers`, {
        cookie: admin.cookie,
        csrf: admin.csrf,
        // Up to 10 times a session: only the dismissal keeps it away after a reload.
        body: {
          name: 'Help on product pages',
          conditions: [{ type: 'time_on_page', seconds: 1 }, { type: 'url', op: 'contains', value: '/product' }],
          message: 'Need help choosing a size?',
          frequency: { max: 10, per: 'session' },
        },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      triggerId = r.body.trigger.id;
    });

    it('slides in after 1 s; accepting opens the chat with its message, and the chat counts for the trigger', async () => {
      const page = await visit('/product/boots');
      const prompt = page.getByTestId('trigger-prompt');
      await prompt.waitFor({ timeout: 10_000 });
      expect(await prompt.textContent()).toContain('Need help choosing a size?');
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true); // focus not stolen
      await shot(page, 'widget-trigger-prompt');
      await page.getByTestId('trigger-accept').click();
      await page.getByTestId('chat-window').waitFor();
      expect(await page.getByTestId('greeting').textContent()).toContain('Need help choosing a size?');
      await send(page, 'Yes, size 44 please');

      const visitorId = (await storedVisitorId(page))!;
      const [conv] = await server.ctx.db.select().from(conversations).where(eq(conversations.visitorId, visitorId));
      expect(conv!.triggerId).toBe(triggerId);
      const first = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, conv!.id)).orderBy(messages.seq);
      expect(first.map((m) => [m.senderType, m.body])).toEqual([
        ['bot', 'Need help choosing a size?'],
        ['visitor', 'Yes, size 44 please'],
      ]);
      const stats = await api(server, 'GET', `/api/sites/${site.id}/triggers/stats`, { cookie: admin.cookie });
      expect(stats.status).toBe(200);
      expect(stats.body.stats.find((s: TriggerStatsDto) => s.triggerId === triggerId)).toMatchObject({ shown: 1, accepted: 1, chats: 1 });
    });

    it('a dismissed prompt is not shown again after a reload', async () => {
      const page = await visit('/product/jacket');
      await page.getByTestId('trigger-prompt').waitFor({ timeout: 10_000 });
      await page.getByTestId('trigger-dismiss').click();
      await expect.poll(() => page.getByTestId('trigger-prompt').count()).toBe(0);
      await page.reload();
      await page.getByTestId('launcher').waitFor();
      await page.waitForTimeout(2_500);
      expect(await page.getByTestId('trigger-prompt').count()).toBe(0);
      const stats = await api(server, 'GET', `/api/sites/${site.id}/triggers/stats`, { cookie: admin.cookie });
      expect(stats.body.stats.find((s: TriggerStatsDto) => s.triggerId === triggerId)).toMatchObject({ dismissed: 1 });
    });
  });

  it('shows Reconnecting… while the server is away, and a message typed meanwhile is delivered once after it is back', async () => {
    const gateway = await relay(Number(new URL(server.url).port));
    base = gateway.url();
    try {
      const page = await visit('/');
      await page.getByTestId('launcher').click();
      await send(page, 'Before the outage');
      await gateway.stop();
      const banner = page.getByTestId('connection-state');
      await expect.poll(() => banner.getAttribute('data-state'), { timeout: 10_000 }).toBe('reconnecting');
      expect(await banner.textContent()).toBe('Reconnecting…');
      await page.getByTestId('composer').fill('Typed while offline');
      await page.getByTestId('composer').press('Enter');
      await page.waitForTimeout(1_000);
      await gateway.start();
      await page.getByTestId('message').filter({ hasText: 'Typed while offline' }).getByTestId('receipt').filter({ hasText: '✓' }).waitFor({ timeout: 20_000 });
      await expect.poll(() => banner.count()).toBe(0);
      const stored = await server.ctx.db.select().from(messages).where(eq(messages.body, 'Typed while offline'));
      expect(stored).toHaveLength(1);
    } finally {
      await gateway.stop().catch(() => {});
      base = server.url;
    }
  });
});
