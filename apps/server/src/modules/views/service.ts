import { and, asc, count, eq } from 'drizzle-orm';
import { InboxFilters, type SavedViewBody, type SavedViewDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import { savedViews } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';

const MAX_VIEWS = 50;

type Row = typeof savedViews.$inferSelect;
// Stored filters go through the schema again: filters added later get their defaults, and a
// view saved under older, looser rules falls back to the default list instead of failing.
const present = (r: Row): SavedViewDto => ({ id: r.id, name: r.name, filters: InboxFilters.safeParse(r.filters).data ?? InboxFilters.parse({}), createdAt: r.createdAt.toISOString() });

/** An agent's own saved views, in the order they were saved. */
export async function listViews(ctx: Ctx, actor: AgentActor) {
  const rows = await ctx.db.select().from(savedViews).where(eq(savedViews.agentId, actor.agentId)).orderBy(asc(savedViews.createdAt), asc(savedViews.id));
  return rows.map(present);
}

export async function createView(ctx: Ctx, actor: AgentActor, body: SavedViewBody) {
  const [existing] = await ctx.db.select({ n: count() }).from(savedViews).where(eq(savedViews.agentId, actor.agentId));
  if ((existing?.n ?? 0) >= MAX_VIEWS) throw new AppError('conflict', `You can keep at most ${MAX_VIEWS} saved views; delete one first`);
  const [row] = await ctx.db.insert(savedViews).values({ id: newId(), workspaceId: actor.workspaceId, agentId: actor.agentId, name: body.name, filters: body.filters }).returning();
  return present(row!);
}

/** Only the agent's own views; anybody else's is a 404. */
export async function deleteView(ctx: Ctx, actor: AgentActor, id: string) {
  const rows = await ctx.db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.agentId, actor.agentId))).returning({ id: savedViews.id });
  if (!rows.length) throw notFound('View');
}
