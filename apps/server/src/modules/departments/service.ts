import { and, asc, eq, inArray } from 'drizzle-orm';
import type { CreateDepartmentBody, DepartmentDto, UpdateDepartmentBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { agentDepartments, agents, departments, sites } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { isAdmin } from '../auth/policy';

type DepartmentRow = typeof departments.$inferSelect;

const present = (row: DepartmentRow, agentIds: string[]): DepartmentDto => ({ id: row.id, name: row.name, siteIds: row.siteIds, agentIds, createdAt: row.createdAt.toISOString() });

export async function listDepartments(db: Executor, workspaceId: string): Promise<DepartmentDto[]> {
  const rows = await db.select().from(departments).where(eq(departments.workspaceId, workspaceId)).orderBy(asc(departments.name));
  const members = rows.length ? await db.select().from(agentDepartments).where(inArray(agentDepartments.departmentId, rows.map((r) => r.id))) : [];
  return rows.map((r) => present(r, members.filter((m) => m.departmentId === r.id).map((m) => m.agentId)));
}

/** Departments a visitor of `siteId` may pick: those listing the site, or listing no site. */
export async function departmentsForSite(db: Executor, workspaceId: string, siteId: string) {
  return (await listDepartments(db, workspaceId)).filter((d) => !d.siteIds.length || d.siteIds.includes(siteId));
}

async function checkRefs(db: Executor, workspaceId: string, input: { siteIds?: string[]; agentIds?: string[] }) {
  const siteIds = [...new Set(input.siteIds ?? [])];
  const agentIds = [...new Set(input.agentIds ?? [])];
  if (siteIds.length) {
    const found = await db.select({ id: sites.id }).from(sites).where(and(eq(sites.workspaceId, workspaceId), inArray(sites.id, siteIds)));
    if (found.length !== siteIds.length) throw new AppError('validation_failed', 'siteIds: unknown site');
  }
  if (agentIds.length) {
    const found = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.workspaceId, workspaceId), eq(agents.disabled, false), inArray(agents.id, agentIds)));
    if (found.length !== agentIds.length) throw new AppError('validation_failed', 'agentIds: unknown agent');
  }
  return { siteIds, agentIds };
}

async function setMembers(db: Executor, workspaceId: string, departmentId: string, agentIds: string[]) {
  await db.delete(agentDepartments).where(eq(agentDepartments.departmentId, departmentId));
  if (agentIds.length) await db.insert(agentDepartments).values(agentIds.map((agentId) => ({ workspaceId, departmentId, agentId })));
}

async function getDepartment(db: Executor, workspaceId: string, id: string) {
  return (await listDepartments(db, workspaceId)).find((d) => d.id === id);
}

export async function createDepartment(ctx: Ctx, actor: AgentActor, input: CreateDepartmentBody) {
  if (!isAdmin(actor)) throw forbidden('Only admins can manage departments');
  const id = await ctx.db.transaction(async (tx) => {
    const refs = await checkRefs(tx, actor.workspaceId, input);
    const id = newId();
    await tx.insert(departments).values({ id, workspaceId: actor.workspaceId, name: input.name, siteIds: refs.siteIds });
    await setMembers(tx, actor.workspaceId, id, refs.agentIds);
    return id;
  });
  return (await getDepartment(ctx.db, actor.workspaceId, id))!;
}

export async function updateDepartment(ctx: Ctx, actor: AgentActor, id: string, input: UpdateDepartmentBody) {
  if (!isAdmin(actor)) throw forbidden('Only admins can manage departments');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(departments).where(and(eq(departments.id, id), eq(departments.workspaceId, actor.workspaceId))).for('update');
    if (!row) throw notFound('Department');
    const refs = await checkRefs(tx, actor.workspaceId, input);
    await tx.update(departments).set({ name: input.name ?? row.name, siteIds: input.siteIds ? refs.siteIds : row.siteIds }).where(eq(departments.id, id));
    if (input.agentIds) await setMembers(tx, actor.workspaceId, id, refs.agentIds);
  });
  return (await getDepartment(ctx.db, actor.workspaceId, id))!;
}

/** Chats of a deleted department stay where they are, without a department. */
export async function deleteDepartment(ctx: Ctx, actor: AgentActor, id: string) {
  if (!isAdmin(actor)) throw forbidden('Only admins can manage departments');
  const gone = await ctx.db.delete(departments).where(and(eq(departments.id, id), eq(departments.workspaceId, actor.workspaceId))).returning({ id: departments.id });
  if (!gone.length) throw notFound('Department');
}
