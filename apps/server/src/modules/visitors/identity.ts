import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { IdentifyPayload } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { isUniqueViolation } from '../../db/client';
import { sites, visitors } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { newId, randomToken, sha256 } from '../../ids';
import type { VisitorActor } from '../auth/actors';
import { refOf, type ConversationRow } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { announceVisitor } from './live';
import { mergeVisitorInto, withoutUnverifiedId, type Claims } from './merge';
import { announceVisitorChats, mergeAttributes } from './profile';
import { issueToken } from './service';

export interface IdentifyResult {
  /** The visitor the widget is now: itself, or the verified visitor it was handed. */
  visitorId: string;
  /** Set when the widget was handed another visitor: its new secret token. */
  token?: string;
  verified: boolean;
}

/** `hash` is the hex HMAC-SHA256 of the user id with the site's secret (compared timing-safe). */
export function validIdentityHash(siteSecret: string, userId: string, hash: string | undefined): boolean {
  if (!hash) return false;
  const expected = createHmac('sha256', siteSecret).update(userId).digest();
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Outcome extends IdentifyResult {
  moved: ConversationRow[];
}

/**
 * SDK `identify` / `boot({ user })`. With a valid hash the visitor is the site's user `id`:
 * if the site already has a visitor with that id, this visitor is merged into it and the
 * widget is handed that one (new token); else this visitor becomes verified with that id.
 * A visitor verified as another user (no shutdown in between) is handed the other user's
 * visitor without any merge. Without a valid hash the name/email/phone are stored as claims
 * and `attributes.unverifiedUserId = id`; nothing is ever merged on an unverified claim.
 * Either way the visitor is identified, so the cookieless anonKey goes.
 */
export async function identifyVisitor(ctx: Ctx, actor: VisitorActor, p: IdentifyPayload): Promise<IdentifyResult> {
  const [site] = await ctx.db.select({ secret: sites.secret }).from(sites).where(eq(sites.id, actor.siteId));
  if (!site) throw notFound('Site');
  const claims: Claims = { ...(p.name ? { name: p.name } : {}), ...(p.email ? { email: p.email } : {}), ...(p.phone ? { phone: p.phone } : {}) };
  const verified = validIdentityHash(site.secret, p.id, p.hash);
  const run = () => ctx.db.transaction((tx) => (verified ? identifyVerified(tx, actor, p.id, claims) : identifyUnverified(tx, actor, p.id, claims)));
  let out: Outcome;
  try {
    out = await run();
  } catch (err) {
    // Two first identifies of one user at once: the loser finds the winner's visitor and merges.
    if (!isUniqueViolation(err)) throw err;
    out = await run();
  }
  for (const conv of out.moved) {
    const dto = await getConversationDto(ctx.db, agentsView(conv.workspaceId), conv.id);
    if (dto) ctx.bus.emit({ name: 'conversation.updated', ref: refOf(conv), conversation: dto });
  }
  await announceVisitor(ctx, out.visitorId);
  await announceVisitorChats(ctx, out.visitorId);
  return { visitorId: out.visitorId, verified: out.verified, ...(out.token ? { token: out.token } : {}) };
}

async function lockVisitor(tx: Tx, id: string) {
  const [v] = await tx.select().from(visitors).where(eq(visitors.id, id)).for('update');
  if (!v) throw notFound('Visitor');
  return v;
}

async function identifyUnverified(tx: Tx, actor: VisitorActor, userId: string, claims: Claims): Promise<Outcome> {
  const v = await lockVisitor(tx, actor.visitorId);
  if (v.verified && v.externalId !== userId) throw new AppError('conflict', 'This visitor is verified as another user; call shutdown (log out) before identifying someone else');
  const attributes = v.verified ? v.attributes : mergeAttributes(v.attributes, { unverifiedUserId: userId });
  await tx.update(visitors).set({ ...claims, attributes, anonKey: null }).where(eq(visitors.id, v.id));
  return { visitorId: v.id, verified: v.verified, moved: [] };
}

async function identifyVerified(tx: Tx, actor: VisitorActor, userId: string, claims: Claims): Promise<Outcome> {
  const self = await lockVisitor(tx, actor.visitorId);
  if (self.verified && self.externalId === userId) {
    await tx.update(visitors).set({ ...claims, anonKey: null }).where(eq(visitors.id, self.id));
    return { visitorId: self.id, verified: true, moved: [] };
  }
  const [known] = await tx
    .select()
    .from(visitors)
    .where(and(eq(visitors.siteId, self.siteId), eq(visitors.externalId, userId)))
    .for('update');
  if (self.verified) {
    // Someone else logged in on this browser: never mix the two people's histories.
    if (known) {
      await tx.update(visitors).set({ ...claims, verified: true, anonKey: null }).where(eq(visitors.id, known.id));
      return { visitorId: known.id, token: await issueToken(tx, known.id), verified: true, moved: [] };
    }
    const token = randomToken(32);
    const [created] = await tx
      .insert(visitors)
      .values({ id: newId(), workspaceId: self.workspaceId, siteId: self.siteId, tokenHash: sha256(token), externalId: userId, verified: true, ...claims, userAgent: self.userAgent, ip: self.ip })
      .returning({ id: visitors.id });
    return { visitorId: created!.id, token, verified: true, moved: [] };
  }
  if (known && known.id !== self.id) {
    const moved = await mergeVisitorInto(tx, self, known, claims);
    return { visitorId: known.id, token: await issueToken(tx, known.id), verified: true, moved };
  }
  await tx
    .update(visitors)
    .set({ ...claims, externalId: userId, verified: true, attributes: withoutUnverifiedId(self.attributes), anonKey: null })
    .where(eq(visitors.id, self.id));
  return { visitorId: self.id, verified: true, moved: [] };
}
