import type { FastifyInstance } from 'fastify';
import { MarkNotificationsReadBody, NotificationsQuery } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { presentNotification } from './presenter';
import { listNotifications, unreadCount } from './queries';
import { markRead } from './service';

/** `GET /api/notifications`, `POST /api/notifications/read`. Agents only ever see their own. */
export function notificationRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/notifications', async (req) => {
    const actor = await requireAgent(ctx, req);
    const query = parse(NotificationsQuery, req.query);
    const [rows, unread] = await Promise.all([listNotifications(ctx.db, actor, query), unreadCount(ctx.db, actor)]);
    return { notifications: rows.map(presentNotification), unreadCount: unread };
  });
  app.post('/api/notifications/read', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { unreadCount: await markRead(ctx.db, actor, parse(MarkNotificationsReadBody, req.body)) };
  });
}
