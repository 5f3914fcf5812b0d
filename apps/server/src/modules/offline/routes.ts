import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OfflineMessageBody, SiteKey } from '@parley/protocol';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { parse } from '../../validate';
import { siteForRequest } from '../widget/routes';
import { submitOfflineMessage } from './service';

/** The widget's "leave a message" form (public, origin-checked like every widget endpoint). */
export function offlineRoutes(app: FastifyInstance, ctx: Ctx) {
  // Each message mails every agent of the site: 10 a minute per address and site.
  const rateLimit = { max: 10, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { siteKey?: unknown } | undefined)?.siteKey)}` };
  app.post('/api/widget/offline-messages', { config: { rateLimit } }, async (req, reply) => {
    // The site (and its CORS answer) first, so the widget can read a validation error.
    const site = await siteForRequest(ctx, req, reply, parse(z.object({ siteKey: SiteKey }), req.body).siteKey);
    const body = parse(OfflineMessageBody, req.body);
    return reply.code(201).send(await submitOfflineMessage(ctx, site, body, { userAgent: req.headers['user-agent'], ip: req.ip }));
  });
}
