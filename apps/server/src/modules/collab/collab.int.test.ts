import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDto, MessageDto, TransferDto } from '@parley/protocol';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, sleep, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

type SendAck = { message: MessageDto; conversation: ConversationDto };

describe('working a chat together: join, notes, transfer, status', () => {
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let otherSite: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session;
  let bob: Session;
  let carol: Session; // agent of the other site
  let manager: Session;
  let admin: Session;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx);
    otherSite = await buildSite(server.ctx);
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    bob = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Bob' }));
    carol = await login(server, await buildAgent(server.ctx, { siteIds: [otherSite.id], pseudoName: 'Carol' }));
    manager = await login(server, await buildAgent(server.ctx, { role: 'manager', pseudoName: 'Manny' }));
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin', pseudoName: 'Ada' }));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  const as = (who: Session) => ({ cookie: who.cookie, csrf: who.csrf });
  async function agentSocket(who: Session) {
    const s = await connectAgent(server, who);
    sockets.push(s);
    return s;
  }
  async function startChat(body = 'Hello, I need help') {
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    const events = record(s, ['message', 'agent_assigned', 'status_change', 'queue']);
    const sent = await call<SendAck>(s, 'message', { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, body });
    if (!sent.ok) throw new Error(sent.error.message);
    return { v, s, events, convId: sent.data.conversation.id };
  }

  it('a second agent joins; the visitor sees who joined and each sender by name; notes stay internal and mention', async () => {
    const aliceSocket = await agentSocket(alice);
    const bobSocket = await agentSocket(bob);
    const aliceEvents = record(aliceSocket, ['message']);
    const { s: visitor, events: visitorEvents, convId } = await startChat();
    expect((await api(server, 'POST', `/api/conversations/${convId}/accept`, as(alice))).status).toBe(200);

    // Bob may not reply before joining; after joining he may.
    const early = await call<SendAck>(bobSocket, 'message', { conversationId: convId, clientId: 'bob-early-1', body: 'Hi!' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('forbidden');
    const joined = await api(server, 'POST', `/api/conversations/${convId}/join`, as(bob));
    expect(joined.status).toBe(200);
    expect(joined.body.conversation.participants.map((p: { name: string }) => p.name)).toEqual(['Bob']);
    await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.body === 'Bob joined the chat'), 'visitor sees Bob joined');
    const reply = await call<SendAck>(bobSocket, 'message', { conversationId: convId, clientId: 'bob-reply-1', body: 'Bob here, happy to help' });
    expect(reply.ok).toBe(true);
    const got = await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.body === 'Bob here, happy to help'), 'visitor gets Bob reply');
    expect(got.e.data.senderName).toBe('Bob');

    // A note from Bob mentioning Alice: Alice gets it with the mention, the visitor never does.
    const note = await call<SendAck>(bobSocket, 'message', { conversationId: convId, clientId: 'bob-note-1', body: '@Alice can you check the refund?', kind: 'note' });
    expect(note.ok).toBe(true);
    if (!note.ok) return;
    expect(note.data.message.kind).toBe('note');
    expect(note.data.message.mentions).toEqual([alice.agentId]);
    await eventually(() => aliceEvents.find((x) => x.e.data.kind === 'note' && x.e.data.mentions?.includes(alice.agentId)), 'alice gets the note');
    // Visitors cannot write notes either.
    const visitorNote = await call<SendAck>(visitor, 'message', { conversationId: convId, clientId: 'v-note-0001', body: 'sneaky', kind: 'note' });
    expect(visitorNote.ok).toBe(false);

    const state = await call<{ messages: MessageDto[]; conversation: ConversationDto }>(visitor, 'visitor:state', {});
    expect(state.ok).toBe(true);
    if (state.ok) {
      expect(state.data.messages.some((m) => m.kind === 'note')).toBe(false);
      expect(state.data.conversation.lastMessagePreview).not.toContain('refund');
    }
    await sleep(100);
    expect(visitorEvents.some((x) => x.name === 'message' && (x.e.data.kind === 'note' || /refund/.test(x.e.data.body)))).toBe(false);

    // Bob leaves: the visitor sees it; he can no longer reply.
    expect((await api(server, 'POST', `/api/conversations/${convId}/leave`, as(bob))).status).toBe(200);
    await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.body === 'Bob left the chat'), 'visitor sees Bob left');
    const after = await call<SendAck>(bobSocket, 'message', { conversationId: convId, clientId: 'bob-after-1', body: 'still here?' });
    expect(after.ok).toBe(false);
  });

  it('transfer & leave to another agent: logged, announced to both sides, reason internal', async () => {
    const bobSocket = await agentSocket(bob);
    const bobEvents = record(bobSocket, ['agent_assigned', 'conversation']);
    const { events: visitorEvents, convId } = await startChat();
    await api(server, 'POST', `/api/conversations/${convId}/accept`, as(alice));

    // Bad input changes nothing.
    for (const body of [{}, { toAgentId: bob.agentId, toDepartmentId: bob.agentId }, { toAgentId: 'nope' }, { toAgentId: bob.agentId, mode: 'sideways' }]) {
      const bad = await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(alice), body });
      expect(bad.status).toBe(400);
    }
    expect((await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(alice), body: { toAgentId: carol.agentId } })).status).toBe(400);
    const otto = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Otto' }); // never signed in: offline
    const offline = await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(alice), body: { toAgentId: otto.id } });
    expect(offline.status).toBe(409);
    expect(offline.body.error.message).toMatch(/Otto is offline/);
    expect((await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(carol), body: { toAgentId: bob.agentId } })).status).toBe(404);
    expect((await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(bob), body: { toAgentId: bob.agentId } })).status).toBe(403);
    expect((await api(server, 'GET', `/api/conversations/${convId}/transfers`, as(alice))).body.transfers).toEqual([]);

    const r = await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(alice), body: { toAgentId: bob.agentId, reason: 'Billing question', mode: 'leave' } });
    expect(r.status).toBe(200);
    expect(r.body.conversation.assignedAgentId).toBe(bob.agentId);
    expect(r.body.conversation.participants).toEqual([]);
    const t: TransferDto = r.body.transfer;
    expect(t).toMatchObject({ fromAgentName: 'Alice', toAgentName: 'Bob', reason: 'Billing question', mode: 'leave' });

    await eventually(() => bobEvents.find((x) => x.name === 'agent_assigned' && x.e.conversationId === convId && x.e.data.agentId === bob.agentId), 'bob is told');
    await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.body === 'Transferred from Alice to Bob'), 'visitor sees the transfer');
    await eventually(() => visitorEvents.find((x) => x.name === 'agent_assigned' && x.e.data.agentName === 'Bob'), 'visitor sees the new agent');
    await sleep(100);
    expect(visitorEvents.some((x) => x.name === 'message' && /Billing question/.test(x.e.data.body))).toBe(false);

    const history = await api(server, 'GET', `/api/conversations/${convId}/messages`, as(bob));
    expect(history.body.messages.find((m: MessageDto) => m.body === 'Transfer reason: Billing question')?.kind).toBe('note');
    const log = await api(server, 'GET', `/api/conversations/${convId}/transfers`, as(bob));
    expect(log.body.transfers).toHaveLength(1);
    expect(log.body.transfers[0]).toMatchObject({ fromAgentId: alice.agentId, toAgentId: bob.agentId, reason: 'Billing question' });

    // Alice left: she cannot reply any more.
    const aliceSocket = await agentSocket(alice);
    const denied = await call<SendAck>(aliceSocket, 'message', { conversationId: convId, clientId: 'alice-late-1', body: 'me again' });
    expect(denied.ok).toBe(false);
  });

  it('transfer & stay to a department: back to that team\'s queue, the sender stays in', async () => {
    const dept = await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Billing', agentIds: [bob.agentId], siteIds: [site.id] } });
    expect(dept.status).toBe(201);
    const { convId } = await startChat();
    await api(server, 'POST', `/api/conversations/${convId}/accept`, as(alice));
    const r = await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(alice), body: { toDepartmentId: dept.body.department.id, mode: 'stay' } });
    expect(r.status).toBe(200);
    expect(r.body.conversation).toMatchObject({ status: 'queued', assignedAgentId: null, departmentId: dept.body.department.id });
    expect(r.body.conversation.participants.map((p: { agentId: string }) => p.agentId)).toEqual([alice.agentId]);
    expect(r.body.transfer.toDepartmentName).toBe('Billing');
    // A department of another site is refused.
    const elsewhere = await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Elsewhere', siteIds: [otherSite.id] } });
    const refused = await api(server, 'POST', `/api/conversations/${convId}/transfer`, { ...as(alice), body: { toDepartmentId: elsewhere.body.department.id } });
    expect(refused.status).toBe(400);
  });

  it('tags, priority, resolve and reopen; bad input and strangers change nothing', async () => {
    const { convId, events: visitorEvents } = await startChat();
    await api(server, 'POST', `/api/conversations/${convId}/accept`, as(alice));
    const path = `/api/conversations/${convId}`;
    expect((await api(server, 'PATCH', path, { ...as(alice), body: {} })).status).toBe(400);
    expect((await api(server, 'PATCH', path, { ...as(alice), body: { priority: 'sky-high' } })).status).toBe(400);
    expect((await api(server, 'PATCH', path, { ...as(alice), body: { tags: ['x'.repeat(51)] } })).status).toBe(400);
    expect((await api(server, 'PATCH', path, { ...as(carol), body: { priority: 'high' } })).status).toBe(404);
    expect((await api(server, 'PATCH', path, { ...as(manager), body: { priority: 'high' } })).status).toBe(403);
    expect((await api(server, 'PATCH', path, { cookie: alice.cookie, body: { priority: 'high' } })).status).toBe(403); // no CSRF token
    expect((await api(server, 'GET', path, as(alice))).body.conversation).toMatchObject({ priority: 'normal', tags: [] });

    const tagged = await api(server, 'PATCH', path, { ...as(alice), body: { tags: ['Refund', 'vip', 'refund'], priority: 'urgent' } });
    expect(tagged.status).toBe(200);
    expect(tagged.body.conversation).toMatchObject({ tags: ['refund', 'vip'], priority: 'urgent' });
    expect((await api(server, 'GET', '/api/tags', as(bob))).body.tags).toEqual(expect.arrayContaining(['refund', 'vip']));

    // Bob is not in the chat: he may tag it but not resolve it.
    expect((await api(server, 'PATCH', path, { ...as(bob), body: { status: 'resolved' } })).status).toBe(403);
    const resolved = await api(server, 'PATCH', path, { ...as(alice), body: { status: 'resolved' } });
    expect(resolved.body.conversation.status).toBe('resolved');
    await eventually(() => visitorEvents.find((x) => x.name === 'status_change' && x.e.data.status === 'resolved'), 'visitor told resolved');
    const reopened = await api(server, 'PATCH', path, { ...as(alice), body: { status: 'active' } });
    expect(reopened.body.conversation).toMatchObject({ status: 'active', assignedAgentId: alice.agentId, closedAt: null });
    await eventually(() => visitorEvents.find((x) => x.name === 'message' && x.e.data.body === 'Alice reopened the chat'), 'visitor sees reopen');
    const closed = await api(server, 'PATCH', path, { ...as(alice), body: { status: 'closed' } });
    expect(closed.body.conversation.status).toBe('closed');
  });

  it('agents see their teammates (transfer targets, @mentions), not agents of other sites', async () => {
    const names = ((await api(server, 'GET', '/api/agents', as(alice))).body.agents as { pseudoName: string }[]).map((a) => a.pseudoName);
    expect(names).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Manny', 'Ada']));
    expect(names).not.toContain('Carol');
  });

  it('"next waiting chat" takes the oldest chat I may take', async () => {
    const waiting = await api(server, 'GET', '/api/conversations?status=waiting', as(admin));
    for (const c of waiting.body.conversations as ConversationDto[]) await api(server, 'POST', `/api/conversations/${c.id}/close`, as(admin));
    const first = await startChat('first in line');
    await startChat('second in line');
    const aliceNext = await api(server, 'POST', '/api/conversations/next', as(alice));
    expect(aliceNext.body.conversation).toMatchObject({ id: first.convId, status: 'active', assignedAgentId: alice.agentId });
    expect((await api(server, 'POST', '/api/conversations/next', as(carol))).body.conversation).toBeNull();
    expect((await api(server, 'POST', '/api/conversations/next', as(manager))).status).toBe(403);
  });
});
