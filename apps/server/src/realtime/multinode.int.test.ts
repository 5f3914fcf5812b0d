import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { visitorSessions } from '../db/schema';
import { randomToken } from '../ids';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket } from '../test/clients';
import { buildAgent, buildSite } from '../test/factories';
import { createTestDatabase, startTestServer, type TestServer } from '../test/server';

/** Two Parley nodes sharing one PostgreSQL database and one Redis: visitor on A, agent on B. */
describe('two nodes over PostgreSQL + Redis', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let drop: () => Promise<void>;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    const redisUrl = process.env.TEST_REDIS_URL!;
    const db = await createTestDatabase();
    drop = db.drop;
    const redisPrefix = `parley-test-${randomToken(6)}`;
    // Start both at once: migrations and first-start bootstrap must not race.
    [nodeA, nodeB] = await Promise.all([
      startTestServer({ databaseUrl: db.url, redisUrl, redisPrefix }),
      startTestServer({ databaseUrl: db.url, redisUrl, redisPrefix }),
    ]);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodeA?.close();
    await nodeB?.close();
    await drop?.();
  });

  it('bootstraps once, and delivers messages, typing and assignment across nodes both ways', async () => {
    const { workspaces, sites } = await import('../db/schema');
    expect(await nodeA.ctx.db.select().from(workspaces)).toHaveLength(1);
    expect((await nodeA.ctx.db.select().from(sites)).filter((s) => s.isDemo)).toHaveLength(1);

    const site = await buildSite(nodeA.ctx, { domains: ['127.0.0.1'] });
    const agent = await buildAgent(nodeA.ctx, { siteIds: [site.id], pseudoName: 'Nia' });
    const session = await login(nodeB, agent);
    const agentSocket = await connectAgent(nodeB, session);
    sockets.push(agentSocket);
    const agentEvents = record(agentSocket, ['message', 'conversation', 'typing']);

    const v = await createVisitor(nodeA, site.widgetKey);
    const visitor = await connectVisitor(nodeA, v);
    sockets.push(visitor);
    const visitorEvents = record(visitor, ['message', 'agent_assigned', 'typing']);

    const sent = await call<{ message: MessageDto; conversation: ConversationDto }>(visitor, 'message', { clientId: 'mn-00000001', body: 'from node A' });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const convId = sent.data.conversation.id;
    await eventually(() => agentEvents.find((x) => x.name === 'message' && x.e.data.body === 'from node A'), 'message crosses A→B');
    await eventually(() => agentEvents.find((x) => x.name === 'conversation' && x.e.data.id === convId), 'inbox row crosses A→B');

    visitor.emit('typing', { conversationId: convId, isTyping: true });
    await eventually(() => agentEvents.find((x) => x.name === 'typing'), 'typing crosses A→B');

    expect((await api(nodeB, 'POST', `/api/conversations/${convId}/accept`, { cookie: session.cookie, csrf: session.csrf })).status).toBe(200);
    await eventually(() => visitorEvents.find((x) => x.name === 'agent_assigned' && x.e.data.agentName === 'Nia'), 'assignment crosses B→A');
    const reply = await call<{ message: MessageDto }>(agentSocket, 'message', { conversationId: convId, clientId: 'mn-00000002', body: 'from node B' });
    expect(reply.ok).toBe(true);
    await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.body === 'from node B'), 'reply crosses B→A');
    // seqs are unique and gap-free across nodes
    const state = await call<{ messages: MessageDto[] }>(visitor, 'visitor:state', {});
    expect(state.ok && state.data.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('a visitor stays online while a tab on the other node is connected, and leaves when the last goes', async () => {
    const site = await buildSite(nodeA.ctx, { domains: ['127.0.0.1'] });
    const agentSocket = await connectAgent(nodeA, await login(nodeA, await buildAgent(nodeA.ctx, { siteIds: [site.id] })));
    sockets.push(agentSocket);
    const activity = record(agentSocket, ['visitor_activity']);
    const v = await createVisitor(nodeA, site.widgetKey);
    const tabA = await connectVisitor(nodeA, v);
    const tabB = await connectVisitor(nodeB, v);
    sockets.push(tabA, tabB);
    expect((await call(tabB, 'visitor:page', { url: 'https://shop.example/', title: 'Shop' })).ok).toBe(true);
    await eventually(() => activity.find((x) => x.e.data.id === v.visitorId && x.e.data.online), 'arrival crosses B→A');
    tabA.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    const sessionOf = async () => (await nodeA.ctx.db.select().from(visitorSessions).where(eq(visitorSessions.visitorId, v.visitorId)))[0];
    expect((await sessionOf())!.endedAt).toBeNull();
    tabB.disconnect();
    await eventually(() => activity.find((x) => x.e.data.id === v.visitorId && !x.e.data.online), 'departure crosses B→A');
    expect((await sessionOf())!.endedAt).not.toBeNull();
  });
});
