import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { messages, notifications } from '../../db/schema';
import { EventBus } from '../../events/bus';
import { call, connectAgent, connectVisitor, createVisitor, eventually, login, record, sleep, type ClientSocket } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { authenticateVisitor } from '../visitors/service';
import { sendMessage } from './service';

type Sent = { message: MessageDto; conversation: ConversationDto };

/**
 * A node killed between a send's commit and its fan-out leaves a stored message nobody was
 * told about; the widget then retries it (same clientId) on another node. That retry is
 * answered from the stored row, and must announce it, or the agents never see it live.
 */
describe('a retried send answered from the stored row', () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });

  async function setup() {
    const site = await buildSite(server.ctx, { domains: ['127.0.0.1'] });
    const agent = await buildAgent(server.ctx, { siteIds: [site.id] });
    const agentSocket = await connectAgent(server, await login(server, agent));
    const v = await createVisitor(server, site.widgetKey);
    const visitor = await connectVisitor(server, v);
    sockets.push(agentSocket, visitor);
    const { actor } = (await authenticateVisitor(server.ctx.db, v))!;
    return { agent, agentEvents: record(agentSocket, ['message', 'conversation']), visitor, actor };
  }

  it('is pushed to the agents when the attempt that stored it died before its fan-out', async () => {
    const { agentEvents, visitor, actor } = await setup();
    // The first attempt commits, then its process dies: nothing is emitted.
    const lost = await sendMessage({ ...server.ctx, bus: new EventBus() }, actor, { clientId: 'replay-000000001', body: 'are you there?' });
    await sleep(100);
    expect(agentEvents).toHaveLength(0);

    const retry = await call<Sent>(visitor, 'message', { clientId: 'replay-000000001', body: 'are you there?' });
    expect(retry.ok && retry.data.message.id).toBe(lost.message.id);
    await eventually(() => agentEvents.find((x) => x.name === 'conversation' && x.e.data.id === lost.conversation.id), 'the conversation announced to the agents');
    await eventually(() => agentEvents.find((x) => x.name === 'message' && x.e.data.clientId === 'replay-000000001'), 'the message pushed to the agents');
    expect(await server.ctx.db.select().from(messages).where(eq(messages.conversationId, lost.conversation.id))).toHaveLength(1);
  });

  it('re-announces without repeating side effects: no second notification', async () => {
    const { agent, agentEvents, visitor } = await setup();
    const first = await call<Sent>(visitor, 'message', { clientId: 'replay-000000002', body: 'hello' });
    expect(first.ok).toBe(true);
    await eventually(() => agentEvents.find((x) => x.name === 'message'), 'the first fan-out');
    await sleep(200);
    const before = await server.ctx.db.select().from(notifications).where(eq(notifications.agentId, agent.id));

    const retry = await call<Sent>(visitor, 'message', { clientId: 'replay-000000002', body: 'hello' });
    expect(retry.ok && first.ok && retry.data.message.seq).toBe(first.ok && first.data.message.seq);
    await eventually(() => agentEvents.filter((x) => x.name === 'message').length === 2, 'the re-announcement');
    await sleep(200);
    expect(await server.ctx.db.select().from(notifications).where(eq(notifications.agentId, agent.id))).toHaveLength(before.length);
  });
});
