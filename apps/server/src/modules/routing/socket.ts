import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { agents } from '../../db/schema';
import { handle } from '../../realtime/handler';
import type { IoSocket } from '../../realtime/types';
import type { AgentActor } from '../auth/actors';
import { recordActivity } from './presence';

/**
 * Agent presence over the socket: connecting and `agent:activity` count as activity (an
 * agent the system set away or offline comes back online); a disconnect starts the
 * offline grace period (the sweeper decides once it has passed).
 */
export function registerPresenceHandlers(socket: IoSocket, ctx: Ctx, log: FastifyBaseLogger, actorOf: () => Promise<AgentActor>) {
  const first = socket.data.actor as AgentActor;
  void recordActivity(ctx, first.workspaceId, first.agentId).catch((err) => log.warn({ err }, 'presence update failed'));
  socket.on(
    'agent:activity',
    handle(log, async () => {
      const actor = await actorOf();
      return { status: (await recordActivity(ctx, actor.workspaceId, actor.agentId)) ?? 'offline' };
    }),
  );
  socket.on('disconnect', () => {
    void ctx.db
      .update(agents)
      .set({ lastSeenAt: new Date() })
      .where(eq(agents.id, first.agentId))
      .catch(() => {});
  });
}
