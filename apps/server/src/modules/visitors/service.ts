import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { sites, visitors } from '../../db/schema';
import { newId, randomToken, sha256 } from '../../ids';
import type { VisitorActor } from '../auth/actors';
import type { SiteRow } from '../sites/presenter';

/** Creates the visitor on their first interaction; the plain token goes to the browser only. */
export async function createVisitor(ctx: Ctx, site: SiteRow, meta: { userAgent?: string; ip?: string }) {
  const token = randomToken(32);
  const id = newId();
  await ctx.db.insert(visitors).values({
    id,
    workspaceId: site.workspaceId,
    siteId: site.id,
    tokenHash: sha256(token),
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    ip: meta.ip ?? null,
  });
  return { visitorId: id, token };
}

/** The visitor behind a widget handshake, if the key, id and token all match an active site. */
export async function authenticateVisitor(db: Executor, auth: { siteKey: string; visitorId: string; token: string }): Promise<{ actor: VisitorActor; site: SiteRow } | undefined> {
  const [r] = await db.select({ v: visitors, s: sites }).from(visitors).innerJoin(sites, eq(sites.id, visitors.siteId)).where(eq(visitors.id, auth.visitorId));
  if (!r || !r.s.active || r.s.widgetKey !== auth.siteKey || !r.v.tokenHash) return undefined;
  const a = Buffer.from(r.v.tokenHash);
  const b = Buffer.from(sha256(auth.token));
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  return { actor: { kind: 'visitor', workspaceId: r.v.workspaceId, siteId: r.s.id, visitorId: r.v.id, name: r.v.name }, site: r.s };
}
