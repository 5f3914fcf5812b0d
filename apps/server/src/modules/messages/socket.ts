import { SocketSchemas } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { AgentActor, VisitorActor } from '../auth/actors';
import { readableConversation } from '../conversations/access';
import { markRead, sendMessage } from './service';

type ActorOf = () => Promise<AgentActor | VisitorActor>;

/** `message`, `typing` and `read` for visitors and agents alike: same services as REST. */
export function registerMessageHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actorOf: ActorOf) {
  socket.on(
    'message',
    handle(log, async (payload) => {
      const p = parse(SocketSchemas.SendMessagePayload, payload);
      const r = await sendMessage(ctx, await actorOf(), { ...p, takeChatStart: socket.data.takeChatStart });
      return { message: r.message, conversation: r.conversation };
    }),
  );

  socket.on(
    'read',
    handle(log, async (payload) => {
      const p = parse(SocketSchemas.ReadPayload, payload);
      return { seq: await markRead(ctx, await actorOf(), p.conversationId, p.seq) };
    }),
  );

  // Typing is best effort: no ack, errors are dropped after validation and access checks.
  socket.on('typing', (payload) => {
    void (async () => {
      const p = parse(SocketSchemas.TypingPayload, payload);
      const actor = await actorOf();
      const conv = await readableConversation(ctx, actor, p.conversationId);
      if (conv.status !== 'queued' && conv.status !== 'active') return;
      const ref = { workspaceId: conv.workspaceId, siteId: conv.siteId, visitorId: conv.visitorId, conversationId: conv.id };
      const who = actor.kind === 'visitor' ? { type: 'visitor' as const, id: actor.visitorId, name: actor.name } : { type: 'agent' as const, id: actor.agentId, name: actor.pseudoName };
      ctx.bus.emit({ name: 'typing', ref, actor: who, isTyping: p.isTyping });
    })().catch(() => {});
  });
}
