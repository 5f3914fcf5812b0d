import type { FastifyInstance } from 'fastify';
import { ApiChatStartBody, ApiChatUpdateBody, ApiMessageBody, Id, InboxQuery, MessagesQuery } from '@parley/protocol';
import type { Ctx } from '../../context';
import { forbidden } from '../../errors';
import { requireAgentOrApi } from '../../http/auth';
import { parse } from '../../validate';
import { listMessages } from '../messages/queries';
import { sendMessage } from '../messages/service';
import { readableConversation } from './access';
import { getConversationDto, listInbox } from './queries';
import { startApiConversation, updateConversation } from './service';

/**
 * The integrations API of seed 003 (`/api/chat/...`), for API tokens (`Authorization:
 * Bearer`) and signed-in agents alike. Messages sent here fan out like any other.
 */
export function chatApiRoutes(app: FastifyInstance, ctx: Ctx) {
  app.post('/api/chat/start', async (req, reply) => {
    const actor = await requireAgentOrApi(ctx, req);
    const body = parse(ApiChatStartBody, req.body);
    return reply.code(201).send({ conversation: await startApiConversation(ctx, actor, body) });
  });
  app.get('/api/chat/queue', async (req) => {
    const actor = await requireAgentOrApi(ctx, req);
    return { conversations: await listInbox(ctx.db, actor, parse(InboxQuery, { status: 'waiting' })) };
  });
  app.get<{ Params: { conversationId: string } }>('/api/chat/:conversationId', async (req) => {
    const actor = await requireAgentOrApi(ctx, req);
    const conv = await readableConversation(ctx, actor, parse(Id, req.params.conversationId));
    return { conversation: await getConversationDto(ctx.db, actor, conv.id) };
  });
  app.put<{ Params: { conversationId: string } }>('/api/chat/:conversationId', async (req) => {
    const actor = await requireAgentOrApi(ctx, req);
    const id = parse(Id, req.params.conversationId);
    const body = parse(ApiChatUpdateBody, req.body);
    return { conversation: await updateConversation(ctx, actor, id, body) };
  });
  app.post<{ Params: { conversationId: string } }>('/api/chat/:conversationId/message', async (req, reply) => {
    const actor = await requireAgentOrApi(ctx, req);
    const id = parse(Id, req.params.conversationId);
    const body = parse(ApiMessageBody, req.body);
    if (actor.kind === 'agent' && body.senderType !== 'agent') throw forbidden('Signed-in agents can only send as agent');
    const r = await sendMessage(ctx, actor, {
      conversationId: id,
      clientId: body.clientId,
      body: body.content,
      ...(actor.kind === 'api' ? { as: { senderType: body.senderType, senderId: body.senderId, senderName: body.senderName } } : {}),
    });
    return reply.code(r.created ? 201 : 200).send({ message: r.message });
  });
  app.get<{ Params: { conversationId: string } }>('/api/chat/:conversationId/messages', async (req) => {
    const actor = await requireAgentOrApi(ctx, req);
    const conv = await readableConversation(ctx, actor, parse(Id, req.params.conversationId));
    const q = parse(MessagesQuery, req.query);
    return { messages: await listMessages(ctx.db, conv.id, { ...q, forVisitor: false }) };
  });
}
