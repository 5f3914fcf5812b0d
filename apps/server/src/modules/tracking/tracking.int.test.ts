import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LiveVisitorDto, VisitorSelfDto } from '@parley/protocol';
import { appSettings, pageViews, visitors, visitorSessions } from '../../db/schema';
import { api, call, connectAgent, eventually, login, record, type ClientSocket } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { dailySalt } from '../visitors/anon';
import { GEOIP_FIXTURE, UA, widgetSocket, widgetVisitor, type TestBrowser } from './testing';

let server: TestServer;
let site: Awaited<ReturnType<typeof buildSite>>;
const open: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', GEOIP_DB_PATH: GEOIP_FIXTURE } });
  site = await buildSite(server.ctx);
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

let n = 0;
/** A browser with its own address, so tests never share an anonymous visitor. */
const browser = (over: Partial<TestBrowser> = {}): TestBrowser => ({ ip: `198.51.100.${++n}`, ua: UA.chromeWindows, ...over });

async function onPage(s: ClientSocket, url: string, extra: { title?: string; referrer?: string } = {}) {
  const r = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:page', { url, title: extra.title ?? '', referrer: extra.referrer ?? '' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data.visitor;
}

async function sessionsOf(visitorId: string) {
  return server.ctx.db.select().from(visitorSessions).where(eq(visitorSessions.visitorId, visitorId)).orderBy(desc(visitorSessions.startedAt));
}

async function track(b: TestBrowser, siteKey = site.widgetKey, persistent = true) {
  const v = await widgetVisitor(server, siteKey, b, persistent);
  const s = await widgetSocket(server, v, b);
  open.push(s);
  return { v, s };
}

describe('visitor creation and cookieless page-history continuity', () => {
  const visitorRow = async (id: string) => (await server.ctx.db.select().from(visitors).where(eq(visitors.id, id)))[0];

  /** A tracked page load that stores nothing: the widget connects and reports the page. */
  async function anonymousPage(b: TestBrowser, url: string) {
    const v = await widgetVisitor(server, site.widgetKey, b, false);
    const s = await widgetSocket(server, v, b);
    open.push(s);
    await onPage(s, url);
    return { v, s };
  }

  async function leave(s: ClientSocket, visitorId: string) {
    s.close();
    await eventually(async () => (await sessionsOf(visitorId))[0]?.endedAt, 'session end on disconnect');
  }

  it('a second page load gets a new visitor; the offline, untouched earlier one is merged into it and its credentials stop working', async () => {
    const b = browser();
    const first = await anonymousPage(b, 'https://shop.example/');
    await server.ctx.db.update(visitors).set({ visitCount: 3 }).where(eq(visitors.id, first.v.visitorId));
    const before = await visitorRow(first.v.visitorId);
    await leave(first.s, first.v.visitorId);

    const again = await widgetVisitor(server, site.widgetKey, b, false);
    expect(again.visitorId).not.toBe(first.v.visitorId);
    expect(again.token).not.toBe(first.v.token);
    // The old credentials reach nobody: their visitor is gone, and they are not the new one's.
    expect(await visitorRow(first.v.visitorId)).toBeUndefined();
    await expect(widgetSocket(server, first.v, b)).rejects.toThrow(/Unknown visitor/);
    await expect(widgetSocket(server, { ...again, token: first.v.token }, b)).rejects.toThrow(/Unknown visitor/);

    // The page history continues on the new visitor: same visit, visit count and first seen carried over.
    expect(await visitorRow(again.visitorId)).toMatchObject({ visitCount: 3, firstSeenAt: before!.firstSeenAt, browser: 'Chrome 120', anonKey: expect.any(String) });
    const s = await widgetSocket(server, again, b);
    open.push(s);
    const self = await onPage(s, 'https://shop.example/boots');
    expect(self).toMatchObject({ id: again.visitorId, visitCount: 3, session: { pagesViewed: 2 } });
    const sessions = await sessionsOf(again.visitorId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ landingUrl: 'https://shop.example/', currentUrl: 'https://shop.example/boots', endedAt: null });
    const views = await server.ctx.db.select().from(pageViews).where(eq(pageViews.visitorId, again.visitorId)).orderBy(pageViews.enteredAt);
    expect(views.map((p) => p.url)).toEqual(['https://shop.example/', 'https://shop.example/boots']);

    // Another browser (UA) behind the same address, and a persistent creation, never absorb anyone.
    await leave(s, again.visitorId);
    const other = await widgetVisitor(server, site.widgetKey, { ...b, ua: UA.firefoxLinux }, false);
    const persistent = await widgetVisitor(server, site.widgetKey, b, true);
    expect(new Set([other.visitorId, persistent.visitorId, again.visitorId]).size).toBe(3);
    expect(await visitorRow(again.visitorId)).toBeDefined();
    expect(await sessionsOf(again.visitorId)).toHaveLength(1);
  });

  it('leaves an earlier visitor alone while they are online or once they interacted', async () => {
    const b = browser();
    // Still online (another person behind the same address, same browser; or another tab).
    const online = await anonymousPage(b, 'https://shop.example/');
    const second = await widgetVisitor(server, site.widgetKey, b, false);
    expect(second.visitorId).not.toBe(online.v.visitorId);
    expect(await sessionsOf(online.v.visitorId)).toHaveLength(1);
    expect(await sessionsOf(second.visitorId)).toHaveLength(0);
    expect(await visitorRow(second.visitorId)).toMatchObject({ visitCount: 1, browser: null });
    const state = await call<{ visitor: VisitorSelfDto }>(online.s, 'visitor:state', {});
    expect(state.ok && state.data.visitor.id).toBe(online.v.visitorId);
    open.push(await widgetSocket(server, online.v, b));

    // Interacted (sent a message), then left: their chat is never handed to the next page load.
    const c = browser();
    const talker = await anonymousPage(c, 'https://shop.example/help');
    const sent = await call(talker.s, 'message', { clientId: 'c-anon-1', body: 'Hello' });
    expect(sent.ok).toBe(true);
    expect((await visitorRow(talker.v.visitorId))!.anonKey).toBeNull();
    await leave(talker.s, talker.v.visitorId);
    const next = await widgetVisitor(server, site.widgetKey, c, false);
    expect(next.visitorId).not.toBe(talker.v.visitorId);
    expect(await sessionsOf(talker.v.visitorId)).toHaveLength(1);
    expect(await sessionsOf(next.visitorId)).toHaveLength(0);
    // The talker's own credentials still work, for the talker only.
    open.push(await widgetSocket(server, talker.v, c));
    await expect(widgetSocket(server, { ...next, token: talker.v.token }, c)).rejects.toThrow(/Unknown visitor/);
  });

  it('a visitor whose widget has not connected yet is not absorbed (until the grace passed)', async () => {
    const b = browser();
    const pending = await widgetVisitor(server, site.widgetKey, b, false);
    const second = await widgetVisitor(server, site.widgetKey, b, false);
    expect(await visitorRow(pending.visitorId)).toBeDefined();
    open.push(await widgetSocket(server, pending, b));
    // Never connected for three minutes: gone; the newest such visitor is absorbed.
    await server.ctx.db.update(visitors).set({ lastSeenAt: new Date(Date.now() - 3 * 60_000) }).where(eq(visitors.id, second.visitorId));
    const third = await widgetVisitor(server, site.widgetKey, b, false);
    expect(await visitorRow(second.visitorId)).toBeUndefined();
    expect(await visitorRow(pending.visitorId)).toBeDefined();
    expect(third.visitorId).not.toBe(second.visitorId);
  });

  it('two page loads of one browser at once get two visitors', async () => {
    const b = browser();
    const [x, y] = await Promise.all([widgetVisitor(server, site.widgetKey, b, false), widgetVisitor(server, site.widgetKey, b, false)]);
    expect(x.visitorId).not.toBe(y.visitorId);
    for (const v of [x, y]) open.push(await widgetSocket(server, v, b));
    expect(await visitorRow(x.visitorId)).toBeDefined();
    expect(await visitorRow(y.visitorId)).toBeDefined();

    // With an absorbable earlier visitor, exactly one of two simultaneous loads takes it over.
    const c = browser();
    const gone = await anonymousPage(c, 'https://shop.example/');
    await leave(gone.s, gone.v.visitorId);
    const pair = await Promise.all([widgetVisitor(server, site.widgetKey, c, false), widgetVisitor(server, site.widgetKey, c, false)]);
    expect(pair[0].visitorId).not.toBe(pair[1].visitorId);
    expect(await visitorRow(gone.v.visitorId)).toBeUndefined();
    const histories = await Promise.all(pair.map(async (v) => (await sessionsOf(v.visitorId)).length));
    expect(histories.sort()).toEqual([0, 1]);
    for (const v of pair) open.push(await widgetSocket(server, v, c));
  });

  it('keeps one daily salt in app_settings for every node, replaced (not kept) the next day', async () => {
    const salt = async () => (await server.ctx.db.select().from(appSettings).where(eq(appSettings.key, 'anon_salt')))[0]!.value as { day: string; salt: string };
    const today = await salt();
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(await dailySalt(server.ctx.db)).toBe(today.salt);
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const next = await dailySalt(server.ctx.db, tomorrow);
    expect(next).not.toBe(today.salt);
    expect(await salt()).toEqual({ day: tomorrow.toISOString().slice(0, 10), salt: next });
    // A node whose clock is still on yesterday keeps using the stored, newer salt.
    expect(await dailySalt(server.ctx.db, new Date())).toBe(next);
  });

  it('refuses a bad body and an unknown site without creating anything', async () => {
    const b = browser();
    const bad = await api(server, 'POST', '/api/widget/visitors', { body: { siteKey: site.widgetKey, persistent: 'yes' }, origin: 'http://127.0.0.1:5555', headers: { 'x-forwarded-for': b.ip } });
    expect(bad.status).toBe(400);
    const unknown = await api(server, 'POST', '/api/widget/visitors', { body: { siteKey: 'nope-nope-nope', persistent: false }, origin: 'http://127.0.0.1:5555', headers: { 'x-forwarded-for': b.ip } });
    expect(unknown.status).toBe(404);
  });
});

describe('sessions and page views', () => {
  it('a persistent visitor reconnects with its stored credentials and keeps its session', async () => {
    const b = browser();
    const { v, s } = await track(b);
    await onPage(s, 'https://shop.example/');
    s.close();
    await eventually(async () => (await sessionsOf(v.visitorId))[0]?.endedAt, 'session end on disconnect');
    const again = await widgetSocket(server, v, b);
    open.push(again);
    await eventually(async () => (await sessionsOf(v.visitorId))[0]?.endedAt === null, 'session resumed on reconnect');
    const self = await onPage(again, 'https://shop.example/boots');
    expect(self.session?.pagesViewed).toBe(2);
    expect(await sessionsOf(v.visitorId)).toHaveLength(1);
  });

  it('records landing page, referrer, UTM, page views with time spent, and the previous page leftAt', async () => {
    const { v, s } = await track(browser());
    const self = await onPage(s, 'https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=spring', { title: 'Home', referrer: 'https://www.google.com/' });
    expect(self.session).toEqual({ pagesViewed: 1, referrer: 'https://www.google.com/', utmSource: 'newsletter' });
    // Sixty seconds on the home page.
    await server.ctx.db.update(pageViews).set({ enteredAt: new Date(Date.now() - 60_000) }).where(eq(pageViews.visitorId, v.visitorId));
    const second = await onPage(s, 'https://shop.example/boots', { title: 'Boots', referrer: 'https://shop.example/' });
    expect(second.session).toEqual({ pagesViewed: 2, referrer: 'https://www.google.com/', utmSource: 'newsletter' });
    // The same page again while it is open (a reconnect, a second tab) is not a new view.
    await onPage(s, 'https://shop.example/boots', { title: 'Boots' });

    const [session] = await sessionsOf(v.visitorId);
    expect(session).toMatchObject({ landingUrl: 'https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=spring', currentUrl: 'https://shop.example/boots', currentTitle: 'Boots', pageViews: 2, utmMedium: 'email', utmCampaign: 'spring' });
    const views = await server.ctx.db.select().from(pageViews).where(eq(pageViews.sessionId, session!.id)).orderBy(pageViews.enteredAt);
    expect(views.map((p) => [p.url, p.title, p.leftAt === null])).toEqual([
      ['https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=spring', 'Home', false],
      ['https://shop.example/boots', 'Boots', true],
    ]);
    const spent = (views[0]!.leftAt!.getTime() - views[0]!.enteredAt.getTime()) / 1000;
    expect(spent).toBeGreaterThanOrEqual(59);
    expect(spent).toBeLessThan(70);
  });

  it('a visit after 30 minutes of inactivity is a new session of a returning visitor', async () => {
    const { v, s } = await track(browser());
    const first = await onPage(s, 'https://shop.example/');
    expect(first.visitCount).toBe(1);
    await server.ctx.db.update(visitorSessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(visitorSessions.visitorId, v.visitorId));
    const back = await onPage(s, 'https://shop.example/sale', { referrer: 'https://news.example/' });
    expect(back.visitCount).toBe(2);
    expect(back.session).toEqual({ pagesViewed: 1, referrer: 'https://news.example/', utmSource: null });
    const sessions = await sessionsOf(v.visitorId);
    expect(sessions).toHaveLength(2);
    // The timed-out visit ended when last seen; its page view closed then too.
    expect(sessions[1]!.endedAt?.getTime()).toBe(sessions[1]!.lastSeenAt.getTime());
  });

  it('parses the user agent and looks up the place through the trusted proxy (X-Forwarded-For)', async () => {
    const { v, s } = await track(browser({ ip: '81.2.69.160', ua: UA.iphone }));
    await onPage(s, 'https://shop.example/');
    const [row] = await server.ctx.db.select().from(visitors).where(eq(visitors.id, v.visitorId));
    expect(row).toMatchObject({ browser: 'Mobile Safari 17', os: 'iOS 17.1', device: 'mobile', country: 'United Kingdom', countryCode: 'GB', city: 'London', ip: '81.2.69.160' });
    const [session] = await sessionsOf(v.visitorId);
    expect(session).toMatchObject({ ip: '81.2.69.160', userAgent: UA.iphone });

    const swede = await track(browser({ ip: '89.160.20.112', ua: UA.ipad }));
    await onPage(swede.s, 'https://shop.example/');
    const [sw] = await server.ctx.db.select().from(visitors).where(eq(visitors.id, swede.v.visitorId));
    expect(sw).toMatchObject({ device: 'tablet', country: 'Sweden', countryCode: 'SE', city: 'Linköping' });
  });

  it('with tracking off for the site, visitor:page is acked but records nothing', async () => {
    const quiet = await buildSite(server.ctx, { settings: { tracking: { enabled: false, storeBeforeInteraction: false } } });
    const { v, s } = await track(browser(), quiet.widgetKey);
    const self = await onPage(s, 'https://quiet.example/?utm_source=x', { referrer: 'https://www.google.com/' });
    expect(self.session).toBeNull();
    expect(await sessionsOf(v.visitorId)).toHaveLength(0);
    expect(await server.ctx.db.select().from(pageViews).where(eq(pageViews.visitorId, v.visitorId))).toHaveLength(0);
    const [row] = await server.ctx.db.select().from(visitors).where(eq(visitors.id, v.visitorId));
    expect(row).toMatchObject({ browser: null, country: null });
  });

  it('bad page payloads are refused and change nothing', async () => {
    const { v, s } = await track(browser());
    for (const bad of [{ url: 'javascript:alert(1)' }, { url: 'not a url' }, { url: 'https://x.example/', title: 'x'.repeat(301) }, null]) {
      const r = await call(s, 'visitor:page', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation_failed');
    }
    expect(await sessionsOf(v.visitorId)).toHaveLength(0);
  });
});

describe('live visitors and presence', () => {
  it("shows a site's visitors live to that site's agents only, and their departure", async () => {
    const other = await buildSite(server.ctx);
    const mine = await buildAgent(server.ctx, { siteIds: [site.id] });
    const stranger = await buildAgent(server.ctx, { siteIds: [other.id] });
    const mySession = await login(server, mine);
    const strangerSession = await login(server, stranger);
    const a = await connectAgent(server, mySession);
    const b = await connectAgent(server, strangerSession);
    open.push(a, b);
    const seenByMine = record(a, ['visitor_activity']);
    const seenByStranger = record(b, ['visitor_activity']);

    const { v, s } = await track(browser({ ip: '81.2.69.7' }));
    await call(s, 'visitor:context', { cart: { total: 129.5, currency: 'eur', items: [{ name: 'Boots', quantity: 1, price: 129.5 }] } });
    await onPage(s, 'https://shop.example/boots', { title: 'Boots' });
    const live = await eventually(() => seenByMine.find((e) => e.e.data.id === v.visitorId && e.e.data.currentUrl === 'https://shop.example/boots'), 'visitor_activity for the page');
    const dto = live.e.data as LiveVisitorDto;
    expect(dto).toMatchObject({ siteId: site.id, online: true, currentTitle: 'Boots', pagesViewed: 1, visitCount: 1, cart: { total: 129.5, currency: 'EUR' }, geo: { city: 'London' }, device: { browser: 'Chrome 120' } });
    expect(live.e.conversationId).toBeNull();

    const list = await api(server, 'GET', `/api/visitors/live?siteId=${site.id}`, { cookie: mySession.cookie });
    expect(list.status).toBe(200);
    expect(list.body.visitors.find((x: LiveVisitorDto) => x.id === v.visitorId)).toMatchObject({ online: true, currentUrl: 'https://shop.example/boots' });
    const all = await api(server, 'GET', '/api/visitors/live', { cookie: mySession.cookie });
    expect(all.body.visitors.map((x: LiveVisitorDto) => x.id)).toContain(v.visitorId);
    // The other site's agent neither lists nor hears this visitor, and cannot ask for the site.
    const theirs = await api(server, 'GET', '/api/visitors/live', { cookie: strangerSession.cookie });
    expect(theirs.body.visitors.map((x: LiveVisitorDto) => x.id)).not.toContain(v.visitorId);
    expect((await api(server, 'GET', `/api/visitors/live?siteId=${site.id}`, { cookie: strangerSession.cookie })).status).toBe(404);

    const before = seenByMine.length;
    s.close();
    const left = await eventually(() => seenByMine.slice(before).find((e) => e.e.data.id === v.visitorId), 'visitor_activity on departure');
    expect(left.e.data).toMatchObject({ online: false, currentUrl: 'https://shop.example/boots' });
    const [session] = await sessionsOf(v.visitorId);
    expect(session!.endedAt).not.toBeNull();
    const views = await server.ctx.db.select().from(pageViews).where(eq(pageViews.sessionId, session!.id));
    expect(views.every((p) => p.leftAt)).toBe(true);
    const after = await api(server, 'GET', `/api/visitors/live?siteId=${site.id}`, { cookie: mySession.cookie });
    expect(after.body.visitors.map((x: LiveVisitorDto) => x.id)).not.toContain(v.visitorId);
    expect(seenByStranger.filter((e) => e.e.data.id === v.visitorId)).toEqual([]);
  });

  it('stays online while another tab is connected', async () => {
    const b = browser();
    const { v, s } = await track(b);
    const second = await widgetSocket(server, v, b);
    open.push(second);
    await onPage(s, 'https://shop.example/');
    s.close();
    await new Promise((r) => setTimeout(r, 150));
    expect((await sessionsOf(v.visitorId))[0]!.endedAt).toBeNull();
  });

  it('the sweeper keeps connected visitors live and ends sessions nobody heartbeats', async () => {
    const { v, s } = await track(browser());
    await onPage(s, 'https://shop.example/');
    // A visitor whose node died: their session was never ended and nobody heartbeats it.
    const ghost = await track(browser());
    await onPage(ghost.s, 'https://shop.example/');
    ghost.s.close();
    await eventually(async () => (await sessionsOf(ghost.v.visitorId))[0]?.endedAt, 'ghost disconnect handled');
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    await server.ctx.db.update(visitorSessions).set({ endedAt: null, lastSeenAt: fiveMinutesAgo }).where(eq(visitorSessions.visitorId, ghost.v.visitorId));
    await server.ctx.db.update(pageViews).set({ leftAt: null }).where(eq(pageViews.visitorId, ghost.v.visitorId));
    await server.ctx.db.update(visitorSessions).set({ lastSeenAt: fiveMinutesAgo }).where(eq(visitorSessions.visitorId, v.visitorId));
    // Sweeping is off here (SWEEP_INTERVAL_SECONDS=0): nothing heartbeats, so an open session is live however long ago it was seen.
    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    const listed = async () => (await api(server, 'GET', `/api/visitors/live?siteId=${site.id}`, { cookie: agent.cookie })).body.visitors.map((x: LiveVisitorDto) => x.id);
    expect(await listed()).toEqual(expect.arrayContaining([v.visitorId, ghost.v.visitorId]));
    // A disconnect that raced a reconnect ended the session of a visitor who is still connected.
    const racer = await track(browser());
    await onPage(racer.s, 'https://shop.example/race');
    await server.ctx.db.update(visitorSessions).set({ endedAt: new Date() }).where(eq(visitorSessions.visitorId, racer.v.visitorId));
    expect(await listed()).not.toContain(racer.v.visitorId);

    const r = await server.sweep();
    expect(r.visitorsLeft).toContain(ghost.v.visitorId);
    expect(r.visitorsLeft).not.toContain(v.visitorId);
    const [mine] = await sessionsOf(v.visitorId);
    expect(Date.now() - mine!.lastSeenAt.getTime()).toBeLessThan(10_000);
    const [gone] = await sessionsOf(ghost.v.visitorId);
    expect(gone!.endedAt?.getTime()).toBe(gone!.lastSeenAt.getTime());
    // Its open page view ends when the session was last seen.
    const ghostViews = await server.ctx.db.select().from(pageViews).where(eq(pageViews.visitorId, ghost.v.visitorId));
    expect(ghostViews.map((p) => p.leftAt?.getTime())).toEqual([fiveMinutesAgo.getTime()]);
    // The heartbeat resumed the connected visitor's session.
    expect((await sessionsOf(racer.v.visitorId))[0]!.endedAt).toBeNull();
    expect(await listed()).toEqual(expect.arrayContaining([v.visitorId, racer.v.visitorId]));
    expect(await listed()).not.toContain(ghost.v.visitorId);
  });
});
