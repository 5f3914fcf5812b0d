import { and, asc, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { CannedResponseDto, CreateCannedBody, UpdateCannedBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { cannedResponses } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { canEditCanned, canManageSharedCanned, canSeeCanned } from './policy';

type Row = typeof cannedResponses.$inferSelect;

const present = (r: Row): CannedResponseDto => ({
  id: r.id,
  title: r.title,
  shortcut: r.shortcut,
  category: r.category,
  body: r.body,
  shared: r.ownerAgentId === null,
  ownerAgentId: r.ownerAgentId,
  usageCount: r.usageCount,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Shared responses and the agent's own, most used first, then by title. */
export async function listCanned(ctx: Ctx, actor: AgentActor) {
  const rows = await ctx.db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.workspaceId, actor.workspaceId), or(isNull(cannedResponses.ownerAgentId), eq(cannedResponses.ownerAgentId, actor.agentId))))
    .orderBy(desc(cannedResponses.usageCount), asc(sql`lower(${cannedResponses.title})`), asc(cannedResponses.id));
  return rows.map(present);
}

/** A response the actor may see; someone else's personal one is a 404 (no existence leaks). */
async function visibleCanned(tx: Executor, actor: AgentActor, id: string) {
  const [row] = await tx.select().from(cannedResponses).where(and(eq(cannedResponses.id, id), eq(cannedResponses.workspaceId, actor.workspaceId)));
  if (!row || !canSeeCanned(actor, row)) throw notFound('Canned response');
  return row;
}

/**
 * Shortcuts are unique within one scope: the shared set, or one agent's personal set. Writers of
 * a scope serialize on an advisory lock so two concurrent saves cannot both take a shortcut.
 */
async function claimShortcut(tx: Executor, workspaceId: string, ownerAgentId: string | null, shortcut: string, exceptId?: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`parley:canned:${workspaceId}:${ownerAgentId ?? 'shared'}`}, 0))`);
  const [taken] = await tx
    .select({ title: cannedResponses.title })
    .from(cannedResponses)
    .where(
      and(
        eq(cannedResponses.workspaceId, workspaceId),
        eq(cannedResponses.shortcut, shortcut),
        ownerAgentId ? eq(cannedResponses.ownerAgentId, ownerAgentId) : isNull(cannedResponses.ownerAgentId),
        exceptId ? ne(cannedResponses.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw new AppError('conflict', `The shortcut /${shortcut} is already used by ${ownerAgentId ? 'your' : 'the shared'} response "${taken.title}"`);
}

export async function createCanned(ctx: Ctx, actor: AgentActor, body: CreateCannedBody) {
  if (body.shared && !canManageSharedCanned(actor)) throw forbidden('Only admins and managers can create shared responses');
  const owner = body.shared ? null : actor.agentId;
  const row = await ctx.db.transaction(async (tx) => {
    await claimShortcut(tx, actor.workspaceId, owner, body.shortcut);
    const [r] = await tx
      .insert(cannedResponses)
      .values({ id: newId(), workspaceId: actor.workspaceId, ownerAgentId: owner, title: body.title, shortcut: body.shortcut, category: body.category || null, body: body.body })
      .returning();
    return r!;
  });
  return present(row);
}

/** `shared` moves a response between the team's set and the editor's personal set. */
export async function updateCanned(ctx: Ctx, actor: AgentActor, id: string, patch: UpdateCannedBody) {
  if (!Object.keys(patch).length) throw new AppError('validation_failed', 'Nothing to update');
  const row = await ctx.db.transaction(async (tx) => {
    const current = await visibleCanned(tx, actor, id);
    if (!canEditCanned(actor, current)) throw forbidden('Only admins and managers can change shared responses');
    const owner = patch.shared === undefined ? current.ownerAgentId : patch.shared ? null : (current.ownerAgentId ?? actor.agentId);
    if (owner === null && !canManageSharedCanned(actor)) throw forbidden('Only admins and managers can share responses with the team');
    const shortcut = patch.shortcut ?? current.shortcut;
    if (owner !== current.ownerAgentId || shortcut !== current.shortcut) await claimShortcut(tx, actor.workspaceId, owner, shortcut, id);
    const [r] = await tx
      .update(cannedResponses)
      .set({
        ownerAgentId: owner,
        shortcut,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.category !== undefined ? { category: patch.category || null } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        updatedAt: new Date(),
      })
      .where(eq(cannedResponses.id, id))
      .returning();
    return r!;
  });
  return present(row);
}

export async function deleteCanned(ctx: Ctx, actor: AgentActor, id: string) {
  const current = await visibleCanned(ctx.db, actor, id);
  if (!canEditCanned(actor, current)) throw forbidden('Only admins and managers can delete shared responses');
  await ctx.db.delete(cannedResponses).where(eq(cannedResponses.id, id));
}

/** Counts a use (the composer's picker ranks by it). */
export async function useCanned(ctx: Ctx, actor: AgentActor, id: string) {
  await visibleCanned(ctx.db, actor, id);
  const [row] = await ctx.db
    .update(cannedResponses)
    .set({ usageCount: sql`${cannedResponses.usageCount} + 1` })
    .where(eq(cannedResponses.id, id))
    .returning();
  if (!row) throw notFound('Canned response');
  return present(row);
}
