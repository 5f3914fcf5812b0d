import { departmentsForSite } from '../departments/service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CreateVisitorBody, SiteKey, WidgetSettings, type WidgetConfigDto } from '@parley/protocol';
import { availabilityOf } from '@parley/protocol/hours';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { AppError, notFound } from '../../errors';
import { parse } from '../../validate';
import { countOnlineAgents } from '../agents/queries';
import { findSiteByKey } from '../sites/queries';
import { originAllowed, requestOrigin } from '../sites/origins';
import { createVisitor } from '../visitors/service';
import { listTriggers } from '../triggers/queries';
import { presentWidgetTrigger } from '../triggers/presenter';

/**
 * The active site behind a widget key, if the calling page's origin (Origin, else Referer)
 * is one of its domains; answers with CORS headers for that origin. Every public widget
 * endpoint starts with it (also `modules/offline`).
 */
export async function siteForRequest(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, siteKey: string) {
  const site = await findSiteByKey(ctx.db, siteKey);
  if (!site || !site.active) throw notFound('Site');
  const origin = requestOrigin(req.headers);
  if (!originAllowed(origin, site.domains)) throw new AppError('origin_not_allowed', `This page (${origin ?? 'unknown origin'}) is not one of the site's allowed domains`);
  reply.header('access-control-allow-origin', origin!).header('vary', 'Origin');
  return site;
}

/**
 * Public endpoints the widget calls from the host page. Each checks that the calling page's
 * origin is one of the site's domains and only then answers with CORS headers for it.
 */
export function widgetRoutes(app: FastifyInstance, ctx: Ctx) {
  // Preflight carries no site key, so it is answered for anyone; the real request is checked.
  app.options('/api/widget/*', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return reply
      .header('access-control-allow-methods', 'GET, POST')
      // File uploads and links authenticate the visitor with headers (modules/files).
      .header('access-control-allow-headers', 'content-type, authorization, x-parley-site, x-parley-visitor')
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });

  app.get('/api/widget/config', async (req, reply) => {
    const { siteKey } = parse(z.object({ siteKey: SiteKey }), req.query);
    const site = await siteForRequest(ctx, req, reply, siteKey);
    const settings = WidgetSettings.parse(site.settings);
    const agentsOnline = await countOnlineAgents(ctx.db, site.workspaceId, site.id);
    const config: WidgetConfigDto = {
      siteId: site.id,
      name: site.name,
      settings,
      agentsOnline,
      departments: (await departmentsForSite(ctx.db, site.workspaceId, site.id)).map((d) => ({ id: d.id, name: d.name })),
      availability: availabilityOf(settings.businessHours, agentsOnline, new Date()),
      triggers: (await listTriggers(ctx.db, site.id, { enabledOnly: true })).map(presentWidgetTrigger),
    };
    return config;
  });

  // Tracked sites call this on every page load of a visitor who has not interacted yet (their
  // credentials live in memory only), and many visitors can share one address (an office NAT).
  app.post('/api/widget/visitors', { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = parse(CreateVisitorBody, req.body);
    const site = await siteForRequest(ctx, req, reply, body.siteKey);
    return reply.code(201).send(await createVisitor(ctx, site, { userAgent: req.headers['user-agent'], ip: req.ip, persistent: body.persistent }));
  });
}
