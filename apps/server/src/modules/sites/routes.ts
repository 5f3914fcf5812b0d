import type { FastifyInstance } from 'fastify';
import { CreateSiteBody, Id, UpdateSiteBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { presentSite } from './presenter';
import { findReadableSite, listSitesFor } from './queries';
import { createSite, updateSite } from './service';

export function siteRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/sites', async (req) => {
    const actor = await requireAgent(ctx, req);
    const rows = await listSitesFor(ctx.db, actor);
    return { sites: rows.map((r) => presentSite(r, ctx.config.publicUrl, actor)) };
  });
  app.get<{ Params: { id: string } }>('/api/sites/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    const site = await findReadableSite(ctx.db, actor, parse(Id, req.params.id));
    return { site: presentSite(site, ctx.config.publicUrl, actor) };
  });
  app.post('/api/sites', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const body = parse(CreateSiteBody, req.body);
    return reply.code(201).send({ site: await createSite(ctx, actor, body) });
  });
  app.put<{ Params: { id: string } }>('/api/sites/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    const id = parse(Id, req.params.id);
    const body = parse(UpdateSiteBody, req.body);
    return { site: await updateSite(ctx, actor, id, body) };
  });
}
