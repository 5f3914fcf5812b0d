import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto, VisitorSelfDto, WidgetConfigDto } from '@parley/protocol';
import { sites, visitors } from '../../db/schema';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, sleep, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

const ORIGIN = 'http://127.0.0.1:5555';
const allDay = [{ from: '00:00', to: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
const todayUtc = () => new Date().toISOString().slice(0, 10);

describe('site settings, availability and the pre-chat form', () => {
  let server: TestServer;
  let admin: Session;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    // An online admin serves every site: take them out of the availability answers.
    await api(server, 'PUT', '/api/me/status', { cookie: admin.cookie, csrf: admin.csrf, body: { status: 'offline' } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  const config = async (siteKey: string) => (await api(server, 'GET', `/api/widget/config?siteKey=${siteKey}`, { origin: ORIGIN })).body as WidgetConfigDto;
  async function visitorOf(siteKey: string) {
    const v = await createVisitor(server, siteKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    return { v, s };
  }

  it('validates new settings sections with 400 and the zod message, changing nothing', async () => {
    const site = await buildSite(server.ctx);
    const put = (settings: unknown) => api(server, 'PUT', `/api/sites/${site.id}`, { cookie: admin.cookie, csrf: admin.csrf, body: { settings } });
    const before = (await api(server, 'GET', `/api/sites/${site.id}`, { cookie: admin.cookie })).body.site.settings;
    const cases: [unknown, RegExp][] = [
      [{ businessHours: { enabled: true, timezone: 'Mars/Olympus' } }, /Unknown time zone/],
      [{ businessHours: { enabled: true, weekly: { ...everyDay, mon: [{ from: '18:00', to: '09:00' }] } } }, /A range must end after it starts/],
      [{ businessHours: { weekly: { ...everyDay, tue: [{ from: '9:00', to: '17:00' }] } } }, /Time must look like 09:30/],
      [{ preChatForm: { enabled: true, fields: [{ key: 'service', type: 'select', label: 'Service', options: [] }] } }, /A dropdown needs at least one option/],
      [{ preChatForm: { fields: [{ key: 'a', type: 'email', label: 'A' }, { key: 'b', type: 'email', label: 'B' }] } }, /can each appear only once/],
    ];
    for (const [settings, message] of cases) {
      const r = await put(settings);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.message).toMatch(message);
    }
    expect((await api(server, 'GET', `/api/sites/${site.id}`, { cookie: admin.cookie })).body.site.settings).toEqual(before);

    const ok = await put({ businessHours: { enabled: true, timezone: 'Europe/Paris' }, greeting: { enabled: true, message: 'Bonjour !' } });
    expect(ok.status).toBe(200);
    expect(ok.body.site.settings).toMatchObject({ businessHours: { enabled: true, timezone: 'Europe/Paris', weekly: { sat: [] } }, greeting: { message: 'Bonjour !' }, away: { enabled: false } });
  });

  it('reads sites stored before the new sections with their defaults; only admins see the identity secret', async () => {
    const site = await buildSite(server.ctx);
    await server.ctx.db.update(sites).set({ settings: { color: '#112233' } as never }).where(eq(sites.id, site.id));
    const r = await api(server, 'GET', `/api/sites/${site.id}`, { cookie: admin.cookie });
    expect(r.body.site.settings).toMatchObject({ color: '#112233', greeting: { enabled: true }, businessHours: { enabled: false, timezone: 'UTC' }, tracking: { enabled: true } });
    expect(r.body.site.identitySecret).toBe(site.secret);
    expect((await config(site.widgetKey)).settings.preChatForm.enabled).toBe(false);

    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    const seen = await api(server, 'GET', `/api/sites/${site.id}`, { cookie: agent.cookie });
    expect(seen.status).toBe(200);
    expect(seen.body.site).not.toHaveProperty('identitySecret');
    const manager = await login(server, await buildAgent(server.ctx, { role: 'manager' }));
    const list = await api(server, 'GET', '/api/sites', { cookie: manager.cookie });
    expect(list.body.sites.every((s: object) => !('identitySecret' in s))).toBe(true);
    await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status: 'offline' } });
  });

  it('widget config says closed (with the next opening), no_agents, then open', async () => {
    const closed = await buildSite(server.ctx, { settings: { businessHours: { enabled: true, timezone: 'UTC', weekly: everyDay, holidays: [{ date: todayUtc(), name: 'Today' }] } } as never });
    const c = await config(closed.widgetKey);
    const tomorrow = new Date(`${todayUtc()}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    expect(c.availability).toEqual({ available: false, reason: 'closed', nextOpenAt: tomorrow.toISOString() });

    const site = await buildSite(server.ctx, { settings: { businessHours: { enabled: true, timezone: 'Asia/Kolkata', weekly: everyDay, holidays: [] } } as never });
    const agent = await buildAgent(server.ctx, { siteIds: [site.id] });
    expect((await config(site.widgetKey)).availability).toEqual({ available: false, reason: 'no_agents', nextOpenAt: null });
    const session = await login(server, agent); // signing in puts an offline agent online
    const open = await config(site.widgetKey);
    expect(open.agentsOnline).toBe(1);
    expect(open.availability).toEqual({ available: true, reason: 'open', nextOpenAt: null });
    expect(open.triggers).toEqual([]);
    await api(server, 'PUT', '/api/me/status', { cookie: session.cookie, csrf: session.csrf, body: { status: 'offline' } });
  });

  it("pushes availability to the site's widgets when its only agent goes offline and back, never to another site", async () => {
    const site = await buildSite(server.ctx);
    const other = await buildSite(server.ctx);
    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    const { s } = await visitorOf(site.widgetKey);
    const { s: otherVisitor } = await visitorOf(other.widgetKey);
    const mine = record(s, ['availability']);
    const theirs = record(otherVisitor, ['availability']);
    const agentSocket = await connectAgent(server, agent);
    sockets.push(agentSocket);
    const agentHeard = record(agentSocket, ['availability']);

    await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status: 'offline' } });
    const off = await eventually(() => mine.find((x) => x.e.data.reason === 'no_agents'), 'no_agents pushed');
    expect(off.e).toMatchObject({ type: 'availability', conversationId: null, data: { available: false, reason: 'no_agents', nextOpenAt: null } });
    await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status: 'online' } });
    await eventually(() => mine.find((x) => x.e.data.reason === 'open'), 'open pushed');
    expect(mine.map((x) => x.e.data.reason)).toEqual(['no_agents', 'open']);
    await sleep(100);
    expect(theirs).toEqual([]);
    expect(agentHeard).toEqual([]);
    await api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status: 'offline' } });
  });

  it('checks pre-chat answers against the form and lands them on the visitor; agents see the new name', async () => {
    const preChatForm = {
      enabled: true,
      fields: [
        { key: 'name', type: 'name', label: 'Name', required: true },
        { key: 'email', type: 'email', label: 'Email', required: true },
        { key: 'phone', type: 'phone', label: 'Phone' },
        { key: 'service', type: 'select', label: 'Service', options: [{ value: 'sales', label: 'Sales' }, { value: 'support', label: 'Support' }] },
        { key: 'order', type: 'text', label: 'Order number' },
      ],
    };
    const site = await buildSite(server.ctx, { settings: { preChatForm } as never });
    const agentSocket = await connectAgent(server, admin);
    sockets.push(agentSocket);
    const inbox = record(agentSocket, ['conversation']);
    const { v, s } = await visitorOf(site.widgetKey);
    const state = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:state', {});
    expect(state.ok && state.data.visitor).toMatchObject({ id: v.visitorId, name: null, profileComplete: false });
    const sent = await call<{ message: MessageDto; conversation: ConversationDto }>(s, 'message', { clientId: 'profile-0001', body: 'Hello' });
    expect(sent.ok).toBe(true);

    const good = { name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+44 20 7946 0958', service: 'sales', order: 'A-17' };
    const refused: [Record<string, string>, RegExp][] = [
      [{ ...good, email: '' }, /^email: Email is required/],
      [{ ...good, email: 'ada-at-example' }, /^email: /],
      [{ ...good, phone: 'call me' }, /^phone: /],
      [{ ...good, service: 'billing' }, /^service: /],
      [{ ...good, favourite: 'blue' }, /^favourite: not a field of this form/],
      [{ ...good, order: 'x'.repeat(201) }, /^order: /],
    ];
    for (const [fields, message] of refused) {
      const r = await call(s, 'visitor:profile', { fields });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('validation_failed');
      expect(r.error.message).toMatch(message);
    }
    const [untouched] = await server.ctx.db.select().from(visitors).where(eq(visitors.id, v.visitorId));
    expect(untouched).toMatchObject({ name: null, email: null, profileCompletedAt: null, attributes: {} });

    const ok = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:profile', { fields: good });
    expect(ok.ok && ok.data.visitor).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958', profileComplete: true });
    const [row] = await server.ctx.db.select().from(visitors).where(eq(visitors.id, v.visitorId));
    expect(row).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', attributes: { service: 'sales', order: 'A-17' }, anonKey: null });
    expect(row!.profileCompletedAt).toBeInstanceOf(Date);
    await eventually(() => inbox.find((x) => sent.ok && x.e.conversationId === sent.data.conversation.id && x.e.data.visitor.name === 'Ada Lovelace'), 'agent sees the new name');
  });
});
