import { and, eq, gt, inArray, isNotNull, isNull, lt, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../context';
import { pageViews, visitorSessions } from '../../db/schema';
import type { VisitorActor } from '../auth/actors';
import { announceVisitor, latestSession, staleAfterMs } from '../visitors/live';
import { SESSION_TIMEOUT_MS, trackingEnabled } from './service';

/** The Socket.IO side presence needs: who of this visitor is still connected, on any node. */
export interface VisitorSockets {
  connectedCount(visitorId: string): Promise<number>;
}

/**
 * A widget connected: a visitor coming back within their session continues it (it was
 * ended when their last socket went) and the site's agents see them online again. A new
 * visit starts with the widget's first `visitor:page` instead.
 */
export async function visitorConnected(ctx: Ctx, actor: VisitorActor, now = new Date()): Promise<void> {
  if (!(await trackingEnabled(ctx.db, actor.siteId))) return;
  const latest = await latestSession(ctx.db, actor.visitorId);
  if (!latest) return;
  const resumed = await ctx.db
    .update(visitorSessions)
    .set({ endedAt: null, lastSeenAt: now })
    .where(and(eq(visitorSessions.id, latest.id), isNotNull(visitorSessions.endedAt), gt(visitorSessions.lastSeenAt, new Date(now.getTime() - SESSION_TIMEOUT_MS))))
    .returning({ id: visitorSessions.id });
  if (resumed.length) await announceVisitor(ctx, actor.visitorId, { now });
}

/**
 * A widget socket went away. Only when no socket of this visitor is left on any node
 * (another tab, or a reconnect elsewhere, keeps them online) does the session end: the
 * open page view gets its `leftAt` and agents see the visitor leave (`online: false`).
 */
export async function visitorDisconnected(ctx: Ctx, sockets: VisitorSockets, actor: VisitorActor, now = new Date()): Promise<void> {
  if ((await sockets.connectedCount(actor.visitorId)) > 0) return;
  const ended = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(visitorSessions)
      .set({ endedAt: now })
      .where(and(eq(visitorSessions.visitorId, actor.visitorId), isNull(visitorSessions.endedAt)))
      .returning({ id: visitorSessions.id });
    if (rows.length) await tx.update(pageViews).set({ leftAt: now }).where(and(inArray(pageViews.sessionId, rows.map((r) => r.id)), isNull(pageViews.leftAt)));
    return rows.length > 0;
  });
  if (ended) await announceVisitor(ctx, actor.visitorId, { now });
}

const CHUNK = 1000;

/**
 * The sweeper's visitor step, safe on every node at once (conditional UPDATEs):
 * - heartbeat: sessions of visitors connected to this node are marked seen now; a connected
 *   visitor's latest session that a disconnect racing their reconnect ended is resumed while
 *   within the session timeout (agents see them back online);
 * - sessions nobody heartbeats any more (their node went away without a disconnect) end
 *   when last seen (`staleAfterMs`: three sweep intervals, at least two minutes), and the
 *   site's agents see those visitors leave.
 * Returns the visitors who left.
 */
export async function sweepVisitorPresence(ctx: Ctx, opts: { now: Date; connectedVisitorIds: string[] }): Promise<string[]> {
  const { now } = opts;
  const resumed: string[] = [];
  const later = alias(visitorSessions, 'later');
  for (let i = 0; i < opts.connectedVisitorIds.length; i += CHUNK) {
    const ids = opts.connectedVisitorIds.slice(i, i + CHUNK);
    const rows = await ctx.db
      .update(visitorSessions)
      .set({ endedAt: null, lastSeenAt: now })
      .where(
        and(
          inArray(visitorSessions.visitorId, ids),
          isNotNull(visitorSessions.endedAt),
          gt(visitorSessions.lastSeenAt, new Date(now.getTime() - SESSION_TIMEOUT_MS)),
          notExists(
            ctx.db
              .select({ id: later.id })
              .from(later)
              .where(and(eq(later.visitorId, visitorSessions.visitorId), gt(later.startedAt, visitorSessions.startedAt))),
          ),
        ),
      )
      .returning({ visitorId: visitorSessions.visitorId });
    resumed.push(...rows.map((r) => r.visitorId));
    await ctx.db
      .update(visitorSessions)
      .set({ lastSeenAt: now })
      .where(and(inArray(visitorSessions.visitorId, ids), isNull(visitorSessions.endedAt), lt(visitorSessions.lastSeenAt, now)));
  }
  for (const id of new Set(resumed)) await announceVisitor(ctx, id, { now });
  const stale = await ctx.db
    .update(visitorSessions)
    .set({ endedAt: sql`${visitorSessions.lastSeenAt}` })
    .where(and(isNull(visitorSessions.endedAt), lt(visitorSessions.lastSeenAt, new Date(now.getTime() - staleAfterMs(ctx.config.sweepIntervalMs)))))
    .returning({ id: visitorSessions.id, visitorId: visitorSessions.visitorId, lastSeenAt: visitorSessions.lastSeenAt });
  if (stale.length) {
    // Each open page view ends when its session was last seen (one statement for all of them).
    await ctx.db
      .update(pageViews)
      .set({ leftAt: sql`(select vs.last_seen_at from ${visitorSessions} vs where vs.id = ${pageViews}.session_id)` })
      .where(and(inArray(pageViews.sessionId, stale.map((s) => s.id)), isNull(pageViews.leftAt)));
  }
  for (const s of stale) await announceVisitor(ctx, s.visitorId, { now });
  return [...new Set(stale.map((s) => s.visitorId))];
}
