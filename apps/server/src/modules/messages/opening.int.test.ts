import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto, TriggerDto } from '@parley/protocol';
import { conversations } from '../../db/schema';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

type SendAck = { message: MessageDto; conversation: ConversationDto };
type StateAck = { conversation: ConversationDto; messages: MessageDto[] };

const engaging = { title: 'Acme Support', greeting: { enabled: true, message: 'Welcome to Acme!' }, away: { enabled: true, message: 'We are away, back soon.' } };

describe('greeting, trigger and away messages; CSAT', () => {
  let server: TestServer;
  let admin: Session;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let other: Awaited<ReturnType<typeof buildSite>>;
  let agent: Session;
  let agentSocket: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    await api(server, 'PUT', '/api/me/status', { cookie: admin.cookie, csrf: admin.csrf, body: { status: 'offline' } });
    site = await buildSite(server.ctx, { settings: engaging as never, routing: { mode: 'manual' } as never });
    other = await buildSite(server.ctx);
    agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Ann' }));
    agentSocket = await connectAgent(server, agent);
    sockets.push(agentSocket);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  async function visitor(siteKey = site.widgetKey) {
    const v = await createVisitor(server, siteKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    return { v, s, heard: record(s, ['message']) };
  }
  const setStatus = (status: string) => api(server, 'PUT', '/api/me/status', { cookie: agent.cookie, csrf: agent.csrf, body: { status } });
  const newTrigger = async (siteId: string, body: Record<string, unknown> = {}) =>
    (await api(server, 'POST', `/api/sites/${siteId}/triggers`, { cookie: admin.cookie, csrf: admin.csrf, body: { name: 'Pricing help', conditions: [{ type: 'time_on_page', seconds: 5 }], message: 'Questions about pricing?', ...body } })).body
      .trigger as TriggerDto;

  it('nobody online: greeting (seq 1), the visitor message (seq 2), the away message (seq 3), all as the team', async () => {
    await setStatus('offline');
    const agentHeard = record(agentSocket, ['message', 'conversation']);
    const { s, heard } = await visitor();
    const sent = await call<SendAck>(s, 'message', { clientId: 'open-000001', body: 'Is anyone there?' });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.data.message).toMatchObject({ seq: 2, senderType: 'visitor', body: 'Is anyone there?' });
    expect(sent.data.conversation).toMatchObject({ lastSeq: 3, lastMessagePreview: 'Is anyone there?', triggerId: null });

    const state = await call<StateAck>(s, 'visitor:state', {});
    expect(state.ok && state.data.messages.map((m) => [m.seq, m.senderType, m.senderName, m.body])).toEqual([
      [1, 'bot', 'Acme Support', 'Welcome to Acme!'],
      [2, 'visitor', null, 'Is anyone there?'],
      [3, 'bot', 'Acme Support', 'We are away, back soon.'],
    ]);
    // Live, in seq order, to the visitor and to the site's agents.
    await eventually(() => heard.length === 3, 'visitor hears three messages');
    expect(heard.map((x) => x.e.data.seq)).toEqual([1, 2, 3]);
    await eventually(() => agentHeard.filter((x) => x.name === 'message').length === 3, 'agent hears three messages');
    expect(agentHeard.filter((x) => x.name === 'message').map((x) => x.e.data.seq)).toEqual([1, 2, 3]);

    // Only the first message of a conversation brings them.
    const next = await call<SendAck>(s, 'message', { conversationId: sent.data.conversation.id, clientId: 'open-000002', body: 'Hello?' });
    expect(next.ok && next.data.message.seq).toBe(4);
    expect(next.ok && next.data.conversation.lastSeq).toBe(4);
    // A retried first message returns the stored one and adds nothing.
    const retry = await call<SendAck>(s, 'message', { clientId: 'open-000001', body: 'Is anyone there?' });
    expect(retry.ok && retry.data.message.seq).toBe(2);
    expect(retry.ok && retry.data.conversation.lastSeq).toBe(4);
  });

  it('an agent online: greeting and the message, no away message', async () => {
    await setStatus('online');
    const { s } = await visitor();
    const sent = await call<SendAck>(s, 'message', { clientId: 'open-000003', body: 'Hi' });
    expect(sent.ok && sent.data.message.seq).toBe(2);
    const state = await call<StateAck>(s, 'visitor:state', {});
    expect(state.ok && state.data.messages.map((m) => m.body)).toEqual(['Welcome to Acme!', 'Hi']);
  });

  it("an accepted prompt's message opens the chat instead of the greeting and the chat counts for the trigger", async () => {
    await setStatus('online');
    const trigger = await newTrigger(site.id);
    const { s } = await visitor();
    const sent = await call<SendAck>(s, 'message', { clientId: 'open-000004', body: 'Yes, how much is it?', triggerId: trigger.id });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.data.conversation.triggerId).toBe(trigger.id);
    const state = await call<StateAck>(s, 'visitor:state', {});
    expect(state.ok && state.data.messages.map((m) => [m.seq, m.senderType, m.body])).toEqual([
      [1, 'bot', 'Questions about pricing?'],
      [2, 'visitor', 'Yes, how much is it?'],
    ]);
    const inbox = await api(server, 'GET', `/api/conversations/${sent.data.conversation.id}`, { cookie: agent.cookie });
    expect(inbox.body.conversation.triggerId).toBe(trigger.id);
  });

  it('refuses a trigger of another site, an unknown one or a disabled one, storing nothing', async () => {
    const foreign = await newTrigger(other.id);
    const disabled = await newTrigger(site.id, { enabled: false });
    const { v, s } = await visitor();
    for (const triggerId of [foreign.id, disabled.id, '01900000-0000-7000-8000-000000000000']) {
      const r = await call<SendAck>(s, 'message', { clientId: `bad-trigger-${triggerId.slice(0, 8)}`, body: 'Hello', triggerId });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^triggerId:/) });
    }
    expect(await server.ctx.db.select().from(conversations).where(eq(conversations.visitorId, v.visitorId))).toEqual([]);
  });

  it('CSAT: only after the chat ended, only on your own chat; agents see the rating', async () => {
    const agentHeard = record(agentSocket, ['conversation']);
    const { s } = await visitor();
    const sent = await call<SendAck>(s, 'message', { clientId: 'csat-000001', body: 'Help' });
    if (!sent.ok) throw new Error('send failed');
    const conversationId = sent.data.conversation.id;
    const early = await call(s, 'conversation:rate', { conversationId, score: 5 });
    expect(!early.ok && early.error.code).toBe('conflict');

    const { s: stranger } = await visitor();
    expect((await call(s, 'conversation:close', { conversationId })).ok).toBe(true);
    const foreign = await call(stranger, 'conversation:rate', { conversationId, score: 1 });
    expect(!foreign.ok && foreign.error.code).toBe('not_found');
    const bad = await call(s, 'conversation:rate', { conversationId, score: 6 });
    expect(!bad.ok && bad.error.code).toBe('validation_failed');

    const rated = await call<{ conversation: ConversationDto }>(s, 'conversation:rate', { conversationId, score: 4, comment: ' Quick and kind ' });
    expect(rated.ok && rated.data.conversation.rating).toMatchObject({ score: 4, comment: 'Quick and kind' });
    const seen = await eventually(() => agentHeard.find((x) => x.e.conversationId === conversationId && x.e.data.rating), 'agent sees the rating');
    expect(seen.e.data.rating).toMatchObject({ score: 4, comment: 'Quick and kind', ratedAt: expect.any(String) });
    const again = await call<{ conversation: ConversationDto }>(s, 'conversation:rate', { conversationId, score: 5 });
    expect(again.ok && again.data.conversation.rating).toMatchObject({ score: 5, comment: '' });
  });
});
