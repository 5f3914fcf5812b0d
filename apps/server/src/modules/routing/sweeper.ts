import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { agents, conversations } from '../../db/schema';
import { refOf } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { changeStatus } from './presence';
import type { RoutingScheduler } from './listener';
import { sweepVisitorPresence } from '../tracking/presence';

export interface SweepResult {
  away: string[];
  offline: string[];
  alerted: string[];
  /** Visitors whose session ended because no node heartbeats it any more. */
  visitorsLeft: string[];
}

/**
 * One sweep, safe to run on every node at once (each change is a conditional UPDATE, so
 * exactly one node wins it):
 * - presence: agents connected to this node are marked seen; agents seen by no node for
 *   longer than the workspace's offline grace go offline (their chats are released);
 * - auto-away: online agents idle longer than the workspace's auto-away time go away;
 * - unanswered: chats waiting longer than their site's alert time are re-announced, once
 *   per period;
 * - routing: workspaces with waiting chats get a routing pass (catches anything a crashed
 *   node left behind);
 * - visitors: sessions of widgets connected to this node are marked seen; sessions no node
 *   heartbeats any more end (tracking/presence.ts).
 */
export async function sweep(ctx: Ctx, scheduler: RoutingScheduler, opts: { now?: Date; connectedAgentIds?: string[]; connectedVisitorIds?: string[] } = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  if (opts.connectedAgentIds?.length) await ctx.db.update(agents).set({ lastSeenAt: now }).where(inArray(agents.id, opts.connectedAgentIds));
  // A node heartbeats every sweep: never call someone gone before three sweeps passed.
  const minGraceSeconds = Math.ceil((3 * ctx.config.sweepIntervalMs) / 1000);

  const offline = await ctx.db
    .select({ id: agents.id, workspaceId: agents.workspaceId })
    .from(agents)
    .where(
      and(
        eq(agents.disabled, false),
        sql`${agents.status} <> 'offline'`,
        sql`coalesce(${agents.lastSeenAt}, ${agents.createdAt}) < ${nowSql} - make_interval(secs => greatest(${minGraceSeconds}, coalesce((select (w.settings->>'offlineGraceSeconds')::int from workspaces w where w.id = ${agents}.workspace_id), 60)))`,
      ),
    );
  for (const a of offline) await changeStatus(ctx, a.workspaceId, a.id, 'offline', { auto: true });

  const away = await ctx.db
    .update(agents)
    .set({ status: 'away', autoAway: true, updatedAt: now })
    .where(
      and(
        eq(agents.disabled, false),
        eq(agents.status, 'online'),
        sql`coalesce((select (w.settings->>'autoAwayMinutes')::int from workspaces w where w.id = ${agents}.workspace_id), 15) > 0`,
        sql`coalesce(${agents.lastActiveAt}, ${agents.lastSeenAt}, ${agents.createdAt}) < ${nowSql} - make_interval(mins => coalesce((select (w.settings->>'autoAwayMinutes')::int from workspaces w where w.id = ${agents}.workspace_id), 15))`,
      ),
    )
    .returning({ id: agents.id, workspaceId: agents.workspaceId });
  for (const a of away) ctx.bus.emit({ name: 'agent.status_changed', workspaceId: a.workspaceId, agentId: a.id, status: 'away' });

  const alertAfter = sql`coalesce((select (s.routing->>'unansweredAlertSeconds')::int from sites s where s.id = ${conversations}.site_id), 120)`;
  const alerted = await ctx.db
    .update(conversations)
    .set({ alertedAt: now })
    .where(
      and(
        eq(conversations.status, 'queued'),
        sql`${alertAfter} > 0`,
        sql`coalesce(${conversations.alertedAt}, ${conversations.queuedAt}, ${conversations.createdAt}) < ${nowSql} - make_interval(secs => ${alertAfter})`,
      ),
    )
    .returning();
  for (const conv of alerted) {
    const dto = await getConversationDto(ctx.db, agentsView(conv.workspaceId), conv.id);
    const since = conv.queuedAt ?? conv.createdAt;
    if (dto) ctx.bus.emit({ name: 'conversation.unanswered', ref: refOf(conv), conversation: dto, waitedSeconds: Math.round((now.getTime() - since.getTime()) / 1000) });
  }

  const waiting = await ctx.db.selectDistinct({ workspaceId: conversations.workspaceId }).from(conversations).where(eq(conversations.status, 'queued'));
  for (const w of waiting) void scheduler.kick(w.workspaceId);

  const visitorsLeft = await sweepVisitorPresence(ctx, { now, connectedVisitorIds: opts.connectedVisitorIds ?? [] });

  return { away: away.map((a) => a.id), offline: offline.map((a) => a.id), alerted: alerted.map((c) => c.id), visitorsLeft };
}

/** Sweeps every `config.sweepIntervalMs` until stopped; `connected()` lists this node's agents, `connectedVisitors()` its widgets' visitors. */
export function startSweeper(ctx: Ctx, scheduler: RoutingScheduler, connected: () => string[], log: FastifyBaseLogger, connectedVisitors: () => string[] = () => []): () => Promise<void> {
  if (!ctx.config.sweepIntervalMs) return async () => {};
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweep(ctx, scheduler, { connectedAgentIds: connected(), connectedVisitorIds: connectedVisitors() }).catch((err) => log.warn({ err }, 'sweep failed'));
  }, ctx.config.sweepIntervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
