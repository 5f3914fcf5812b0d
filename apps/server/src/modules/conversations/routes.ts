import type { FastifyInstance } from 'fastify';
import { Id, InboxQuery, MessagesQuery } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { listMessages } from '../messages/queries';
import { readableConversation } from './access';
import { getConversationDto, listInbox } from './queries';
import { acceptConversation, closeConversation } from './service';

/** The dashboard's inbox and conversation endpoints (agent sessions). */
export function conversationRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/conversations', async (req) => {
    const actor = await requireAgent(ctx, req);
    const q = parse(InboxQuery, req.query);
    const conversations = await listInbox(ctx.db, actor, q);
    // A full page may have more after it; a short one is the end.
    return { conversations, nextCursor: conversations.length === q.limit ? (conversations.at(-1)?.cursor ?? null) : null };
  });
  app.get<{ Params: { id: string } }>('/api/conversations/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    const conv = await readableConversation(ctx, actor, parse(Id, req.params.id));
    return { conversation: await getConversationDto(ctx.db, actor, conv.id) };
  });
  app.get<{ Params: { id: string } }>('/api/conversations/:id/messages', async (req) => {
    const actor = await requireAgent(ctx, req);
    const conv = await readableConversation(ctx, actor, parse(Id, req.params.id));
    const q = parse(MessagesQuery, req.query);
    return { messages: await listMessages(ctx.db, conv.id, { ...q, forVisitor: false }) };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/accept', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { conversation: await acceptConversation(ctx, actor, parse(Id, req.params.id)) };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/close', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { conversation: await closeConversation(ctx, actor, parse(Id, req.params.id)) };
  });
}
