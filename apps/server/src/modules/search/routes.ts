import type { FastifyInstance } from 'fastify';
import { SearchQuery } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { search } from './service';

/** `GET /api/search?q=`: visitors and message text, PostgreSQL full-text search. */
export function searchRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/search', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { results: await search(ctx.db, actor, parse(SearchQuery, req.query)) };
  });
}
