import type { FastifyInstance } from 'fastify';
import { Id, InboxQuery, SavedViewBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { exportCsv } from './export';
import { createView, deleteView, listViews } from './service';

/** Saved views (`/api/views`) and the streamed CSV export (`GET /api/conversations/export.csv`). */
export function viewRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/views', async (req) => ({ views: await listViews(ctx, await requireAgent(ctx, req)) }));
  app.post('/api/views', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    return reply.code(201).send({ view: await createView(ctx, actor, parse(SavedViewBody, req.body)) });
  });
  app.delete<{ Params: { id: string } }>('/api/views/:id', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await deleteView(ctx, actor, parse(Id, req.params.id));
    return reply.code(204).send();
  });

  // Same filters and site scope as GET /api/conversations (limit and before are ignored).
  app.get('/api/conversations/export.csv', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const filters = parse(InboxQuery, req.query);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="parley-conversations-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(exportCsv(ctx.db, actor, filters));
  });
}
