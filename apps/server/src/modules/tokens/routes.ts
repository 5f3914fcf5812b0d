import type { FastifyInstance } from 'fastify';
import { CreateTokenBody, Id } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { createToken, listTokens, revokeToken } from './service';

export function tokenRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/tokens', async (req) => ({ tokens: await listTokens(ctx, await requireAgent(ctx, req)) }));
  app.post('/api/tokens', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const body = parse(CreateTokenBody, req.body);
    return reply.code(201).send(await createToken(ctx, actor, body.name));
  });
  app.delete<{ Params: { id: string } }>('/api/tokens/:id', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await revokeToken(ctx, actor, parse(Id, req.params.id));
    return reply.code(204).send();
  });
}
