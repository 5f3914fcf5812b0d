import { TranscriptPayload } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { VisitorActor } from '../auth/actors';
import { requestTranscript } from './transcript';

/** Visitor socket events about email: `conversation:transcript`. */
export function registerEmailHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  socket.on(
    'conversation:transcript',
    handle(log, async (payload) => {
      const p = parse(TranscriptPayload, payload);
      return requestTranscript(ctx, actor, p.conversationId, p.email);
    }),
  );
}
