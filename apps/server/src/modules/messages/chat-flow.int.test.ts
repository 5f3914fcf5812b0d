import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { messages } from '../../db/schema';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, sleep, visitorSocket, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

type SendAck = { message: MessageDto; conversation: ConversationDto };

describe('the core chat loop over Socket.IO', () => {
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let otherSite: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session; // agent of site
  let bob: Session; // agent of otherSite only
  let aliceSocket: ClientSocket;
  let bobSocket: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx, { domains: ['127.0.0.1'] });
    otherSite = await buildSite(server.ctx, { domains: ['127.0.0.1'] });
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    bob = await login(server, await buildAgent(server.ctx, { siteIds: [otherSite.id], pseudoName: 'Bob' }));
    aliceSocket = await connectAgent(server, alice);
    bobSocket = await connectAgent(server, bob);
    sockets.push(aliceSocket, bobSocket);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  async function newVisitor() {
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    return { v, s };
  }

  it('visitor message reaches the site agent, not the other site; accept, reply, typing, read, close', async () => {
    const aliceEvents = record(aliceSocket, ['message', 'conversation', 'typing', 'read', 'status_change', 'agent_assigned']);
    const bobEvents = record(bobSocket, ['message', 'conversation', 'typing']);
    const { v, s } = await newVisitor();
    const visitorEvents = record(s, ['message', 'typing', 'read', 'agent_assigned', 'status_change']);

    const sent = await call<SendAck>(s, 'message', { clientId: 'c-00000001', body: 'Hello, is my order shipped?' });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.data.message.seq).toBe(1);
    expect(sent.data.message.senderType).toBe('visitor');
    const convId = sent.data.conversation.id;
    expect(sent.data.conversation.status).toBe('queued');

    const got = await eventually(() => aliceEvents.find((x) => x.name === 'message' && x.e.conversationId === convId), 'agent receives message');
    expect(got.e.type).toBe('message');
    expect(got.e.data.body).toBe('Hello, is my order shipped?');
    expect(typeof got.e.timestamp).toBe('string');
    await eventually(() => aliceEvents.find((x) => x.name === 'conversation' && x.e.data.id === convId && x.e.data.status === 'queued'), 'inbox row');

    // visitor typing reaches the agent
    s.emit('typing', { conversationId: convId, isTyping: true });
    await eventually(() => aliceEvents.find((x) => x.name === 'typing' && x.e.data.isTyping && x.e.data.senderType === 'visitor'), 'visitor typing at agent');

    // the waiting list shows it, oldest first, with an unread count
    const waiting = await api(server, 'GET', '/api/conversations?status=waiting', { cookie: alice.cookie });
    const row = waiting.body.conversations.find((c: ConversationDto) => c.id === convId);
    expect(row.unreadCount).toBe(1);

    // replying before accepting is refused
    const early = await call<SendAck>(aliceSocket, 'message', { conversationId: convId, clientId: 'a-00000001', body: 'hi' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('not_assigned');

    const accepted = await api(server, 'POST', `/api/conversations/${convId}/accept`, { cookie: alice.cookie, csrf: alice.csrf });
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation.status).toBe('active');
    const joined = await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.senderType === 'system'), 'joined message at visitor');
    expect(joined.e.data.body).toBe('Alice joined the chat');
    await eventually(() => visitorEvents.find((x) => x.name === 'agent_assigned' && x.e.data.agentName === 'Alice'), 'agent_assigned at visitor');

    aliceSocket.emit('typing', { conversationId: convId, isTyping: true });
    const typing = await eventually(() => visitorEvents.find((x) => x.name === 'typing'), 'agent typing at visitor');
    expect(typing.e.data.userName).toBe('Alice');

    const reply = await call<SendAck>(aliceSocket, 'message', { conversationId: convId, clientId: 'a-00000002', body: 'Yes, it left yesterday.' });
    expect(reply.ok).toBe(true);
    const atVisitor = await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.senderType === 'agent'), 'reply at visitor');
    expect(atVisitor.e.data.body).toBe('Yes, it left yesterday.');
    expect(atVisitor.e.data.senderName).toBe('Alice');

    // read receipts both ways
    const vr = await call<{ seq: number }>(s, 'read', { conversationId: convId, seq: atVisitor.e.data.seq });
    expect(vr.ok && vr.data.seq).toBe(atVisitor.e.data.seq);
    await eventually(() => aliceEvents.find((x) => x.name === 'read' && x.e.data.readerType === 'visitor' && x.e.data.seq === atVisitor.e.data.seq), 'visitor read at agent');
    await call(aliceSocket, 'read', { conversationId: convId, seq: 1 });
    await eventually(() => visitorEvents.find((x) => x.name === 'read' && x.e.data.readerType === 'agent'), 'agent read at visitor');
    const active = await api(server, 'GET', '/api/conversations?status=active', { cookie: alice.cookie });
    expect(active.body.conversations.find((c: ConversationDto) => c.id === convId).unreadCount).toBe(0);

    // visitor closes
    const closed = await call<{ conversation: ConversationDto }>(s, 'conversation:close', { conversationId: convId });
    expect(closed.ok && closed.data.conversation.status).toBe('closed');
    await eventually(() => aliceEvents.find((x) => x.name === 'status_change' && x.e.conversationId === convId && x.e.data.status === 'closed'), 'close at agent');

    // nothing of this conversation reached the agent of the other site
    expect(bobEvents.filter((x) => x.e.conversationId === convId || x.e.data?.id === convId)).toEqual([]);
    // and the other site's agent cannot read it
    expect((await api(server, 'GET', `/api/conversations/${convId}`, { cookie: bob.cookie })).status).toBe(404);
    const bobSend = await call<SendAck>(bobSocket, 'message', { conversationId: convId, clientId: 'b-00000001', body: 'sneaky' });
    expect(bobSend.ok).toBe(false);
    if (!bobSend.ok) expect(bobSend.error.code).toBe('not_found');
    expect(v.visitorId).toBeTruthy();
  });

  it('a closed chat stays closed; the next visitor message starts a new conversation', async () => {
    const { s } = await newVisitor();
    const first = await call<SendAck>(s, 'message', { clientId: 'n-00000001', body: 'one' });
    if (!first.ok) throw new Error('send failed');
    await api(server, 'POST', `/api/conversations/${first.data.conversation.id}/accept`, { cookie: alice.cookie, csrf: alice.csrf });
    expect((await api(server, 'POST', `/api/conversations/${first.data.conversation.id}/close`, { cookie: alice.cookie, csrf: alice.csrf })).body.conversation.status).toBe('closed');
    const again = await call<SendAck>(s, 'message', { conversationId: first.data.conversation.id, clientId: 'n-00000002', body: 'two' });
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(again.data.conversation.id).not.toBe(first.data.conversation.id);
      expect(again.data.message.seq).toBe(1);
    }
  });

  it('refuses oversize and malformed payloads with clear errors and stores nothing', async () => {
    const { v, s } = await newVisitor();
    const big = await call<SendAck>(s, 'message', { clientId: 'big-0000001', body: 'x'.repeat(10_001) });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.error.code).toBe('message_too_long');
    const limit = await call<SendAck>(s, 'message', { clientId: 'big-0000002', body: 'y'.repeat(10_000) });
    expect(limit.ok).toBe(true);
    for (const bad of [null, 42, 'text', { body: 'no client id' }, { clientId: 'short', body: 'x' }, { clientId: 'okokokok', body: '   ' }, { clientId: 'okokokok', body: 5 }, { clientId: 'okokokok', body: 'x', conversationId: 'not-a-uuid' }]) {
      const r = await call<SendAck>(s, 'message', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['validation_failed', 'message_too_long']).toContain(r.error.code);
    }
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.senderId, v.visitorId));
    expect(stored.map((m) => m.clientId)).toEqual(['big-0000002']);
    // a malformed read/typing does not crash the connection
    s.emit('typing', { nope: true } as never);
    const ok = await call<SendAck>(s, 'message', { clientId: 'after-0001', body: 'still alive' });
    expect(ok.ok).toBe(true);
  });

  it('a send retried after a dropped connection is stored once and delivered once', async () => {
    const v = await createVisitor(server, site.widgetKey);
    const s = visitorSocket(server, v);
    sockets.push(s);
    await eventually(() => s.connected, 'visitor connected');
    const aliceEvents = record(aliceSocket, ['message']);
    const payload = { clientId: 'retry-00000001', body: 'Did this arrive?' };
    // first attempt: the ack is lost because the connection drops right after the send
    (s.emit as (...a: unknown[]) => void)('message', payload, () => {});
    s.io.engine.close();
    await eventually(() => s.connected === false || undefined, 'dropped', 2000).catch(() => undefined);
    await eventually(() => s.connected, 'reconnected', 5000);
    const retried = await call<SendAck>(s, 'message', payload);
    expect(retried.ok).toBe(true);
    const again = await call<SendAck>(s, 'message', payload);
    expect(again.ok && retried.ok && again.data.message.id).toBe(retried.ok && retried.data.message.id);
    await sleep(300);
    const rows = await server.ctx.db.select().from(messages).where(and(eq(messages.clientId, 'retry-00000001')));
    expect(rows).toHaveLength(1);
    // Each answer from the stored row announces it again (the first attempt may have died
    // before its fan-out: replay.int.test.ts); always the same seq, so clients show it once.
    const heard = aliceEvents.filter((x) => x.e.data.clientId === 'retry-00000001');
    expect(heard.length).toBeGreaterThanOrEqual(1);
    expect(new Set(heard.map((x) => `${x.e.data.id}:${x.e.data.seq}`)).size).toBe(1);
  });

  it('concurrent duplicate sends (same clientId) store one message', async () => {
    const { s } = await newVisitor();
    const payload = { clientId: 'dup-000000001', body: 'twice at once' };
    const [a, b, c] = await Promise.all([call<SendAck>(s, 'message', payload), call<SendAck>(s, 'message', payload), call<SendAck>(s, 'message', payload)]);
    const ids = [a, b, c].map((r) => (r.ok ? r.data.message.id : r.error.code));
    expect(new Set(ids).size).toBe(1);
    expect((await server.ctx.db.select().from(messages).where(eq(messages.clientId, 'dup-000000001'))).length).toBe(1);
  });

  it('a reconnecting visitor resyncs what it missed, by seq', async () => {
    const { v, s } = await newVisitor();
    const first = await call<SendAck>(s, 'message', { clientId: 'sync-0000001', body: 'first' });
    if (!first.ok) throw new Error('send failed');
    const convId = first.data.conversation.id;
    await api(server, 'POST', `/api/conversations/${convId}/accept`, { cookie: alice.cookie, csrf: alice.csrf });
    s.disconnect();
    for (let i = 0; i < 3; i++) await call(aliceSocket, 'message', { conversationId: convId, clientId: `sync-a-000${i}`, body: `while away ${i}` });
    const back = await connectVisitor(server, v);
    sockets.push(back);
    const state = await call<{ conversation: ConversationDto; messages: MessageDto[] }>(back, 'visitor:state', { afterSeq: 1 });
    expect(state.ok).toBe(true);
    if (!state.ok) return;
    expect(state.data.conversation.id).toBe(convId);
    expect(state.data.messages.map((m) => m.seq)).toEqual([2, 3, 4, 5]);
    expect(state.data.messages.slice(1).map((m) => m.body)).toEqual(['while away 0', 'while away 1', 'while away 2']);
    // the visitor's copy carries no agent-only fields
    expect(state.data.conversation.tags).toEqual([]);
    const sync = await call<{ conversations: { messages: MessageDto[] }[] }>(aliceSocket, 'sync', { conversations: [{ conversationId: convId, afterSeq: 3 }] });
    expect(sync.ok && sync.data.conversations[0]!.messages.map((m) => m.seq)).toEqual([4, 5]);
  });

  it('refuses visitors from a page outside the site domains, and bad visitor credentials', async () => {
    const r = await api(server, 'POST', '/api/widget/visitors', { body: { siteKey: site.widgetKey }, origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('origin_not_allowed');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const cfg = await api(server, 'GET', `/api/widget/config?siteKey=${site.widgetKey}`, { origin: 'http://127.0.0.1:8080' });
    expect(cfg.status).toBe(200);
    expect(cfg.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(cfg.body.name).toBe(site.name);
    expect(cfg.body).not.toHaveProperty('secret');

    const v = await createVisitor(server, site.widgetKey);
    await expect(connectVisitor(server, v, 'https://evil.example')).rejects.toThrow(/allowed domains/);
    await expect(connectVisitor(server, { ...v, token: 'x'.repeat(43) })).rejects.toThrow(/Unknown visitor/);
    await expect(connectVisitor(server, { ...v, siteKey: otherSite.widgetKey })).rejects.toThrow(/Unknown visitor/);
    // one visitor cannot touch another's conversation
    const { s } = await newVisitor();
    const sent = await call<SendAck>(s, 'message', { clientId: 'mine-0000001', body: 'mine' });
    if (!sent.ok) throw new Error('send failed');
    const { s: other } = await newVisitor();
    const peek = await call(other, 'sync', { conversations: [{ conversationId: sent.data.conversation.id, afterSeq: 0 }] });
    expect(peek.ok).toBe(false);
    const write = await call<SendAck>(other, 'message', { conversationId: sent.data.conversation.id, clientId: 'theirs-00001', body: 'hi' });
    expect(write.ok).toBe(false);
  });

  it('refuses agent sockets without a session or from another site', async () => {
    await expect(connectAgent(server, { cookie: 'parley_sid=nope', csrf: '', agentId: '' })).rejects.toThrow(/Sign in/);
    await expect(connectAgent({ ...server, origin: 'https://evil.example' } as TestServer, alice)).rejects.toThrow(/Cross-site/);
  });
});
