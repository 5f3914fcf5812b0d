import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto, NotificationDto, TransferDto } from '@parley/protocol';
import { agentDepartments, agents, conversationParticipants, departments, notifications } from '../../db/schema';
import type { ConvRef } from '../../events/bus';
import { newId } from '../../ids';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

type SendAck = { message: MessageDto; conversation: ConversationDto };


describe('notifications', () => {
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let otherSite: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session; // agent of site
  let bob: Session; // agent of site
  let carol: Session; // agent of otherSite only
  let admin: Session; // serves every site
  let manager: Session; // reads every site, never takes chats
  let disabledId: string; // agent of site, disabled
  let aliceSocket: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx, { name: 'Shop', domains: ['127.0.0.1'] });
    otherSite = await buildSite(server.ctx, { domains: ['127.0.0.1'] });
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    bob = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Bob' }));
    carol = await login(server, await buildAgent(server.ctx, { siteIds: [otherSite.id], pseudoName: 'Carol' }));
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin', pseudoName: 'Ada' }));
    manager = await login(server, await buildAgent(server.ctx, { role: 'manager', pseudoName: 'Max' }));
    disabledId = (await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Gone' })).id;
    await server.ctx.db.update(agents).set({ disabled: true }).where(eq(agents.id, disabledId));
    aliceSocket = await connectAgent(server, alice);
    sockets.push(aliceSocket);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  const list = async (who: Session, query = '') => (await api(server, 'GET', `/api/notifications${query}`, { cookie: who.cookie })).body as { notifications: NotificationDto[]; unreadCount: number };
  const rowsFor = (agentId: string) => server.ctx.db.select().from(notifications).where(eq(notifications.agentId, agentId));
  const about = async (agentId: string, conversationId: string, type: string) => (await rowsFor(agentId)).filter((n) => n.conversationId === conversationId && n.type === type);

  /** A real chat: a visitor's first message (which also notifies `waiting`). */
  async function startChat(text = 'Hello, where is my order?') {
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    const sent = await call<SendAck>(s, 'message', { clientId: `c-${newId().slice(-12)}`, body: text });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversation = sent.data.conversation;
    const ref: ConvRef = { workspaceId: site.workspaceId, siteId: site.id, visitorId: v.visitorId, conversationId: conversation.id };
    // Wait for the waiting notification so later assertions start from a settled state.
    await eventually(async () => (await about(alice.agentId, conversation.id, 'waiting')).length > 0, 'waiting notification');
    return { conversation, visitor: s, ref };
  }

  it("a visitor's first message notifies every agent who can take the chat, live on their socket", async () => {
    const events = record(aliceSocket, ['notification']);
    const { conversation } = await startChat('Hello,\n  where is my order?');
    const live = await eventually(() => events.find((x) => x.e.conversationId === conversation.id), 'notification event');
    expect(live.e.type).toBe('notification');
    expect(live.e.data).toMatchObject({ type: 'waiting', conversationId: conversation.id, title: 'New visitor waiting', body: 'A visitor on Shop: Hello, where is my order?', readAt: null });

    const mine = await list(alice);
    expect(mine.notifications[0]).toEqual(live.e.data);
    expect(mine.unreadCount).toBeGreaterThanOrEqual(1);
    expect(await about(bob.agentId, conversation.id, 'waiting')).toHaveLength(1);
    expect(await about(admin.agentId, conversation.id, 'waiting')).toHaveLength(1);
    // Managers only read, other sites' agents and disabled agents are not told.
    expect(await about(manager.agentId, conversation.id, 'waiting')).toHaveLength(0);
    expect(await about(carol.agentId, conversation.id, 'waiting')).toHaveLength(0);
    expect(await about(disabledId, conversation.id, 'waiting')).toHaveLength(0);
  });

  it("visitor messages notify the assignee and active participants, collapsed into one unread entry per chat", async () => {
    const { conversation, visitor } = await startChat();
    const accepted = await api(server, 'POST', `/api/conversations/${conversation.id}/accept`, { cookie: alice.cookie, csrf: alice.csrf });
    expect(accepted.status).toBe(200);
    await server.ctx.db.insert(conversationParticipants).values({ workspaceId: site.workspaceId, conversationId: conversation.id, agentId: bob.agentId });
    const events = record(aliceSocket, ['notification']);

    const send = (body: string) => call<SendAck>(visitor, 'message', { conversationId: conversation.id, clientId: `c-${newId().slice(-12)}`, body });
    await send('First question');
    await eventually(async () => (await about(alice.agentId, conversation.id, 'message'))[0]?.body === 'First question', 'first message notification');
    await send('Second question');
    await eventually(async () => (await about(alice.agentId, conversation.id, 'message'))[0]?.body === 'Second question', 'collapsed notification');

    const aliceRows = await about(alice.agentId, conversation.id, 'message');
    expect(aliceRows).toHaveLength(1);
    expect(aliceRows[0]!.title).toBe('New message from a visitor');
    // Still pushed live each time, as the same entry.
    const live = await eventually(() => {
      const mine = events.filter((x) => x.e.data.type === 'message' && x.e.conversationId === conversation.id);
      return mine.length === 2 && mine;
    }, 'two live events');
    expect(live[0]!.e.data.id).toBe(live[1]!.e.data.id);
    expect(live[1]!.e.data.body).toBe('Second question');
    expect(await about(bob.agentId, conversation.id, 'message')).toHaveLength(1);
    expect(await about(admin.agentId, conversation.id, 'message')).toHaveLength(0);

    // Once read, the next message is a new entry; a participant who left is no longer told.
    await api(server, 'POST', '/api/notifications/read', { cookie: alice.cookie, csrf: alice.csrf, body: { ids: [aliceRows[0]!.id] } });
    await server.ctx.db.update(conversationParticipants).set({ leftAt: new Date() }).where(eq(conversationParticipants.agentId, bob.agentId));
    await send('Third question');
    await eventually(async () => (await about(alice.agentId, conversation.id, 'message')).length === 2, 'new entry after read');
    const bobRows = await about(bob.agentId, conversation.id, 'message');
    expect(bobRows.map((r) => r.body)).toEqual(['Second question']);
  });

  it('a note notifies the agents it mentions who can read the chat, never its author', async () => {
    const { conversation, ref } = await startChat();
    const note: MessageDto = {
      id: newId(),
      conversationId: conversation.id,
      seq: 99,
      senderType: 'agent',
      senderId: alice.agentId,
      senderName: 'Alice',
      kind: 'note',
      body: '@Bob @Max @Carol can you check the refund?',
      clientId: null,
      createdAt: new Date().toISOString(),
      mentions: [bob.agentId, manager.agentId, carol.agentId, alice.agentId],
    };
    server.ctx.bus.emit({ name: 'message.created', ref, message: note });
    const [bobRow] = await eventually(async () => {
      const rows = await about(bob.agentId, conversation.id, 'mention');
      return rows.length > 0 && rows;
    }, 'mention');
    expect(bobRow).toMatchObject({ title: 'Alice mentioned you', body: 'A visitor on Shop: @Bob @Max @Carol can you check the refund?' });
    expect(await about(manager.agentId, conversation.id, 'mention')).toHaveLength(1);
    expect(await about(carol.agentId, conversation.id, 'mention')).toHaveLength(0);
    expect(await about(alice.agentId, conversation.id, 'mention')).toHaveLength(0);
    // A note is not a visitor message: no `message` notification for anyone.
    expect(await about(alice.agentId, conversation.id, 'message')).toHaveLength(0);
  });

  it('a transfer notifies the target agent, or the target department members who serve the site', async () => {
    const { conversation, ref } = await startChat();
    const transfer = (t: Partial<TransferDto>): TransferDto => ({
      id: newId(),
      conversationId: conversation.id,
      fromAgentId: alice.agentId,
      fromAgentName: 'Alice',
      toAgentId: null,
      toAgentName: null,
      toDepartmentId: null,
      toDepartmentName: null,
      reason: null,
      mode: 'leave',
      createdAt: new Date().toISOString(),
      ...t,
    });
    server.ctx.bus.emit({ name: 'conversation.transferred', ref, conversation, transfer: transfer({ toAgentId: bob.agentId, toAgentName: 'Bob', reason: 'Billing question' }) });
    const [row] = await eventually(async () => {
      const rows = await about(bob.agentId, conversation.id, 'transfer');
      return rows.length > 0 && rows;
    }, 'transfer to bob');
    expect(row).toMatchObject({ title: 'Alice transferred a chat to you', body: 'A visitor on Shop: Billing question' });

    const departmentId = newId();
    await server.ctx.db.insert(departments).values({ id: departmentId, workspaceId: site.workspaceId, name: 'Billing' });
    await server.ctx.db.insert(agentDepartments).values([alice, admin, carol].map((a) => ({ workspaceId: site.workspaceId, departmentId, agentId: a.agentId })));
    server.ctx.bus.emit({ name: 'conversation.transferred', ref, conversation, transfer: transfer({ toDepartmentId: departmentId, toDepartmentName: 'Billing' }) });
    const [adminRow] = await eventually(async () => {
      const rows = await about(admin.agentId, conversation.id, 'transfer');
      return rows.length > 0 && rows;
    }, 'transfer to department');
    expect(adminRow!.title).toBe('Alice transferred a chat to Billing');
    expect(await about(alice.agentId, conversation.id, 'transfer')).toHaveLength(0); // the sender
    expect(await about(carol.agentId, conversation.id, 'transfer')).toHaveLength(0); // not on this site
    expect(await about(bob.agentId, conversation.id, 'transfer')).toHaveLength(1); // not in Billing
  });

  it('an unanswered chat notifies every agent who can take it', async () => {
    const { conversation, ref } = await startChat('Anyone there?');
    server.ctx.bus.emit({ name: 'conversation.unanswered', ref, conversation, waitedSeconds: 125 });
    const [row] = await eventually(async () => {
      const rows = await about(bob.agentId, conversation.id, 'unanswered');
      return rows.length > 0 && rows;
    }, 'unanswered');
    expect(row).toMatchObject({ title: 'Visitor waiting for 2 min', body: 'A visitor on Shop: Anyone there?' });
    expect(await about(alice.agentId, conversation.id, 'unanswered')).toHaveLength(1);
    expect(await about(admin.agentId, conversation.id, 'unanswered')).toHaveLength(1);
    expect(await about(manager.agentId, conversation.id, 'unanswered')).toHaveLength(0);
    expect(await about(carol.agentId, conversation.id, 'unanswered')).toHaveLength(0);
  });

  it('a real note with @mention and a real transfer notify through the API', async () => {
    const { conversation } = await startChat();
    expect((await api(server, 'POST', `/api/conversations/${conversation.id}/accept`, { cookie: alice.cookie, csrf: alice.csrf })).status).toBe(200);
    const bobSocket = await connectAgent(server, bob);
    sockets.push(bobSocket);
    const bobEvents = record(bobSocket, ['notification']);

    const note = await call<SendAck>(aliceSocket, 'message', { conversationId: conversation.id, clientId: `n-${newId().slice(-12)}`, body: '@Bob could you check this one?', kind: 'note' });
    expect(note.ok).toBe(true);
    const mention = await eventually(() => bobEvents.find((x) => x.e.data.type === 'mention' && x.e.conversationId === conversation.id), 'mention event');
    expect(mention.e.data.title).toBe('Alice mentioned you');

    const moved = await api(server, 'POST', `/api/conversations/${conversation.id}/transfer`, { cookie: alice.cookie, csrf: alice.csrf, body: { toAgentId: bob.agentId, reason: 'Refunds are yours', mode: 'leave' } });
    expect(moved.status).toBe(200);
    const transfer = await eventually(() => bobEvents.find((x) => x.e.data.type === 'transfer' && x.e.conversationId === conversation.id), 'transfer event');
    expect(transfer.e.data).toMatchObject({ title: 'Alice transferred a chat to you', body: 'A visitor on Shop: Refunds are yours' });
    expect(await about(alice.agentId, conversation.id, 'transfer')).toHaveLength(0);
  });

  it("marks read by ids or all, only ever the caller's own", async () => {
    await startChat();
    const bobsBefore = await list(bob, '?unreadOnly=true');
    const mine = await list(alice, '?unreadOnly=true&limit=2');
    expect(mine.notifications).toHaveLength(2);
    expect(mine.notifications.every((n) => n.readAt === null)).toBe(true);
    expect(Date.parse(mine.notifications[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(mine.notifications[1]!.createdAt));

    const one = await api(server, 'POST', '/api/notifications/read', { cookie: alice.cookie, csrf: alice.csrf, body: { ids: [mine.notifications[0]!.id] } });
    expect(one.status).toBe(200);
    expect(one.body.unreadCount).toBe(mine.unreadCount - 1);
    const after = await list(alice);
    expect(after.notifications.find((n) => n.id === mine.notifications[0]!.id)!.readAt).not.toBeNull();

    // Bob cannot mark Alice's, nor see them.
    const theirs = await api(server, 'POST', '/api/notifications/read', { cookie: bob.cookie, csrf: bob.csrf, body: { ids: [mine.notifications[1]!.id] } });
    expect(theirs.status).toBe(200);
    expect(theirs.body.unreadCount).toBe(bobsBefore.unreadCount);
    expect((await list(alice, '?unreadOnly=true')).notifications.map((n) => n.id)).toContain(mine.notifications[1]!.id);
    expect((await list(bob, '?limit=100')).notifications.map((n) => n.id)).not.toContain(mine.notifications[1]!.id);

    const all = await api(server, 'POST', '/api/notifications/read', { cookie: alice.cookie, csrf: alice.csrf, body: { all: true } });
    expect(all.body.unreadCount).toBe(0);
    expect((await list(alice, '?unreadOnly=true')).notifications).toHaveLength(0);
    expect((await list(bob)).unreadCount).toBe(bobsBefore.unreadCount);
  });

  it("hides entries about chats on sites the agent no longer serves", async () => {
    const { conversation } = await startChat();
    await server.ctx.db.insert(notifications).values({ id: newId(), workspaceId: site.workspaceId, agentId: carol.agentId, type: 'waiting', conversationId: conversation.id, title: 'New visitor waiting', body: 'secret' });
    const carols = await list(carol);
    expect(carols.notifications.map((n) => n.body)).not.toContain('secret');
    expect(carols.unreadCount).toBe(0);
  });

  it('refuses bad input and strangers', async () => {
    const post = (body: unknown, who: Partial<Session> = alice) => api(server, 'POST', '/api/notifications/read', { cookie: who.cookie, csrf: who.csrf, body });
    for (const body of [{}, { ids: [] }, { ids: ['not-a-uuid'] }, { all: false }, '"nope"']) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    for (const q of ['?limit=0', '?limit=101', '?limit=abc']) expect((await api(server, 'GET', `/api/notifications${q}`, { cookie: alice.cookie })).status, q).toBe(400);
    expect((await api(server, 'GET', '/api/notifications')).status).toBe(401);
    expect((await post({ all: true }, { cookie: alice.cookie })).status).toBe(403); // no CSRF token
  });
});
