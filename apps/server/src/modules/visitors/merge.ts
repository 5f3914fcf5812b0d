import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { conversations, messages, pageViews, readCursors, triggerEvents, visitorEvents, visitors, visitorSessions, visitorTokens } from '../../db/schema';
import type { ConversationRow } from '../conversations/presenter';
import type { VisitorRow } from './live';
import { mergeAttributes } from './profile';

export interface Claims {
  name?: string;
  email?: string;
  phone?: string;
}

/** Attributes without the marker of an unverified identify call. */
export function withoutUnverifiedId(attributes: Record<string, unknown>): Record<string, unknown> {
  return mergeAttributes(attributes, { unverifiedUserId: null });
}

/** Moves a visitor's sessions, page views, events and trigger events to another; returns how many sessions moved. */
async function moveTracking(tx: Tx, sourceId: string, targetId: string): Promise<number> {
  const sessions = await tx.update(visitorSessions).set({ visitorId: targetId }).where(eq(visitorSessions.visitorId, sourceId)).returning({ id: visitorSessions.id });
  await tx.update(pageViews).set({ visitorId: targetId }).where(eq(pageViews.visitorId, sourceId));
  await tx.update(visitorEvents).set({ visitorId: targetId }).where(eq(visitorEvents.visitorId, sourceId));
  await tx.update(triggerEvents).set({ visitorId: targetId }).where(eq(triggerEvents.visitorId, sourceId));
  return sessions.length;
}

/**
 * Moves everything of `source` (a widget visitor who just proved they are `target`'s user)
 * into `target` inside the caller's transaction, then deletes `source`: conversations (and
 * the visitor's messages and read cursors in them), sessions, page views, events and trigger
 * events; the source's tokens keep working for the target. Profile fields: the identify call's claims first, then the target's, then the
 * source's; the device and place of the browser at hand (the source) win. Both rows must be
 * locked by the caller. Returns the conversations that changed hands.
 */
export async function mergeVisitorInto(tx: Tx, source: VisitorRow, target: VisitorRow, claims: Claims): Promise<ConversationRow[]> {
  const moved = await tx.update(conversations).set({ visitorId: target.id }).where(eq(conversations.visitorId, source.id)).returning();
  const movedIds = moved.map((c) => c.id);
  if (movedIds.length) {
    await tx
      .update(messages)
      .set({ senderId: target.id })
      .where(and(inArray(messages.conversationId, movedIds), eq(messages.senderType, 'visitor'), eq(messages.senderId, source.id)));
    await tx
      .update(readCursors)
      .set({ readerId: target.id })
      .where(and(inArray(readCursors.conversationId, movedIds), eq(readCursors.readerType, 'visitor'), eq(readCursors.readerId, source.id)));
  }
  const sessions = await moveTracking(tx, source.id, target.id);
  // The source device stays signed in, now as the target (its other tabs, a reconnect).
  await tx.update(visitorTokens).set({ visitorId: target.id }).where(eq(visitorTokens.visitorId, source.id));
  if (source.tokenHash) await tx.insert(visitorTokens).values({ tokenHash: source.tokenHash, visitorId: target.id }).onConflictDoNothing();

  const fromBrowser = source.browser || source.os || source.country ? source : target;
  await tx.delete(visitors).where(eq(visitors.id, source.id));
  await tx
    .update(visitors)
    .set({
      name: claims.name ?? target.name ?? source.name,
      email: claims.email ?? target.email ?? source.email,
      phone: claims.phone ?? target.phone ?? source.phone,
      attributes: withoutUnverifiedId(mergeAttributes(source.attributes, target.attributes)),
      context: Object.keys(source.context).length ? source.context : target.context,
      profileCompletedAt: target.profileCompletedAt ?? source.profileCompletedAt,
      browser: fromBrowser.browser,
      os: fromBrowser.os,
      device: fromBrowser.device,
      country: fromBrowser.country,
      countryCode: fromBrowser.countryCode,
      city: fromBrowser.city,
      ip: source.ip ?? target.ip,
      userAgent: source.userAgent ?? target.userAgent,
      visitCount: sql`${visitors.visitCount} + ${sessions}`,
      firstSeenAt: source.firstSeenAt < target.firstSeenAt ? source.firstSeenAt : target.firstSeenAt,
      lastSeenAt: source.lastSeenAt > target.lastSeenAt ? source.lastSeenAt : target.lastSeenAt,
      verified: true,
      anonKey: null,
    })
    .where(eq(visitors.id, target.id));
  return moved;
}

/** A new visitor's widget may still be about to connect: not "gone" before this. */
const UNCONNECTED_GRACE_MS = 2 * 60_000;

/**
 * Cookieless page-history continuity (`createVisitor` with `persistent: false`): today's
 * latest earlier anonymous visitor of the same browser (`anonKey`) who never interacted
 * (anonKey still set, not verified, no pre-chat answers, no conversation) and is not online
 * (their latest session ended, and their widget is not just about to connect) is merged into the new
 * visitor `targetId`: sessions, page views, events, trigger events, visit count, first seen,
 * device, place, attributes and context move; the old row and its tokens are deleted. The
 * old row is locked (and its sessions, against a racing reconnect) and every condition
 * re-checked under the lock; the delete is conditional too. An online or interacted visitor
 * is left alone (two visitors). Returns the absorbed visitor's id.
 */
export async function absorbAnonymousVisitor(tx: Tx, p: { siteId: string; anonKey: string; targetId: string }, now = new Date()): Promise<string | undefined> {
  const untouched = and(
    isNotNull(visitors.anonKey),
    eq(visitors.verified, false),
    isNull(visitors.profileCompletedAt),
    notExists(tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.visitorId, visitors.id))),
  );
  // Gone: their latest session ended after they were last active (a visitor who absorbed an
  // ended session and whose widget has not connected yet is not gone), or they were last
  // active (or created) before the grace and have no open session.
  const stale = lt(visitors.lastSeenAt, new Date(now.getTime() - UNCONNECTED_GRACE_MS));
  // Operators, not a sql`` field: they keep the outer visitors' columns qualified.
  const latestEnded = tx
    .select({ gone: and(isNotNull(visitorSessions.endedAt), or(gte(visitorSessions.endedAt, visitors.lastSeenAt), stale))! })
    .from(visitorSessions)
    .where(eq(visitorSessions.visitorId, visitors.id))
    .orderBy(desc(visitorSessions.startedAt))
    .limit(1);
  const offline = sql`coalesce((${latestEnded}), ${stale})`;
  const [candidate] = await tx
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.siteId, p.siteId), eq(visitors.anonKey, p.anonKey), ne(visitors.id, p.targetId), untouched, offline))
    .orderBy(desc(visitors.lastSeenAt))
    .limit(1);
  if (!candidate) return undefined;
  // The row lock also holds off a first conversation (its foreign key check waits for it).
  const [locked] = await tx.select({ id: visitors.id }).from(visitors).where(eq(visitors.id, candidate.id)).for('update');
  if (!locked) return undefined;
  await tx.select({ id: visitorSessions.id }).from(visitorSessions).where(eq(visitorSessions.visitorId, locked.id)).for('update');
  const [old] = await tx.select().from(visitors).where(and(eq(visitors.id, locked.id), untouched, offline));
  if (!old) return undefined;
  await moveTracking(tx, old.id, p.targetId);
  const deleted = await tx
    .delete(visitors)
    .where(and(eq(visitors.id, old.id), untouched))
    .returning({ id: visitors.id });
  if (!deleted.length) return undefined;
  await tx
    .update(visitors)
    .set({
      visitCount: old.visitCount,
      firstSeenAt: old.firstSeenAt,
      browser: old.browser,
      os: old.os,
      device: old.device,
      country: old.country,
      countryCode: old.countryCode,
      city: old.city,
      attributes: old.attributes,
      context: old.context,
    })
    .where(eq(visitors.id, p.targetId));
  return old.id;
}
