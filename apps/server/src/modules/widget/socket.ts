import { ProfilePayload } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { VisitorActor } from '../auth/actors';
import { submitProfile } from './profile';

/** Visitor sockets: `visitor:profile` (the pre-chat form's answers). */
export function registerWidgetHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  socket.on(
    'visitor:profile',
    handle(log, async (payload) => ({ visitor: await submitProfile(ctx, actor, parse(ProfilePayload, payload).fields) })),
  );
}
