import { and, eq, inArray } from 'drizzle-orm';
import type { TrackEventPayload, VisitorContext, VisitorUpdatePayload } from '@parley/protocol';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { conversations, visitorEvents, visitors } from '../../db/schema';
import { notFound } from '../../errors';
import { newId } from '../../ids';
import type { VisitorActor } from '../auth/actors';
import { refOf } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { announceVisitor } from './live';

/** Agents' copies of the visitor's open chats carry their name/email: refresh them. */
export async function announceVisitorChats(ctx: Ctx, visitorId: string): Promise<void> {
  const open = await ctx.db.select().from(conversations).where(and(eq(conversations.visitorId, visitorId), inArray(conversations.status, ['queued', 'active'])));
  for (const conv of open) {
    const dto = await getConversationDto(ctx.db, agentsView(conv.workspaceId), conv.id);
    if (dto) ctx.bus.emit({ name: 'conversation.updated', ref: refOf(conv), conversation: dto });
  }
}

/** `{ ...stored, ...patch }` where a null in the patch removes the key. */
export function mergeAttributes(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * SDK `update` / `setAttributes`: profile claims (unverified, as the host page states them)
 * and custom attributes merged into the stored ones. Claims identify a person, so the
 * cookieless anonKey goes (another browser behind the same IP must never be handed them).
 * Agents see the change on the live list and on the visitor's open chats.
 */
export async function updateVisitor(ctx: Ctx, actor: VisitorActor, p: VisitorUpdatePayload): Promise<void> {
  const claims = { ...(p.name ? { name: p.name } : {}), ...(p.email ? { email: p.email } : {}), ...(p.phone ? { phone: p.phone } : {}) };
  await ctx.db.transaction(async (tx) => {
    const [v] = await tx.select({ attributes: visitors.attributes }).from(visitors).where(eq(visitors.id, actor.visitorId)).for('update');
    if (!v) throw notFound('Visitor');
    const values = { ...claims, ...(p.attributes ? { attributes: mergeAttributes(v.attributes, p.attributes) } : {}), ...(Object.keys(claims).length ? { anonKey: null } : {}) };
    // `update({})` (nothing the schema knows) changes nothing; drizzle refuses an empty SET.
    if (Object.keys(values).length) await tx.update(visitors).set(values).where(eq(visitors.id, actor.visitorId));
  });
  await announceVisitor(ctx, actor.visitorId);
  if (Object.keys(claims).length) await announceVisitorChats(ctx, actor.visitorId);
}

/** SDK `setContext`: replaces what the visitor is doing (cart, booking…) and shows it to agents live. */
export async function setVisitorContext(ctx: Ctx, actor: VisitorActor, context: VisitorContext): Promise<void> {
  const [row] = await ctx.db.update(visitors).set({ context }).where(eq(visitors.id, actor.visitorId)).returning({ id: visitors.id });
  if (!row) throw notFound('Visitor');
  await announceVisitor(ctx, actor.visitorId);
}

/** SDK `trackEvent(name, properties)`: stored on the visitor's timeline. */
export async function trackVisitorEvent(ctx: Ctx, actor: VisitorActor, e: z.output<typeof TrackEventPayload>): Promise<void> {
  await ctx.db.insert(visitorEvents).values({ id: newId(), workspaceId: actor.workspaceId, visitorId: actor.visitorId, name: e.name, properties: e.properties });
}
