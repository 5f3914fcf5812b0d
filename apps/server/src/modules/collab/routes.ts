import type { FastifyInstance } from 'fastify';
import { Id, TransferBody, UpdateConversationBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { acceptNext, joinConversation, leaveConversation, listTags, listTransfers, transferConversation, updateFromDashboard } from './service';

/** Working a chat together: join, leave, transfer, tags/priority/status, next waiting chat. */
export function collabRoutes(app: FastifyInstance, ctx: Ctx) {
  app.patch<{ Params: { id: string } }>('/api/conversations/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { conversation: await updateFromDashboard(ctx, actor, parse(Id, req.params.id), parse(UpdateConversationBody, req.body)) };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/join', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { conversation: await joinConversation(ctx, actor, parse(Id, req.params.id)) };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/leave', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { conversation: await leaveConversation(ctx, actor, parse(Id, req.params.id)) };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/transfer', async (req) => {
    const actor = await requireAgent(ctx, req);
    return transferConversation(ctx, actor, parse(Id, req.params.id), parse(TransferBody, req.body));
  });
  app.get<{ Params: { id: string } }>('/api/conversations/:id/transfers', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { transfers: await listTransfers(ctx, actor, parse(Id, req.params.id)) };
  });
  app.post('/api/conversations/next', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { conversation: await acceptNext(ctx, actor) };
  });
  app.get('/api/tags', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { tags: await listTags(ctx, actor) };
  });
}
