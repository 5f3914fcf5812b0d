import { TriggerReportPayload } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { VisitorActor } from '../auth/actors';
import { reportTrigger } from './service';

/** Visitor sockets: `visitor:trigger` (a prompt was shown, accepted or dismissed). */
export function registerTriggerHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  socket.on(
    'visitor:trigger',
    handle(log, async (payload) => ({ visitor: await reportTrigger(ctx, actor, parse(TriggerReportPayload, payload)) })),
  );
}
