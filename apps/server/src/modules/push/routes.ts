import type { FastifyInstance } from 'fastify';
import { DeletePushSubscriptionBody, PushSubscriptionBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { subscribe, unsubscribe } from './service';
import { vapidKeys } from './vapid';

/** `GET /api/push/public-key`, `POST|DELETE /api/push/subscriptions`. */
export function pushRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/push/public-key', async (req) => {
    await requireAgent(ctx, req);
    return { publicKey: (await vapidKeys(ctx.db)).publicKey };
  });
  app.post('/api/push/subscriptions', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await subscribe(ctx, actor, parse(PushSubscriptionBody, req.body), req.headers['user-agent']);
    return reply.code(201).send({ ok: true });
  });
  app.delete('/api/push/subscriptions', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await unsubscribe(ctx, actor, parse(DeletePushSubscriptionBody, req.body).endpoint);
    return reply.code(204).send();
  });
}
