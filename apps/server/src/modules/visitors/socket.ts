import { IdentifyPayload, TrackEventPayload, VisitorContext, VisitorUpdatePayload } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { VisitorActor } from '../auth/actors';
import { identifyVisitor } from './identity';
import { setVisitorContext, trackVisitorEvent, updateVisitor } from './profile';
import { visitorSelf } from './self';

/** The widget SDK's calls: `identify`, `update`/`setAttributes`, `setContext`, `trackEvent`. Bad input changes nothing. */
export function registerVisitorSdkHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  socket.on(
    'visitor:identify',
    handle(log, async (payload) => identifyVisitor(ctx, actor, parse(IdentifyPayload, payload))),
  );
  socket.on(
    'visitor:update',
    handle(log, async (payload) => {
      await updateVisitor(ctx, actor, parse(VisitorUpdatePayload, payload));
      return { visitor: await visitorSelf(ctx.db, actor.visitorId) };
    }),
  );
  socket.on(
    'visitor:context',
    handle(log, async (payload) => {
      await setVisitorContext(ctx, actor, parse(VisitorContext, payload));
      return {};
    }),
  );
  socket.on(
    'visitor:event',
    handle(log, async (payload) => {
      await trackVisitorEvent(ctx, actor, parse(TrackEventPayload, payload));
      return {};
    }),
  );
}
