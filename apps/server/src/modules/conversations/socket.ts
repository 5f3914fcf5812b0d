import { desc, eq } from 'drizzle-orm';
import { LIMITS, RatePayload, SocketSchemas, type VisitorStateResult } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { agents, conversations } from '../../db/schema';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import { parse } from '../../validate';
import type { AgentActor, VisitorActor } from '../auth/actors';
import { listMessages } from '../messages/queries';
import { readableConversation } from './access';
import { getConversationDto } from './queries';
import { closeConversation, rateConversation } from './service';
import { queueInfoFor } from '../routing/service';
import { visitorSelf } from '../visitors/self';

/** Resync after (re)connect: everything after the client's last seq, per conversation. */
export function registerConversationHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actorOf: () => Promise<AgentActor | VisitorActor>) {
  socket.on(
    'sync',
    handle(log, async (payload) => {
      const p = parse(SocketSchemas.SyncPayload, payload);
      const actor = await actorOf();
      const out = [];
      for (const c of p.conversations) {
        const conv = await readableConversation(ctx, actor, c.conversationId);
        out.push({
          conversation: (await getConversationDto(ctx.db, actor, conv.id))!,
          messages: await listMessages(ctx.db, conv.id, { afterSeq: c.afterSeq, limit: LIMITS.syncMaxMessages, forVisitor: actor.kind === 'visitor' }),
        });
      }
      return { conversations: out };
    }),
  );

  socket.on(
    'conversation:close',
    handle(log, async (payload) => {
      const p = parse(SocketSchemas.CloseConversationPayload, payload);
      return { conversation: await closeConversation(ctx, await actorOf(), p.conversationId) };
    }),
  );
}

/** The widget's restore: the visitor's latest conversation and what they have not seen. */
export function registerVisitorHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actor: VisitorActor) {
  socket.on(
    'visitor:state',
    handle(log, async (payload): Promise<VisitorStateResult> => {
      const p = parse(SocketSchemas.VisitorStatePayload, payload ?? {});
      const [latest] = await ctx.db.select().from(conversations).where(eq(conversations.visitorId, actor.visitorId)).orderBy(desc(conversations.createdAt)).limit(1);
      const visitor = await visitorSelf(ctx.db, actor.visitorId);
      if (!latest) return { conversation: null, messages: [], agent: null, queue: null, visitor };
      const [agent] = latest.assignedAgentId ? await ctx.db.select({ name: agents.pseudoName, avatarUrl: agents.avatarUrl }).from(agents).where(eq(agents.id, latest.assignedAgentId)) : [];
      return {
        conversation: (await getConversationDto(ctx.db, actor, latest.id))!,
        messages: await listMessages(ctx.db, latest.id, { afterSeq: p.afterSeq ?? 0, limit: LIMITS.syncMaxMessages, forVisitor: true }),
        agent: agent ?? null,
        queue: await queueInfoFor(ctx.db, latest),
        visitor,
      };
    }),
  );

  socket.on(
    'conversation:rate',
    handle(log, async (payload) => {
      const p = parse(RatePayload, payload);
      return { conversation: await rateConversation(ctx, actor, p) };
    }),
  );
}
