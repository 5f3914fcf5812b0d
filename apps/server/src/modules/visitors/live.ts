import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { LiveVisitorDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { conversations, visitors, visitorSessions } from '../../db/schema';
import type { AgentActor } from '../auth/actors';

/** The shortest live window, whatever the sweep interval. */
const MIN_LIVE_WINDOW_MS = 2 * 60_000;

/**
 * How long an open session stays live without being seen: three sweeps (each sweep
 * heartbeats the sessions of connected widgets), at least two minutes. Also when a
 * sweep (`sweepVisitorPresence`) ends sessions nobody heartbeats.
 */
export const staleAfterMs = (sweepIntervalMs: number) => Math.max(MIN_LIVE_WINDOW_MS, 3 * sweepIntervalMs);

/**
 * The live window for `isLive`/`listLiveVisitors`: `staleAfterMs`, or, with the sweeper off
 * (SWEEP_INTERVAL_SECONDS=0: nothing heartbeats), forever — an open session is live until
 * its disconnect ends it.
 */
export const liveWindowMs = (sweepIntervalMs: number) => (sweepIntervalMs > 0 ? staleAfterMs(sweepIntervalMs) : Infinity);
/** Most live visitors one list returns (newest activity first). */
const LIVE_LIST_MAX = 500;

export type VisitorRow = typeof visitors.$inferSelect;
export type SessionRow = typeof visitorSessions.$inferSelect;
type OpenConversation = Pick<typeof conversations.$inferSelect, 'id' | 'status' | 'assignedAgentId'>;

const OPEN = ['queued', 'active'] as const;

/** Is this session a live one at `now` (not ended, seen within the live window, see `liveWindowMs`)? */
export const isLive = (s: SessionRow | null | undefined, windowMs: number, now = new Date()) => !!s && !s.endedAt && now.getTime() - s.lastSeenAt.getTime() < windowMs;

/** `context.cart` as the live list shows it, when the SDK set one. */
function cartOf(context: Record<string, unknown>): LiveVisitorDto['cart'] {
  const cart = context.cart as { total?: unknown; currency?: unknown } | undefined;
  if (!cart || typeof cart.total !== 'number') return null;
  return { total: cart.total, currency: typeof cart.currency === 'string' ? cart.currency : null };
}

/** One row of the live-visitors page: the visitor, their current session and open chat. */
export function presentLiveVisitor(v: VisitorRow, s: SessionRow | null, conv: OpenConversation | null, online: boolean): LiveVisitorDto {
  return {
    id: v.id,
    siteId: v.siteId,
    name: v.name,
    email: v.email,
    verified: v.verified,
    online,
    device: { browser: v.browser, os: v.os, device: v.device },
    geo: { country: v.country, countryCode: v.countryCode, city: v.city },
    currentUrl: s?.currentUrl ?? null,
    currentTitle: s?.currentTitle ?? null,
    sessionStartedAt: s?.startedAt.toISOString() ?? null,
    pagesViewed: s?.pageViews ?? 0,
    visitCount: v.visitCount,
    referrer: s?.referrer ?? null,
    utmSource: s?.utmSource ?? null,
    cart: cartOf(v.context),
    conversation: conv ? { id: conv.id, status: conv.status, assignedAgentId: conv.assignedAgentId } : null,
    lastSeenAt: (s && s.lastSeenAt > v.lastSeenAt ? s.lastSeenAt : v.lastSeenAt).toISOString(),
  };
}

/** The visitor's latest session (the current one while it lasts). */
export async function latestSession(db: Executor, visitorId: string): Promise<SessionRow | undefined> {
  const [s] = await db.select().from(visitorSessions).where(eq(visitorSessions.visitorId, visitorId)).orderBy(desc(visitorSessions.startedAt)).limit(1);
  return s;
}

/** Each visitor's newest queued/active conversation. */
async function openConversations(db: Executor, visitorIds: string[]): Promise<Map<string, OpenConversation>> {
  if (!visitorIds.length) return new Map();
  const rows = await db
    .select({ id: conversations.id, visitorId: conversations.visitorId, status: conversations.status, assignedAgentId: conversations.assignedAgentId })
    .from(conversations)
    .where(and(inArray(conversations.visitorId, visitorIds), inArray(conversations.status, [...OPEN])))
    .orderBy(desc(conversations.createdAt));
  const out = new Map<string, OpenConversation>();
  for (const r of rows) if (!out.has(r.visitorId)) out.set(r.visitorId, r);
  return out;
}

/** One visitor as the live list shows them (online computed from their latest session). */
async function loadLive(db: Executor, visitorId: string, windowMs: number, now: Date) {
  const [v] = await db.select().from(visitors).where(eq(visitors.id, visitorId));
  if (!v) return undefined;
  const s = (await latestSession(db, visitorId)) ?? null;
  const conv = (await openConversations(db, [visitorId])).get(visitorId) ?? null;
  return { workspaceId: v.workspaceId, dto: presentLiveVisitor(v, s, conv, isLive(s, windowMs, now)) };
}

/**
 * Tells the site's agents what this visitor is doing now (arrival, page, context, profile)
 * or that they left (their session ended: `online: false`). After commit; a visitor gone
 * meanwhile is skipped.
 */
export async function announceVisitor(ctx: Ctx, visitorId: string, opts: { now?: Date } = {}): Promise<void> {
  const live = await loadLive(ctx.db, visitorId, liveWindowMs(ctx.config.sweepIntervalMs), opts.now ?? new Date());
  if (!live) return;
  ctx.bus.emit({ name: 'visitor.activity', workspaceId: live.workspaceId, siteId: live.dto.siteId, visitor: live.dto });
}

/**
 * Visitors on the actor's sites right now (optionally one site): sessions not ended and
 * seen within the live window, newest activity first, with their open chat and cart.
 */
export async function listLiveVisitors(db: Executor, actor: AgentActor, siteId: string | undefined, windowMs: number, now = new Date()): Promise<LiveVisitorDto[]> {
  const scope = siteId ? [siteId] : actor.siteIds;
  if (scope !== 'all' && !scope.length) return [];
  const rows = await db
    .select({ v: visitors, s: visitorSessions })
    .from(visitorSessions)
    .innerJoin(visitors, eq(visitors.id, visitorSessions.visitorId))
    .where(
      and(
        eq(visitorSessions.workspaceId, actor.workspaceId),
        scope === 'all' ? undefined : inArray(visitorSessions.siteId, scope),
        isNull(visitorSessions.endedAt),
        Number.isFinite(windowMs) ? gt(visitorSessions.lastSeenAt, new Date(now.getTime() - windowMs)) : undefined,
      ),
    )
    // visitors.last_seen_at moves with what they do (pages, messages), not with the sweeper's heartbeat.
    .orderBy(desc(visitors.lastSeenAt))
    .limit(LIVE_LIST_MAX);
  const convs = await openConversations(db, rows.map((r) => r.v.id));
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (seen.has(r.v.id)) return [];
    seen.add(r.v.id);
    return [presentLiveVisitor(r.v, r.s, convs.get(r.v.id) ?? null, true)];
  });
}
