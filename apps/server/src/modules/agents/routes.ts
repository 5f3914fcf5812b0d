import type { FastifyInstance } from 'fastify';
import { CreateAgentBody, Id, UpdateAgentBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { forbidden } from '../../errors';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { canReadSettings } from '../auth/policy';
import { listAgents } from './queries';
import { createAgent, disableAgent, updateAgent } from './service';

export function agentRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/agents', async (req) => {
    const actor = await requireAgent(ctx, req);
    const all = await listAgents(ctx.db, actor.workspaceId);
    if (canReadSettings(actor)) return { agents: all };
    // Plain agents see their teammates (transfers, @mentions): whoever shares one of their
    // sites, and the owners, admins and managers who see every site.
    const mine = actor.siteIds === 'all' ? null : new Set(actor.siteIds);
    return { agents: all.filter((a) => a.id === actor.agentId || a.role !== 'agent' || !mine || a.siteIds.some((id) => mine.has(id))) };
  });
  app.post('/api/agents', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const body = parse(CreateAgentBody, req.body);
    return reply.code(201).send({ agent: await createAgent(ctx, actor, body) });
  });
  app.put<{ Params: { id: string } }>('/api/agents/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    const id = parse(Id, req.params.id);
    const body = parse(UpdateAgentBody, req.body);
    return { agent: await updateAgent(ctx, actor, id, body) };
  });
  app.delete<{ Params: { id: string } }>('/api/agents/:id', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const id = parse(Id, req.params.id);
    if (actor.kind !== 'agent') throw forbidden();
    await disableAgent(ctx, actor, id);
    return reply.code(204).send();
  });
}
