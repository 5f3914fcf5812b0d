import type { FastifyInstance } from 'fastify';
import { CreateCannedBody, Id, UpdateCannedBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { createCanned, deleteCanned, listCanned, updateCanned, useCanned } from './service';

/** Canned responses: `GET|POST /api/canned-responses`, `PATCH|DELETE /api/canned-responses/:id`, `POST /api/canned-responses/:id/use`. */
export function cannedRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/canned-responses', async (req) => ({ responses: await listCanned(ctx, await requireAgent(ctx, req)) }));
  app.post('/api/canned-responses', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    return reply.code(201).send({ response: await createCanned(ctx, actor, parse(CreateCannedBody, req.body)) });
  });
  app.patch<{ Params: { id: string } }>('/api/canned-responses/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    const id = parse(Id, req.params.id);
    return { response: await updateCanned(ctx, actor, id, parse(UpdateCannedBody, req.body)) };
  });
  app.delete<{ Params: { id: string } }>('/api/canned-responses/:id', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await deleteCanned(ctx, actor, parse(Id, req.params.id));
    return reply.code(204).send();
  });
  app.post<{ Params: { id: string } }>('/api/canned-responses/:id/use', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { response: await useCanned(ctx, actor, parse(Id, req.params.id)) };
  });
}
