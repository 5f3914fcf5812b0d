import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, messages } from '../../db/schema';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite, buildWorkspace } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

describe('integrations REST API (/api/chat, API tokens)', () => {
  let server: TestServer;
  let admin: Session;
  let token: string;
  let agentSocket: ClientSocket;
  let foreignToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    const created = await api(server, 'POST', '/api/tokens', { cookie: admin.cookie, csrf: admin.csrf, body: { name: 'CRM' } });
    expect(created.status).toBe(201);
    token = created.body.token;
    agentSocket = await connectAgent(server, admin);
    // a token of another workspace
    const ws = await buildWorkspace(server.ctx);
    await buildSite(server.ctx, { workspaceId: ws.id });
    const otherAdmin = await login(server, await buildAgent(server.ctx, { role: 'admin', workspaceId: ws.id }));
    foreignToken = (await api(server, 'POST', '/api/tokens', { cookie: otherAdmin.cookie, csrf: otherAdmin.csrf, body: { name: 'x' } })).body.token;
  });
  afterAll(async () => {
    agentSocket.disconnect();
    await server.close();
  });

  it('POST /api/tokens needs a signed-in admin with CSRF, and shows the token once', async () => {
    expect((await api(server, 'POST', '/api/tokens', { body: { name: 'x' } })).status).toBe(401);
    expect((await api(server, 'POST', '/api/tokens', { cookie: admin.cookie, body: { name: 'x' } })).status).toBe(403);
    expect((await api(server, 'POST', '/api/tokens', { cookie: admin.cookie, csrf: admin.csrf, body: { name: '' } })).status).toBe(400);
    const agent = await login(server, await buildAgent(server.ctx));
    expect((await api(server, 'POST', '/api/tokens', { cookie: agent.cookie, csrf: agent.csrf, body: { name: 'mine' } })).status).toBe(403);
    const list = await api(server, 'GET', '/api/tokens', { cookie: admin.cookie });
    expect(list.body.tokens[0]).not.toHaveProperty('token');
    expect(list.body.tokens[0].prefix).toBe(token.slice(0, 8));
  });

  it('starts a chat, exchanges messages that reach agents and the visitor in real time', async () => {
    const events = record(agentSocket, ['conversation', 'message', 'status_change']);
    const start = await api(server, 'POST', '/api/chat/start', {
      bearer: token,
      body: { customerId: 'customer-123', customerName: 'John Doe', customerEmail: 'john@example.com', channel: 'web', subject: 'Product Inquiry' },
    });
    expect(start.status).toBe(201);
    const conv = start.body.conversation;
    expect(conv).toMatchObject({ status: 'queued', channel: 'web', subject: 'Product Inquiry', visitor: { name: 'John Doe', email: 'john@example.com', externalId: 'customer-123' } });
    await eventually(() => events.find((x) => x.name === 'conversation' && x.e.data.id === conv.id), 'new chat at agent');

    const msg = await api(server, 'POST', `/api/chat/${conv.id}/message`, {
      bearer: token,
      body: { senderId: 'customer-123', senderName: 'John Doe', senderType: 'customer', content: 'Hello, I need help with my order' },
    });
    expect(msg.status).toBe(201);
    expect(msg.body.message).toMatchObject({ seq: 1, senderType: 'visitor', senderName: 'John Doe', body: 'Hello, I need help with my order' });
    await eventually(() => events.find((x) => x.name === 'message' && x.e.data.id === msg.body.message.id), 'api message at agent');

    const agentMsg = await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: token, body: { senderId: 'bot-1', senderName: 'Helper', senderType: 'agent', content: 'On it!' } });
    expect(agentMsg.body.message.senderType).toBe('agent');

    const got = await api(server, 'GET', `/api/chat/${conv.id}`, { bearer: token });
    expect(got.body.conversation.lastSeq).toBe(2);
    const list = await api(server, 'GET', `/api/chat/${conv.id}/messages`, { bearer: token });
    expect(list.body.messages.map((m: { body: string }) => m.body)).toEqual(['Hello, I need help with my order', 'On it!']);
    const queue = await api(server, 'GET', '/api/chat/queue', { bearer: token });
    expect(queue.body.conversations.map((c: { id: string }) => c.id)).toContain(conv.id);

    const put = await api(server, 'PUT', `/api/chat/${conv.id}`, { bearer: token, body: { status: 'resolved', tags: ['shipping'], priority: 'high' } });
    expect(put.status).toBe(200);
    expect(put.body.conversation).toMatchObject({ status: 'resolved', tags: ['shipping'], priority: 'high' });
    await eventually(() => events.find((x) => x.name === 'status_change' && x.e.conversationId === conv.id && x.e.data.status === 'resolved'), 'status at agent');
    const closedSend = await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: token, body: { senderId: 'c', senderName: 'J', senderType: 'customer', content: 'more' } });
    expect(closedSend.status).toBe(409);
  });

  it('messages sent through the API reach the widget visitor of that conversation', async () => {
    const site = (await api(server, 'GET', '/api/sites', { cookie: admin.cookie })).body.sites[0];
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    const visitorEvents = record(s, ['message']);
    const sent = await call<{ conversation: { id: string } }>(s, 'message', { clientId: 'api-v-00001', body: 'hi from widget' });
    if (!sent.ok) throw new Error('send failed');
    const r = await api(server, 'POST', `/api/chat/${sent.data.conversation.id}/message`, { bearer: token, body: { senderId: 'crm', senderName: 'Support', senderType: 'agent', content: 'Hi from the CRM' } });
    expect(r.status).toBe(201);
    await eventually(() => visitorEvents.find((x) => x.e.data.body === 'Hi from the CRM'), 'api reply at widget');
    s.disconnect();
  });

  it('a retried API send with the same clientId stores one message', async () => {
    const conv = (await api(server, 'POST', '/api/chat/start', { bearer: token, body: { customerId: 'c-2', customerName: 'Jane' } })).body.conversation;
    const body = { senderId: 'c-2', senderName: 'Jane', senderType: 'customer', content: 'once', clientId: 'api-retry-0001' };
    const a = await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: token, body });
    const b = await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: token, body });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.message.id).toBe(a.body.message.id);
    expect((await server.ctx.db.select().from(messages).where(eq(messages.conversationId, conv.id))).length).toBe(1);
  });

  it('rejects bad input with 400 and changes nothing', async () => {
    const before = (await server.ctx.db.select().from(conversations)).length;
    for (const body of [{}, { customerId: 'x' }, { customerId: 'x', customerName: 'y', customerEmail: 'nope' }, { customerId: 'x', customerName: 'y', channel: 'fax' }, []]) {
      const r = await api(server, 'POST', '/api/chat/start', { bearer: token, body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await server.ctx.db.select().from(conversations)).length).toBe(before);
    const conv = (await api(server, 'POST', '/api/chat/start', { bearer: token, body: { customerId: 'c-3', customerName: 'Jim' } })).body.conversation;
    const tooLong = await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: token, body: { senderId: 'c', senderName: 'J', senderType: 'customer', content: 'x'.repeat(10_001) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('message_too_long');
    const badType = await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: token, body: { senderId: 'c', senderName: 'J', senderType: 'robot', content: 'x' } });
    expect(badType.status).toBe(400);
    expect((await api(server, 'PUT', `/api/chat/${conv.id}`, { bearer: token, body: {} })).status).toBe(400);
    expect((await api(server, 'GET', '/api/chat/not-a-uuid', { bearer: token })).status).toBe(400);
    expect((await server.ctx.db.select().from(messages).where(eq(messages.conversationId, conv.id))).length).toBe(0);
  });

  it('scopes tokens to their workspace and refuses bad or revoked tokens', async () => {
    const conv = (await api(server, 'POST', '/api/chat/start', { bearer: token, body: { customerId: 'c-4', customerName: 'Kim' } })).body.conversation;
    expect((await api(server, 'GET', `/api/chat/${conv.id}`, { bearer: foreignToken })).status).toBe(404);
    expect((await api(server, 'POST', `/api/chat/${conv.id}/message`, { bearer: foreignToken, body: { senderId: 'x', senderName: 'x', senderType: 'agent', content: 'x' } })).status).toBe(404);
    expect((await api(server, 'GET', `/api/chat/${conv.id}`, { bearer: 'pk_nope' })).status).toBe(401);
    expect((await api(server, 'GET', `/api/chat/${conv.id}`)).status).toBe(401);
    // tokens cannot reach agent-only settings
    expect((await api(server, 'GET', '/api/agents', { bearer: token })).status).toBe(401);
    const created = await api(server, 'POST', '/api/tokens', { cookie: admin.cookie, csrf: admin.csrf, body: { name: 'temp' } });
    expect((await api(server, 'DELETE', `/api/tokens/${created.body.apiToken.id}`, { cookie: admin.cookie, csrf: admin.csrf })).status).toBe(204);
    expect((await api(server, 'GET', '/api/chat/queue', { bearer: created.body.token })).status).toBe(401);
  });
});
