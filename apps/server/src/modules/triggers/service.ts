import { and, eq } from 'drizzle-orm';
import type { CreateTriggerBody, TriggerAction, TriggerDto, UpdateTriggerBody, VisitorSelfDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import { triggerEvents, triggers } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor, VisitorActor } from '../auth/actors';
import { isAdmin } from '../auth/policy';
import { findSite } from '../sites/queries';
import { isCurrentSession } from '../tracking/service';
import { latestSession } from '../visitors/live';
import { visitorSelf } from '../visitors/self';
import { presentTrigger } from './presenter';
import { findTrigger } from './queries';

function requireAdmin(actor: AgentActor) {
  if (!isAdmin(actor)) throw forbidden('Only admins can change triggers');
}

/** Adds a proactive trigger to a site of the admin's workspace. */
export async function createTrigger(ctx: Ctx, actor: AgentActor, siteId: string, body: CreateTriggerBody): Promise<TriggerDto> {
  requireAdmin(actor);
  if (!(await findSite(ctx.db, actor.workspaceId, siteId))) throw notFound('Site');
  const [row] = await ctx.db
    .insert(triggers)
    .values({ id: newId(), workspaceId: actor.workspaceId, siteId, ...body })
    .returning();
  return presentTrigger(row!);
}

/** Changes the given fields of a trigger (admins). */
export async function updateTrigger(ctx: Ctx, actor: AgentActor, triggerId: string, body: UpdateTriggerBody): Promise<TriggerDto> {
  requireAdmin(actor);
  const [row] = await ctx.db
    .update(triggers)
    .set({ ...body, updatedAt: new Date() })
    .where(and(eq(triggers.id, triggerId), eq(triggers.workspaceId, actor.workspaceId)))
    .returning();
  if (!row) throw notFound('Trigger');
  return presentTrigger(row);
}

/** Deletes a trigger with its events; chats it started keep existing (their triggerId becomes null). */
export async function deleteTrigger(ctx: Ctx, actor: AgentActor, triggerId: string): Promise<void> {
  requireAdmin(actor);
  const [row] = await ctx.db
    .delete(triggers)
    .where(and(eq(triggers.id, triggerId), eq(triggers.workspaceId, actor.workspaceId)))
    .returning({ id: triggers.id });
  if (!row) throw notFound('Trigger');
}

/**
 * The widget reports what the visitor did with a prompt (socket `visitor:trigger`): stored in
 * the visitor's current session for the frequency caps and the stats. Returns the visitor with
 * the updated trigger history.
 */
export async function reportTrigger(ctx: Ctx, actor: VisitorActor, input: { triggerId: string; action: TriggerAction }): Promise<VisitorSelfDto> {
  const trigger = await findTrigger(ctx.db, actor.workspaceId, input.triggerId);
  if (!trigger || trigger.siteId !== actor.siteId) throw notFound('Trigger');
  // The session visitorSelf counts per-session shows in: the latest one, unless it timed out.
  const latest = await latestSession(ctx.db, actor.visitorId);
  const sessionId = isCurrentSession(latest, new Date()) ? latest.id : null;
  await ctx.db.insert(triggerEvents).values({ id: newId(), workspaceId: actor.workspaceId, triggerId: trigger.id, visitorId: actor.visitorId, sessionId, action: input.action });
  return visitorSelf(ctx.db, actor.visitorId);
}
