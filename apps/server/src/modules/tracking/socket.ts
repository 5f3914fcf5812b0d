import { PageViewPayload } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { handle } from '../../realtime/handler';
import { rooms } from '../../realtime/rooms';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { VisitorActor } from '../auth/actors';
import { visitorSelf } from '../visitors/self';
import { handshakeIp } from './ip';
import { visitorConnected, visitorDisconnected } from './presence';
import { recordPageView } from './service';

/** `visitor:page` (on connect and every navigation): recorded unless tracking is off; acks the visitor's self view. */
export function registerTrackingHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  socket.on(
    'visitor:page',
    handle(log, async (payload) => {
      const p = parse(PageViewPayload, payload);
      const ip = handshakeIp(socket.handshake, ctx.config.trustProxy);
      await recordPageView(ctx, actor, p, { ip, userAgent: socket.handshake.headers['user-agent'] ?? null });
      return { visitor: await visitorSelf(ctx.db, actor.visitorId) };
    }),
  );
}

/**
 * Online presence of a widget socket (call once it has joined its rooms): a visitor coming
 * back within their session is online again; when their last socket on any node goes, the
 * session ends and the site's agents see them leave.
 */
export function trackVisitorPresence(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  const fail = (err: unknown) => log.warn({ err, visitorId: actor.visitorId }, 'visitor presence update failed');
  void visitorConnected(ctx, actor).catch(fail);
  socket.on('disconnect', () => {
    const sockets = { connectedCount: async (visitorId: string) => (await socket.nsp.in(rooms.visitor(visitorId)).fetchSockets()).length };
    void visitorDisconnected(ctx, sockets, actor).catch(fail);
  });
}
