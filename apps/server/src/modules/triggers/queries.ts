import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { TriggerAction, TriggerHistoryDto, TriggerStatsDto } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { conversations, triggerEvents, triggers } from '../../db/schema';

/** A site's triggers, highest priority first; `enabledOnly` for the widget. */
export async function listTriggers(db: Executor, siteId: string, opts: { enabledOnly?: boolean } = {}) {
  return db
    .select()
    .from(triggers)
    .where(and(eq(triggers.siteId, siteId), opts.enabledOnly ? eq(triggers.enabled, true) : undefined))
    .orderBy(desc(triggers.priority), asc(triggers.createdAt));
}

/** One trigger of a workspace, if it exists. */
export async function findTrigger(db: Executor, workspaceId: string, triggerId: string) {
  const [row] = await db.select().from(triggers).where(and(eq(triggers.id, triggerId), eq(triggers.workspaceId, workspaceId)));
  return row;
}

/**
 * What a visitor has seen of each trigger (for the widget's frequency caps): prompts shown in
 * total, today (the UTC day, so every node and the widget agree without knowing the visitor's
 * zone) and in the session `sessionId`, and whether they ever dismissed it.
 */
export async function triggerHistory(db: Executor, visitorId: string, sessionId: string | null): Promise<Record<string, TriggerHistoryDto>> {
  const shown = sql`${triggerEvents.action} = 'shown'`;
  const rows = await db
    .select({
      triggerId: triggerEvents.triggerId,
      total: sql<number>`count(*) filter (where ${shown})`.mapWith(Number),
      today: sql<number>`count(*) filter (where ${shown} and ${triggerEvents.createdAt} >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC')`.mapWith(Number),
      session: sessionId ? sql<number>`count(*) filter (where ${shown} and ${triggerEvents.sessionId} = ${sessionId})`.mapWith(Number) : sql<number>`0`.mapWith(Number),
      dismissed: sql<boolean>`bool_or(${triggerEvents.action} = 'dismissed')`,
    })
    .from(triggerEvents)
    .where(eq(triggerEvents.visitorId, visitorId))
    .groupBy(triggerEvents.triggerId);
  const out: Record<string, TriggerHistoryDto> = {};
  for (const r of rows) out[r.triggerId] = { total: r.total, today: r.today, session: r.session, dismissed: Boolean(r.dismissed) };
  return out;
}

/**
 * Per trigger of a site over [from, to): prompts shown, accepted and dismissed (trigger
 * events) and chats started (conversations whose trigger_id it is), highest priority first.
 */
export async function triggerStats(db: Executor, siteId: string, from: Date, to: Date): Promise<TriggerStatsDto[]> {
  const lo = sql`${from.toISOString()}::timestamptz`;
  const hi = sql`${to.toISOString()}::timestamptz`;
  // `${triggers}.id`, not `${triggers.id}`: a bare "id" inside the subqueries would bind to their own table.
  const count = (action: TriggerAction) =>
    sql<number>`(select count(*) from ${triggerEvents} e where e.trigger_id = ${triggers}.id and e.action = ${action} and e.created_at >= ${lo} and e.created_at < ${hi})`.mapWith(Number);
  return db
    .select({
      triggerId: triggers.id,
      name: triggers.name,
      shown: count('shown'),
      accepted: count('accepted'),
      dismissed: count('dismissed'),
      chats: sql<number>`(select count(*) from ${conversations} c where c.trigger_id = ${triggers}.id and c.created_at >= ${lo} and c.created_at < ${hi})`.mapWith(Number),
    })
    .from(triggers)
    .where(eq(triggers.siteId, siteId))
    .orderBy(desc(triggers.priority), asc(triggers.createdAt));
}
