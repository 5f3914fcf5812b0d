import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AgentStatus, CreateAgentBody, UpdateAgentBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/client';
import { agents, sessions, siteAgents, sites } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { seesAllSites } from '../auth/actors';
import { isAdmin } from '../auth/policy';
import { hashPassword } from '../auth/passwords';
import { getAgentDto } from './queries';
import { changeStatus } from '../routing/presence';

async function assertSitesInWorkspace(db: Executor, workspaceId: string, siteIds: string[]) {
  if (!siteIds.length) return;
  const found = await db.select({ id: sites.id }).from(sites).where(and(eq(sites.workspaceId, workspaceId), inArray(sites.id, siteIds)));
  if (found.length !== new Set(siteIds).size) throw new AppError('validation_failed', 'siteIds: unknown site');
}

async function setSites(db: Executor, workspaceId: string, agentId: string, siteIds: string[]) {
  await db.delete(siteAgents).where(eq(siteAgents.agentId, agentId));
  if (siteIds.length) await db.insert(siteAgents).values([...new Set(siteIds)].map((siteId) => ({ workspaceId, siteId, agentId })));
}

/** Creates an agent inside an existing transaction (setup and bootstrap use this too). */
export async function insertAgent(db: Executor, workspaceId: string, input: CreateAgentBody | (Omit<CreateAgentBody, 'role'> & { role: 'owner' })) {
  const id = newId();
  try {
    await db.insert(agents).values({
      id,
      workspaceId,
      name: input.name,
      email: input.email,
      passwordHash: await hashPassword(input.password),
      pseudoName: input.pseudoName ?? input.name.split(/\s+/)[0]!,
      avatarUrl: input.avatarUrl ?? null,
      role: input.role,
      maxChats: input.maxChats,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('email_taken', 'An agent with this email already exists');
    throw err;
  }
  await setSites(db, workspaceId, id, input.siteIds);
  return id;
}

export async function createAgent(ctx: Ctx, actor: AgentActor, input: CreateAgentBody) {
  if (!isAdmin(actor)) throw forbidden('Only admins can add agents');
  const id = await ctx.db.transaction(async (tx) => {
    await assertSitesInWorkspace(tx, actor.workspaceId, input.siteIds);
    return insertAgent(tx, actor.workspaceId, input);
  });
  const dto = (await getAgentDto(ctx.db, actor.workspaceId, id))!;
  ctx.bus.emit({ name: 'agent.sites_changed', workspaceId: actor.workspaceId, agentId: id, siteIds: seesAllSites(dto.role) ? 'all' : dto.siteIds });
  return dto;
}

export async function updateAgent(ctx: Ctx, actor: AgentActor, agentId: string, input: UpdateAgentBody) {
  const self = agentId === actor.agentId;
  if (!isAdmin(actor)) {
    // Agents may edit their own profile, nothing else.
    if (!self || input.role !== undefined || input.siteIds !== undefined || input.maxChats !== undefined) throw forbidden('Only admins can change agents');
  }
  const dto = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.workspaceId, actor.workspaceId), eq(agents.disabled, false)));
    if (!row) throw notFound('Agent');
    if (row.role === 'owner' && input.role !== undefined) throw new AppError('conflict', "The owner's role cannot be changed");
    // Nobody takes over an owner or admin account by setting its password; only they or the owner can.
    if (input.password !== undefined && !self && (row.role === 'owner' || row.role === 'admin') && actor.role !== 'owner') {
      throw forbidden("Only the owner can set another admin's password");
    }
    const patch: Partial<typeof agents.$inferInsert> = { updatedAt: new Date() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.pseudoName !== undefined) patch.pseudoName = input.pseudoName;
    if (input.avatarUrl !== undefined) patch.avatarUrl = input.avatarUrl;
    if (input.role !== undefined) patch.role = input.role;
    if (input.maxChats !== undefined) patch.maxChats = input.maxChats;
    if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
    await tx.update(agents).set(patch).where(eq(agents.id, agentId));
    if (input.siteIds) {
      await assertSitesInWorkspace(tx, actor.workspaceId, input.siteIds);
      await setSites(tx, actor.workspaceId, agentId, input.siteIds);
    }
    // A new password signs the account out everywhere else.
    const revoked = input.password === undefined ? [] : await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.agentId, agentId), isNull(sessions.revokedAt), self ? ne(sessions.id, actor.sessionId) : undefined))
      .returning({ id: sessions.id });
    return { dto: (await getAgentDto(tx, actor.workspaceId, agentId))!, revoked };
  }).then(({ dto, revoked }) => {
    for (const s of revoked) ctx.bus.emit({ name: 'access.revoked', sessionId: s.id });
    return dto;
  });
  if (input.siteIds || input.role) {
    ctx.bus.emit({ name: 'agent.sites_changed', workspaceId: actor.workspaceId, agentId, siteIds: seesAllSites(dto.role) ? 'all' : dto.siteIds });
  }
  return dto;
}

/** Disabling keeps history (messages keep their author) and ends every session. */
export async function disableAgent(ctx: Ctx, actor: AgentActor, agentId: string) {
  if (!isAdmin(actor)) throw forbidden('Only admins can remove agents');
  if (agentId === actor.agentId) throw new AppError('conflict', 'You cannot remove yourself');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.workspaceId, actor.workspaceId), eq(agents.disabled, false)));
    if (!row) throw notFound('Agent');
    if (row.role === 'owner') throw new AppError('conflict', 'The owner cannot be removed');
    await tx.update(agents).set({ disabled: true, status: 'offline', email: sql`${agents.email} || '#disabled-' || ${agents.id}`, updatedAt: new Date() }).where(eq(agents.id, agentId));
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.agentId, agentId));
    await tx.delete(siteAgents).where(eq(siteAgents.agentId, agentId));
  });
  ctx.bus.emit({ name: 'access.revoked', agentId });
  ctx.bus.emit({ name: 'agent.status_changed', workspaceId: actor.workspaceId, agentId, status: 'offline' });
}

export async function setStatus(ctx: Ctx, actor: AgentActor, status: AgentStatus) {
  await changeStatus(ctx, actor.workspaceId, actor.agentId, status);
  return (await getAgentDto(ctx.db, actor.workspaceId, actor.agentId))!;
}
