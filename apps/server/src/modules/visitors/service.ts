import { timingSafeEqual } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { sites, visitors, visitorTokens } from '../../db/schema';
import { newId, randomToken, sha256 } from '../../ids';
import type { VisitorActor } from '../auth/actors';
import type { SiteRow } from '../sites/presenter';
import { anonKeyFor } from './anon';
import { absorbAnonymousVisitor } from './merge';

export interface NewVisitorMeta {
  userAgent?: string;
  ip?: string;
  /**
   * false: the widget keeps the credentials in memory only (nothing stored on the device
   * before the visitor interacts), so every page load asks for a visitor again.
   */
  persistent?: boolean;
}

/**
 * Creates a visitor with fresh credentials; the plain token goes to the browser only. An
 * existing visitor's credentials are never handed out (two people behind one address with
 * the same browser stay two visitors). For `persistent: false` the visitor gets this
 * browser's anonKey and, for an unbroken page history, absorbs today's earlier anonymous
 * visitor of the same browser when that one never interacted and is not online
 * (`absorbAnonymousVisitor`); that visitor's credentials stop working.
 */
export async function createVisitor(ctx: Ctx, site: SiteRow, meta: NewVisitorMeta): Promise<{ visitorId: string; token: string }> {
  const token = randomToken(32);
  const userAgent = meta.userAgent?.slice(0, 500) ?? null;
  const ip = meta.ip ?? null;
  const values = { id: newId(), workspaceId: site.workspaceId, siteId: site.id, tokenHash: sha256(token), userAgent, ip };
  if (meta.persistent !== false) {
    await ctx.db.insert(visitors).values({ ...values, anonKey: null });
    return { visitorId: values.id, token };
  }
  const anonKey = await anonKeyFor(ctx.db, site.id, ip ?? '', userAgent ?? '');
  const absorbed = await ctx.db.transaction(async (tx) => {
    await tx.insert(visitors).values({ ...values, anonKey });
    return absorbAnonymousVisitor(tx, { siteId: site.id, anonKey, targetId: values.id });
  });
  // A widget of the absorbed visitor that reconnected meanwhile must start over.
  if (absorbed) ctx.bus.emit({ name: 'access.revoked', visitorId: absorbed });
  return { visitorId: values.id, token };
}

/**
 * The visitor interacted (sent a message, answered a form, left an offline message, an agent
 * started a chat with them, or the site identified them): from now on the widget stores
 * their credentials, so the cookieless anonKey is dropped (they are never merged away). Call inside the
 * transaction of that change.
 */
export async function markInteracted(tx: Executor, visitorId: string): Promise<void> {
  await tx.update(visitors).set({ anonKey: null }).where(and(eq(visitors.id, visitorId), isNotNull(visitors.anonKey)));
}

/** One more secret token for the visitor (a device they signed in on); their other devices' tokens keep working. */
export async function issueToken(tx: Executor, visitorId: string): Promise<string> {
  const token = randomToken(32);
  await tx.insert(visitorTokens).values({ tokenHash: sha256(token), visitorId });
  return token;
}

/**
 * The visitor behind a widget handshake, if the key, id and token all match an active site.
 * The token is the visitor's first one (`visitors.token_hash`) or one issued later (`visitor_tokens`).
 */
export async function authenticateVisitor(db: Executor, auth: { siteKey: string; visitorId: string; token: string }): Promise<{ actor: VisitorActor; site: SiteRow } | undefined> {
  const [r] = await db.select({ v: visitors, s: sites }).from(visitors).innerJoin(sites, eq(sites.id, visitors.siteId)).where(eq(visitors.id, auth.visitorId));
  if (!r || !r.s.active || r.s.widgetKey !== auth.siteKey) return undefined;
  const hash = sha256(auth.token);
  const a = Buffer.from(r.v.tokenHash ?? '');
  const b = Buffer.from(hash);
  const primary = a.length === b.length && timingSafeEqual(a, b);
  if (!primary) {
    const [extra] = await db.select({ hash: visitorTokens.tokenHash }).from(visitorTokens).where(and(eq(visitorTokens.visitorId, r.v.id), eq(visitorTokens.tokenHash, hash)));
    if (!extra) return undefined;
  }
  return { actor: { kind: 'visitor', workspaceId: r.v.workspaceId, siteId: r.s.id, visitorId: r.v.id, name: r.v.name }, site: r.s };
}
