import type { FastifyInstance } from 'fastify';
import { Id, LiveVisitorsQuery, StartVisitorChatBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { findReadableSite } from '../sites/queries';
import { visitorDetail } from './detail';
import { listLiveVisitors, liveWindowMs } from './live';
import { startVisitorChat } from './start-chat';

/** The dashboard's live-visitors page and the conversation side panel (agent sessions). */
export function visitorRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/visitors/live', async (req) => {
    const actor = await requireAgent(ctx, req);
    const q = parse(LiveVisitorsQuery, req.query);
    if (q.siteId) await findReadableSite(ctx.db, actor, q.siteId);
    return { visitors: await listLiveVisitors(ctx.db, actor, q.siteId, liveWindowMs(ctx.config.sweepIntervalMs)) };
  });

  app.get<{ Params: { id: string } }>('/api/visitors/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    return visitorDetail(ctx.db, actor, parse(Id, req.params.id), liveWindowMs(ctx.config.sweepIntervalMs));
  });

  app.post<{ Params: { id: string } }>('/api/visitors/:id/conversations', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const id = parse(Id, req.params.id);
    const body = parse(StartVisitorChatBody, req.body);
    const r = await startVisitorChat(ctx, actor, id, body);
    return reply.code(r.created ? 201 : 200).send({ conversation: r.conversation, message: r.message });
  });
}
