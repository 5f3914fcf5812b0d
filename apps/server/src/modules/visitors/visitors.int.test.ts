import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto, VisitorDetailDto, VisitorSelfDto } from '@parley/protocol';
import { conversations, messages, pageViews, readCursors, visitorEvents, visitors, visitorSessions } from '../../db/schema';
import { api, call, connectAgent, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { identityHash, UA, widgetSocket, widgetVisitor, type TestBrowser } from '../tracking/testing';

let server: TestServer;
let site: Awaited<ReturnType<typeof buildSite>>;
let agent: Session;
const open: ClientSocket[] = [];

beforeAll(async () => {
  // TRUST_PROXY off: X-Forwarded-For must be ignored.
  server = await startTestServer();
  site = await buildSite(server.ctx);
  agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

const b: TestBrowser = { ip: '81.2.69.160', ua: UA.firefoxLinux };

async function visitorOnline(url = 'https://shop.example/') {
  const v = await widgetVisitor(server, site.widgetKey, b);
  const s = await widgetSocket(server, v, b);
  open.push(s);
  const r = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:page', { url, title: 'Shop' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { v, s };
}

const row = async (id: string) => (await server.ctx.db.select().from(visitors).where(eq(visitors.id, id)))[0];

describe('SDK calls', () => {
  it('ignores X-Forwarded-For when TRUST_PROXY is off', async () => {
    const { v } = await visitorOnline();
    const r = await row(v.visitorId);
    expect(r!.ip).not.toBe('81.2.69.160');
    expect(r!.ip).toMatch(/127\.0\.0\.1/);
  });

  it('update merges claims and attributes; context is replaced and shown live; events are stored', async () => {
    const { v, s } = await visitorOnline();
    const a = await connectAgent(server, agent);
    open.push(a);
    const activity = record(a, ['visitor_activity']);
    let r = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:update', { name: 'Jane Roe', email: 'JANE@example.com', attributes: { plan: 'gold', orders: 12 } });
    expect(r.ok && r.data.visitor).toMatchObject({ name: 'Jane Roe', email: 'jane@example.com' });
    r = await call(s, 'visitor:update', { attributes: { orders: 13, plan: null, vip: true } });
    expect(r.ok).toBe(true);
    expect((await row(v.visitorId))!.attributes).toEqual({ orders: 13, vip: true });

    expect((await call(s, 'visitor:context', { cart: { total: 40, currency: 'usd', items: [] }, booking: 'B-12' })).ok).toBe(true);
    expect((await call(s, 'visitor:context', { cart: { total: 80, items: [{ name: 'Hat', quantity: 2, price: 40 }] } })).ok).toBe(true);
    expect((await row(v.visitorId))!.context).toEqual({ cart: { total: 80, items: [{ name: 'Hat', quantity: 2, price: 40 }] } });
    await eventually(() => activity.find((e) => e.e.data.id === v.visitorId && e.e.data.cart?.total === 80), 'live cart');
    expect(activity.some((e) => e.e.data.id === v.visitorId && e.e.data.name === 'Jane Roe')).toBe(true);

    expect((await call(s, 'visitor:event', { name: 'added_to_cart', properties: { sku: 'HAT-1' } })).ok).toBe(true);
    const events = await server.ctx.db.select().from(visitorEvents).where(eq(visitorEvents.visitorId, v.visitorId));
    expect(events.map((e) => [e.name, e.properties])).toEqual([['added_to_cart', { sku: 'HAT-1' }]]);
  });

  it('bad SDK payloads are refused with a validation error and change nothing', async () => {
    const { v, s } = await visitorOnline();
    const before = await row(v.visitorId);
    const bad: [string, unknown][] = [
      ['visitor:update', { email: 'not-an-email' }],
      ['visitor:update', { attributes: { ['x'.repeat(65)]: 1 } }],
      ['visitor:context', { cart: { total: -1 } }],
      ['visitor:context', { huge: 'x'.repeat(1001) }],
      ['visitor:event', { name: '' }],
      ['visitor:identify', { id: 'u1', hash: 'zz' }],
    ];
    for (const [event, payload] of bad) {
      const r = await call(s, event as 'visitor:update', payload);
      expect(r.ok, event).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation_failed');
    }
    const after = await row(v.visitorId);
    expect(after).toEqual(before);
    expect(await server.ctx.db.select().from(visitorEvents).where(eq(visitorEvents.visitorId, v.visitorId))).toHaveLength(0);
  });
});

describe('identity verification', () => {
  it('a valid hash verifies the visitor; an unverified claim is stored as such and never merged', async () => {
    const { v, s } = await visitorOnline();
    const ok = await call<{ visitorId: string; token?: string; verified: boolean }>(s, 'visitor:identify', { id: 'user-1', name: 'Ann Verified', email: 'ann@example.com', hash: identityHash(site.secret, 'user-1') });
    expect(ok).toEqual({ ok: true, data: { visitorId: v.visitorId, verified: true } });
    expect(await row(v.visitorId)).toMatchObject({ externalId: 'user-1', verified: true, name: 'Ann Verified', anonKey: null });

    // Someone claims to be user-1 without (or with a wrong) hash: a claim on their own visitor only.
    const other = await visitorOnline();
    for (const hash of [undefined, identityHash('wrong secret', 'user-1')]) {
      const r = await call<{ visitorId: string; verified: boolean; token?: string }>(other.s, 'visitor:identify', { id: 'user-1', name: 'Mallory', ...(hash ? { hash } : {}) });
      expect(r).toEqual({ ok: true, data: { visitorId: other.v.visitorId, verified: false } });
    }
    expect(await row(other.v.visitorId)).toMatchObject({ externalId: null, verified: false, name: 'Mallory', attributes: { unverifiedUserId: 'user-1' } });
    expect(await row(v.visitorId)).toMatchObject({ name: 'Ann Verified' });
  });

  it('a second browser proving the same user is merged into the verified visitor and handed its identity', async () => {
    const { v: first, s: firstSocket } = await visitorOnline();
    const hash = identityHash(site.secret, 'user-2');
    await call(firstSocket, 'visitor:identify', { id: 'user-2', hash });
    await call(firstSocket, 'message', { clientId: 'merge-first', body: 'Earlier chat' });

    const { v: second, s } = await visitorOnline('https://shop.example/checkout');
    const sent = await call<{ conversation: ConversationDto }>(s, 'message', { clientId: 'merge-second', body: 'Before login' });
    expect(sent.ok).toBe(true);
    const convId = sent.ok ? sent.data.conversation.id : '';
    await call(s, 'read', { conversationId: convId, seq: 1 });
    await call(s, 'visitor:event', { name: 'login' });

    const r = await call<{ visitorId: string; token?: string; verified: boolean }>(s, 'visitor:identify', { id: 'user-2', email: 'two@example.com', hash });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ visitorId: first.visitorId, verified: true });
    expect(r.data.token).toMatch(/^[\w-]{20,}$/);
    expect(await row(second.visitorId)).toBeUndefined();
    const db = server.ctx.db;
    expect((await db.select().from(conversations).where(eq(conversations.visitorId, first.visitorId))).map((c) => c.id)).toContain(convId);
    const msgs = await db.select().from(messages).where(eq(messages.conversationId, convId));
    expect(msgs.filter((m) => m.senderType === 'visitor').map((m) => m.senderId)).toEqual([first.visitorId]);
    expect((await db.select().from(readCursors).where(eq(readCursors.conversationId, convId))).map((c) => c.readerId)).toEqual([first.visitorId]);
    expect((await db.select().from(visitorSessions).where(eq(visitorSessions.visitorId, first.visitorId))).map((x) => x.landingUrl)).toContain('https://shop.example/checkout');
    expect(await db.select().from(pageViews).where(eq(pageViews.visitorId, second.visitorId))).toHaveLength(0);
    expect((await db.select().from(visitorEvents).where(eq(visitorEvents.visitorId, first.visitorId))).map((e) => e.name)).toContain('login');
    expect(await row(first.visitorId)).toMatchObject({ verified: true, email: 'two@example.com', visitCount: 2 });

    // The widget swaps identity: the handed token connects as the verified visitor.
    const swapped = await widgetSocket(server, { siteKey: site.widgetKey, visitorId: first.visitorId, token: r.data.token! }, b);
    open.push(swapped);
    const state = await call<{ visitor: VisitorSelfDto }>(swapped, 'visitor:state', {});
    expect(state.ok && state.data.visitor).toMatchObject({ id: first.visitorId, verified: true });
  });

  it("a verified user's devices all stay signed in: a merge adds a token, it never replaces one", async () => {
    const hash = identityHash(site.secret, 'user-6');
    const phone = await visitorOnline();
    expect(await call(phone.s, 'visitor:identify', { id: 'user-6', hash })).toEqual({ ok: true, data: { visitorId: phone.v.visitorId, verified: true } });
    const handed: string[] = [];
    const others = [await visitorOnline(), await visitorOnline()];
    for (const device of others) {
      const r = await call<{ visitorId: string; token?: string; verified: boolean }>(device.s, 'visitor:identify', { id: 'user-6', hash });
      expect(r.ok && r.data.visitorId).toBe(phone.v.visitorId);
      if (r.ok) handed.push(r.data.token!);
    }
    expect(new Set(handed).size).toBe(2);
    // The first device is still connected and can reconnect with its own token; so can each merged device,
    // with the handed token or (another tab of it) its old one, but only as the verified visitor.
    const self = await call<{ visitor: VisitorSelfDto }>(phone.s, 'visitor:state', {});
    expect(self.ok && self.data.visitor).toMatchObject({ id: phone.v.visitorId, verified: true });
    for (const token of [phone.v.token, ...handed, ...others.map((d) => d.v.token)]) {
      const s = await widgetSocket(server, { siteKey: site.widgetKey, visitorId: phone.v.visitorId, token }, b);
      open.push(s);
      const state = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:state', {});
      expect(state.ok && state.data.visitor.id).toBe(phone.v.visitorId);
    }
    for (const device of others) await expect(widgetSocket(server, device.v, b)).rejects.toThrow(/Unknown visitor/);
    // A token of this visitor is no key to anyone else.
    const stranger = await visitorOnline();
    await expect(widgetSocket(server, { ...stranger.v, token: handed[0]! }, b)).rejects.toThrow(/Unknown visitor/);
  });

  it('a browser verified as one user that proves another is handed that user, never merged', async () => {
    const { v, s } = await visitorOnline();
    await call(s, 'visitor:identify', { id: 'user-3', hash: identityHash(site.secret, 'user-3') });
    const r = await call<{ visitorId: string; token?: string; verified: boolean }>(s, 'visitor:identify', { id: 'user-4', hash: identityHash(site.secret, 'user-4') });
    expect(r.ok && r.data.visitorId).not.toBe(v.visitorId);
    expect(r.ok && r.data.token).toBeTruthy();
    expect(await row(v.visitorId)).toMatchObject({ externalId: 'user-3', verified: true });
    // An unverified claim of another id on a verified visitor is refused.
    const claim = await call(s, 'visitor:identify', { id: 'user-5' });
    expect(claim.ok).toBe(false);
    if (!claim.ok) expect(claim.error.code).toBe('conflict');
  });
});

describe('visitor detail and starting a chat', () => {
  it('GET /api/visitors/:id returns sessions with page views, events and past chats with rating', async () => {
    const { v, s } = await visitorOnline('https://shop.example/?utm_source=ads');
    await call(s, 'visitor:page', { url: 'https://shop.example/boots', title: 'Boots' });
    await call(s, 'visitor:event', { name: 'viewed_boots' });
    await call(s, 'visitor:update', { attributes: { tier: 'gold' } });
    const sent = await call<{ conversation: ConversationDto }>(s, 'message', { clientId: 'detail-first', body: 'Hi' });
    const convId = sent.ok ? sent.data.conversation.id : '';
    await server.ctx.db.update(conversations).set({ status: 'closed', closedAt: new Date(), ratingScore: 4, ratingComment: 'Nice', ratedAt: new Date() }).where(eq(conversations.id, convId));

    const r = await api(server, 'GET', `/api/visitors/${v.visitorId}`, { cookie: agent.cookie });
    expect(r.status).toBe(200);
    const d = r.body as VisitorDetailDto;
    expect(d).toMatchObject({ id: v.visitorId, online: true, pagesViewed: 2, utmSource: 'ads', attributes: { tier: 'gold' }, device: { browser: 'Firefox 128', os: 'Linux', device: 'desktop' } });
    expect(d.sessions).toHaveLength(1);
    expect(d.sessions[0]!.utm.source).toBe('ads');
    expect(d.sessions[0]!.pageViews.map((p) => [p.url, p.leftAt === null])).toEqual([
      ['https://shop.example/?utm_source=ads', false],
      ['https://shop.example/boots', true],
    ]);
    expect(d.events.map((e) => e.name)).toEqual(['viewed_boots']);
    expect(d.conversations).toEqual([expect.objectContaining({ id: convId, status: 'closed', lastMessagePreview: 'Hi', rating: expect.objectContaining({ score: 4, comment: 'Nice' }) })]);

    const other = await login(server, await buildAgent(server.ctx, { siteIds: [] }));
    expect((await api(server, 'GET', `/api/visitors/${v.visitorId}`, { cookie: other.cookie })).status).toBe(404);
    expect((await api(server, 'GET', '/api/visitors/not-a-uuid', { cookie: agent.cookie })).status).toBe(400);
  });

  it("an agent starts a chat with an online visitor; the widget receives the agent's message", async () => {
    const { v, s } = await visitorOnline();
    const got = record(s, ['message', 'agent_assigned']);
    const a = await connectAgent(server, agent);
    open.push(a);
    const agents = record(a, ['conversation', 'message']);
    const body = { body: 'Hi! Need help finding boots?', clientId: 'start-first' };
    const r = await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: agent.cookie, csrf: agent.csrf, body });
    expect(r.status).toBe(201);
    const conv = r.body.conversation as ConversationDto;
    const msg = r.body.message as MessageDto;
    expect(conv).toMatchObject({ visitorId: v.visitorId, status: 'active', assignedAgentId: agent.agentId, channel: 'web' });
    expect(msg).toMatchObject({ seq: 1, senderType: 'agent', body: body.body, clientId: 'start-first' });

    const delivered = await eventually(() => got.find((e) => e.name === 'message' && e.e.conversationId === conv.id), 'message on the visitor socket');
    expect(delivered.e.data.body).toBe(body.body);
    await eventually(() => got.find((e) => e.name === 'agent_assigned'), 'agent_assigned on the visitor socket');
    await eventually(() => agents.find((e) => e.name === 'conversation' && e.e.data.id === conv.id), 'new chat for the agents');
    expect((await row(v.visitorId))!.anonKey).toBeNull();

    // A retry with the same clientId returns the same chat; a new start is refused while it is open.
    const retry = await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: agent.cookie, csrf: agent.csrf, body });
    expect(retry.status).toBe(200);
    expect(retry.body.conversation.id).toBe(conv.id);
    const busy = await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: agent.cookie, csrf: agent.csrf, body: { body: 'Hello?', clientId: 'start-second' } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toMatch(/already in a chat/);
    // The visitor's reply lands in that chat.
    const reply = await call<{ conversation: ConversationDto }>(s, 'message', { clientId: 'visitor-reply', body: 'Yes please' });
    expect(reply.ok && reply.data.conversation.id).toBe(conv.id);
  });

  it('refuses offline visitors (409), agents who cannot chat on the site (403) and bad bodies (400)', async () => {
    const { v, s } = await visitorOnline();
    const outsider = await login(server, await buildAgent(server.ctx, { siteIds: [] }));
    const forbidden = await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: outsider.cookie, csrf: outsider.csrf, body: { body: 'Hi', clientId: 'refused-1' } });
    expect(forbidden.status).toBe(403);
    const manager = await login(server, await buildAgent(server.ctx, { role: 'manager' }));
    expect((await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: manager.cookie, csrf: manager.csrf, body: { body: 'Hi', clientId: 'refused-2' } })).status).toBe(403);
    expect((await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: agent.cookie, csrf: agent.csrf, body: { body: '', clientId: 'refused-3' } })).status).toBe(400);

    s.close();
    await eventually(async () => (await server.ctx.db.select().from(visitorSessions).where(eq(visitorSessions.visitorId, v.visitorId)))[0]?.endedAt, 'visitor left');
    const offline = await api(server, 'POST', `/api/visitors/${v.visitorId}/conversations`, { cookie: agent.cookie, csrf: agent.csrf, body: { body: 'Hi', clientId: 'refused-4' } });
    expect(offline.status).toBe(409);
    expect(offline.body.error.message).toMatch(/left the website/);
    expect(await server.ctx.db.select().from(conversations).where(eq(conversations.visitorId, v.visitorId))).toHaveLength(0);
  });
});
