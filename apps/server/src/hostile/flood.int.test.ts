import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../db/schema';
import { api, call, connectVisitor, createVisitor, type ClientSocket } from '../test/clients';
import { io } from 'socket.io-client';
import { buildAgent, buildSite } from '../test/factories';
import { startTestServer } from '../test/server';
import { buildWorld, changedTables, fingerprint, VISITOR_ORIGIN, type World } from './world';

/**
 * Rate limits under a flood: a visitor over their message or event budget, an address starting
 * too many chats or trying too many logins is answered `rate_limited` and nothing is stored,
 * while another visitor of the same site goes on chatting. Small limits make the flood short.
 */
describe('rate limits hold under a flood without blocking anybody else', () => {
  let w: World;
  const sockets: ClientSocket[] = [];
  const visitor = async () => {
    const v = await createVisitor(w.server, w.siteA.widgetKey, VISITOR_ORIGIN);
    const s = await connectVisitor(w.server, v, VISITOR_ORIGIN);
    sockets.push(s);
    return { v, s };
  };

  beforeAll(async () => {
    w = await buildWorld({ VISITOR_MESSAGES_PER_MINUTE: '5', VISITOR_EVENTS_PER_MINUTE: '8', CONVERSATION_STARTS_PER_MINUTE: '100', LOGIN_RATE_LIMIT_PER_IP: '12', LOGIN_RATE_LIMIT: '100' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await w?.server.close();
  });

  const send = (s: ClientSocket, i: number, conversationId?: string) => call<{ conversation: { id: string } }>(s, 'message', { ...(conversationId ? { conversationId } : {}), clientId: `flood-${i}-${Math.random().toString(36).slice(2, 10)}`, body: `message ${i}` });

  it('messages per visitor: the flooder is cut off after the burst, across reconnects; their neighbour chats on', async () => {
    const flooder = await visitor();
    const calm = await visitor();
    const first = await send(flooder.s, 0);
    if (!first.ok) throw new Error(first.error.message);
    const conv = first.data.conversation.id;
    const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => send(flooder.s, i + 1, conv)));
    const refused = acks.filter((a) => !a.ok);
    expect(acks.filter((a) => a.ok)).toHaveLength(4); // 5 a minute, the first one included
    expect(refused.every((a) => !a.ok && a.error.code === 'rate_limited' && /too fast/.test(a.error.message))).toBe(true);
    const stored = await w.server.ctx.db.select().from(messages).where(eq(messages.conversationId, conv));
    expect(stored.filter((m) => m.senderType === 'visitor')).toHaveLength(5);

    // The neighbour on the same site and address is not affected.
    const c0 = await send(calm.s, 0);
    expect(c0.ok).toBe(true);
    for (let i = 1; i < 4; i++) expect((await send(calm.s, i, c0.ok ? c0.data.conversation.id : undefined)).ok).toBe(true);

    // Reconnecting does not refill the bucket.
    flooder.s.disconnect();
    const again = await connectVisitor(w.server, flooder.v, VISITOR_ORIGIN);
    sockets.push(again);
    const after = await send(again, 99, conv);
    expect(after.ok ? 'ok' : after.error.code).toBe('rate_limited');
  });

  it('other widget events per visitor: page views and SDK calls are cut off too, and store nothing', async () => {
    const flooder = await visitor();
    const calm = await visitor();
    const page = (s: ClientSocket, i: number) => call(s, 'visitor:page', { url: `https://shop.example.com/p/${i}`, title: `Page ${i}` });
    const acks = [];
    for (let i = 0; i < 8; i++) acks.push(await page(flooder.s, i));
    expect(acks.every((a) => a.ok)).toBe(true);
    const before = await fingerprint(w.server);
    const over = await Promise.all([page(flooder.s, 100), call(flooder.s, 'visitor:update', { attributes: { spam: true } }), call(flooder.s, 'visitor:event', { name: 'spam' }), call(flooder.s, 'visitor:context', { spam: 'x' })]);
    expect(over.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['rate_limited', 'rate_limited', 'rate_limited', 'rate_limited']);
    expect(changedTables(before, await fingerprint(w.server))).toEqual([]);
    // Chat messages have their own budget: the flooder can still talk to a human.
    expect((await send(flooder.s, 1)).ok).toBe(true);
    expect((await page(calm.s, 1)).ok).toBe(true);
  });

  it('conversation starts per address: the 4th chat from one address within the minute is refused; other addresses and open chats go on', async () => {
    // Its own server: TRUST_PROXY on, so each visitor's address comes from X-Forwarded-For.
    const server = await startTestServer({ env: { TRUST_PROXY: 'true', CONVERSATION_STARTS_PER_MINUTE: '3' } });
    try {
      const site = await buildSite(server.ctx);
      const key = site.widgetKey;
      const open = async (ip: string) => {
        const v = await createVisitor(server, key, VISITOR_ORIGIN);
        const s = io(server.url, { transports: ['websocket'], auth: { siteKey: key, visitorId: v.visitorId, token: v.token }, extraHeaders: { origin: VISITOR_ORIGIN, 'x-forwarded-for': ip }, forceNew: true }) as ClientSocket;
        await new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
        sockets.push(s);
        return s;
      };
      const office = await Promise.all([1, 2, 3, 4, 5].map(() => open('198.51.100.7')));
      const firsts = [];
      for (const [i, s] of office.entries()) firsts.push(await send(s, i));
      expect(firsts.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
      expect(!firsts[3]!.ok && /new chats/.test(firsts[3]!.error.message)).toBe(true);
      const count = await server.ctx.db.select().from(conversations).where(eq(conversations.siteId, site.id));
      expect(count).toHaveLength(3);
      // Those who got in keep chatting; a visitor from elsewhere starts a chat.
      const conv = firsts[0]!.ok ? firsts[0]!.data.conversation.id : '';
      expect((await send(office[0]!, 10, conv)).ok).toBe(true);
      expect((await send(office[0]!, 11)).ok).toBe(true); // no conversationId, but they have an open chat
      expect((await send(await open('192.0.2.55'), 0)).ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('logins per address: spraying many accounts from one address is cut off; the same account from elsewhere still signs in', async () => {
    const target = await buildAgent(w.server.ctx, { email: 'sprayed@example.com' });
    const from = (ip: string, email: string, password: string) =>
      w.server.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password }) });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await from('203.0.113.66', `user${i}@example.com`, 'guess guess')).statusCode);
    expect(statuses).toEqual(Array(12).fill(401)); // 12 per 15 minutes in this server, each email tried once
    const blocked = await from('203.0.113.66', target.email, target.password);
    expect(blocked.statusCode).toBe(429);
    expect(JSON.parse(blocked.body).error.code).toBe('rate_limited');
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await from('203.0.113.67', target.email, target.password)).statusCode).toBe(200);
    expect((await api(w.server, 'GET', '/healthz')).status).toBe(200);
  });
});
