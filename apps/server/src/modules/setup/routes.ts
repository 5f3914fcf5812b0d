import type { FastifyInstance } from 'fastify';
import { SetupBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { setSessionCookie } from '../../http/auth';
import { parse } from '../../validate';
import { needsSetup, runSetup } from './service';

export function setupRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/setup', async () => ({ needsSetup: await needsSetup(ctx.db) }));
  app.post('/api/setup', { config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (req, reply) => {
    const body = parse(SetupBody, req.body);
    const r = await runSetup(ctx, body, { userAgent: req.headers['user-agent'], ip: req.ip });
    setSessionCookie(ctx, reply, r.token);
    return reply.code(201).send({ agent: r.agent, csrfToken: r.csrfToken });
  });
}
