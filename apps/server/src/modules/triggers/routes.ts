import type { FastifyInstance } from 'fastify';
import { CreateTriggerBody, Id, TriggerStatsQuery, UpdateTriggerBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { AppError } from '../../errors';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import type { AgentActor } from '../auth/actors';
import { findReadableSite } from '../sites/queries';
import { presentTrigger } from './presenter';
import { listTriggers, triggerStats } from './queries';
import { createTrigger, deleteTrigger, updateTrigger } from './service';

const DAY_MS = 86_400_000;

/**
 * Proactive triggers: `GET|POST /api/sites/:siteId/triggers`, `PATCH|DELETE /api/triggers/:id`,
 * `GET /api/sites/:siteId/triggers/stats?from&to`. Admins manage; anyone who can read the site
 * (its agents, managers) may list them and see their stats.
 */
export function triggerRoutes(app: FastifyInstance, ctx: Ctx) {
  const readableSite = (actor: AgentActor, siteId: string) => findReadableSite(ctx.db, actor, parse(Id, siteId));

  app.get<{ Params: { siteId: string } }>('/api/sites/:siteId/triggers', async (req) => {
    const site = await readableSite(await requireAgent(ctx, req), req.params.siteId);
    return { triggers: (await listTriggers(ctx.db, site.id)).map(presentTrigger) };
  });
  app.post<{ Params: { siteId: string } }>('/api/sites/:siteId/triggers', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const siteId = parse(Id, req.params.siteId);
    return reply.code(201).send({ trigger: await createTrigger(ctx, actor, siteId, parse(CreateTriggerBody, req.body)) });
  });
  app.patch<{ Params: { id: string } }>('/api/triggers/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    const id = parse(Id, req.params.id);
    return { trigger: await updateTrigger(ctx, actor, id, parse(UpdateTriggerBody, req.body)) };
  });
  app.delete<{ Params: { id: string } }>('/api/triggers/:id', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await deleteTrigger(ctx, actor, parse(Id, req.params.id));
    return reply.code(204).send();
  });
  app.get<{ Params: { siteId: string } }>('/api/sites/:siteId/triggers/stats', async (req) => {
    const site = await readableSite(await requireAgent(ctx, req), req.params.siteId);
    const q = parse(TriggerStatsQuery, req.query);
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new AppError('validation_failed', 'from: must be before to');
    return { from: from.toISOString(), to: to.toISOString(), stats: await triggerStats(ctx.db, site.id, from, to) };
  });
}
