import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { WidgetSettings, type PageViewPayload } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { pageViews, sites, visitors, visitorSessions } from '../../db/schema';
import { notFound } from '../../errors';
import { newId } from '../../ids';
import type { VisitorActor } from '../auth/actors';
import { announceVisitor, latestSession, type SessionRow, type VisitorRow } from '../visitors/live';
import { parseUserAgent } from './device';
import { cleanReferrer, parseUtm } from './url';

/** A visit ends after this long without a page view or a connected widget. */
export const SESSION_TIMEOUT_MS = 30 * 60_000;

/** A visitor's latest session is still their current one: seen within the session timeout. */
export const isCurrentSession = <S extends { lastSeenAt: Date }>(s: S | undefined, now: Date): s is S => !!s && now.getTime() - s.lastSeenAt.getTime() < SESSION_TIMEOUT_MS;
/** The same URL again this soon after its view was closed (a reload, a dropped connection) continues that view. */
const SAME_PAGE_GRACE_MS = 60_000;

export interface PageViewMeta {
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}

/** Is tracking on for the site (`settings.tracking.enabled`)? */
export async function trackingEnabled(db: Executor, siteId: string): Promise<boolean> {
  const [site] = await db.select({ settings: sites.settings }).from(sites).where(eq(sites.id, siteId));
  return !!site && WidgetSettings.parse(site.settings).tracking.enabled;
}

/**
 * `visitor:page`: the visitor is on `page`. Continues their session if it was seen within
 * 30 minutes, else starts one (landing page, referrer, UTM, device, geo; a returning
 * visitor's visit count goes up). The previous page view gets its `leftAt`. Tells the
 * site's agents after commit. With tracking off for the site nothing is recorded (false).
 */
export async function recordPageView(ctx: Ctx, actor: VisitorActor, page: PageViewPayload, meta: PageViewMeta): Promise<boolean> {
  if (!(await trackingEnabled(ctx.db, actor.siteId))) return false;
  const now = meta.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    // One visitor's page views (several tabs) are serialised on their row.
    const [visitor] = await tx.select().from(visitors).where(eq(visitors.id, actor.visitorId)).for('update');
    if (!visitor) throw notFound('Visitor');
    const last = await latestSession(tx, visitor.id);
    if (isCurrentSession(last, now)) await continueSession(tx, last, page, now);
    else await startSession(ctx, tx, visitor, last, page, meta, now);
    await tx.update(visitors).set({ lastSeenAt: now }).where(eq(visitors.id, visitor.id));
  });
  await announceVisitor(ctx, actor.visitorId, { now });
  return true;
}

async function continueSession(tx: Tx, session: SessionRow, page: PageViewPayload, now: Date) {
  const [latest] = await tx.select().from(pageViews).where(eq(pageViews.sessionId, session.id)).orderBy(desc(pageViews.enteredAt)).limit(1);
  const title = page.title || latest?.title || '';
  if (latest && latest.url === page.url && (!latest.leftAt || now.getTime() - latest.leftAt.getTime() < SAME_PAGE_GRACE_MS)) {
    // Still (or again) on the same page: a reconnect, a reload or a second tab is not a new view.
    await tx.update(pageViews).set({ leftAt: null, title }).where(eq(pageViews.id, latest.id));
    await tx.update(visitorSessions).set({ lastSeenAt: now, endedAt: null, currentTitle: title || null }).where(eq(visitorSessions.id, session.id));
    return;
  }
  await tx.update(pageViews).set({ leftAt: now }).where(and(eq(pageViews.sessionId, session.id), isNull(pageViews.leftAt)));
  await tx.insert(pageViews).values({ id: newId(), workspaceId: session.workspaceId, sessionId: session.id, visitorId: session.visitorId, url: page.url, title: page.title, enteredAt: now });
  await tx
    .update(visitorSessions)
    .set({ lastSeenAt: now, endedAt: null, currentUrl: page.url, currentTitle: page.title || null, pageViews: sql`${visitorSessions.pageViews} + 1` })
    .where(eq(visitorSessions.id, session.id));
}

async function startSession(ctx: Ctx, tx: Tx, visitor: VisitorRow, previous: SessionRow | undefined, page: PageViewPayload, meta: PageViewMeta, now: Date) {
  if (previous && !previous.endedAt) {
    // It timed out without a disconnect being seen (a node went away): it ended when last seen.
    await tx.update(visitorSessions).set({ endedAt: previous.lastSeenAt }).where(eq(visitorSessions.id, previous.id));
    await tx.update(pageViews).set({ leftAt: previous.lastSeenAt }).where(and(eq(pageViews.sessionId, previous.id), isNull(pageViews.leftAt)));
  }
  const utm = parseUtm(page.url);
  const device = parseUserAgent(meta.userAgent);
  const geo = ctx.geo(meta.ip);
  const sessionId = newId();
  await tx.insert(visitorSessions).values({
    id: sessionId,
    workspaceId: visitor.workspaceId,
    siteId: visitor.siteId,
    visitorId: visitor.id,
    startedAt: now,
    lastSeenAt: now,
    landingUrl: page.url,
    currentUrl: page.url,
    currentTitle: page.title || null,
    referrer: cleanReferrer(page.referrer),
    utmSource: utm.source,
    utmMedium: utm.medium,
    utmCampaign: utm.campaign,
    utmTerm: utm.term,
    utmContent: utm.content,
    pageViews: 1,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    ip: meta.ip,
  });
  await tx.insert(pageViews).values({ id: newId(), workspaceId: visitor.workspaceId, sessionId, visitorId: visitor.id, url: page.url, title: page.title, enteredAt: now });
  await tx
    .update(visitors)
    .set({
      ...device,
      country: geo?.country ?? null,
      countryCode: geo?.countryCode ?? null,
      city: geo?.city ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      // A new visit of someone seen before makes them a returning visitor.
      ...(previous ? { visitCount: sql`${visitors.visitCount} + 1` } : {}),
    })
    .where(eq(visitors.id, visitor.id));
}
