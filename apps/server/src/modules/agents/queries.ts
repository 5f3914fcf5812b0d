import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { agentDepartments, agents, siteAgents } from '../../db/schema';
import { presentAgent } from './presenter';

/**
 * SQL condition on an `agents` row: it serves the site. `chat`: may take its chats
 * (owners, admins, the site's agents); `read`: managers too. The one definition for every
 * query that asks "who works this site" (routing, presence counts, mentions, notifications).
 * Columns are qualified by hand: drizzle leaves a one-table select's columns bare, and a
 * bare "id" inside the subquery would bind to the inner table.
 */
export function servesSite(siteId: string, who: 'chat' | 'read' = 'chat'): SQL {
  const assigned = sql`exists (select 1 from ${siteAgents} sa where sa.agent_id = ${agents}.id and sa.site_id = ${siteId})`;
  return who === 'chat'
    ? sql`(${agents}.role in ('owner', 'admin') or (${agents}.role = 'agent' and ${assigned}))`
    : sql`(${agents}.role <> 'agent' or ${assigned})`;
}

/** The same rule for one loaded agent: the sites whose chats they may take (`all` for owners and admins). */
export async function chatSitesOf(db: Executor, agent: { id: string; role: string; disabled: boolean }): Promise<string[] | 'all'> {
  if (agent.disabled) return [];
  if (agent.role === 'owner' || agent.role === 'admin') return 'all';
  return agent.role === 'agent' ? siteIdsOfAgent(db, agent.id) : [];
}

/** Validating a transfer or an assignment: may this agent take the site's chats? */
export async function agentCanTakeChatsOn(db: Executor, agent: { id: string; role: string; disabled: boolean }, siteId: string): Promise<boolean> {
  const sites = await chatSitesOf(db, agent);
  return sites === 'all' || sites.includes(siteId);
}

export async function siteIdsOfAgent(db: Executor, agentId: string): Promise<string[]> {
  const rows = await db.select({ siteId: siteAgents.siteId }).from(siteAgents).where(eq(siteAgents.agentId, agentId));
  return rows.map((r) => r.siteId);
}

export async function findAgent(db: Executor, workspaceId: string, agentId: string) {
  const [row] = await db.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.workspaceId, workspaceId)));
  return row;
}

export async function listAgents(db: Executor, workspaceId: string) {
  const rows = await db.select().from(agents).where(and(eq(agents.workspaceId, workspaceId), eq(agents.disabled, false))).orderBy(asc(agents.createdAt));
  const ids = rows.map((r) => r.id);
  const links = rows.length ? await db.select().from(siteAgents).where(inArray(siteAgents.agentId, ids)) : [];
  const teams = rows.length ? await db.select().from(agentDepartments).where(inArray(agentDepartments.agentId, ids)) : [];
  return rows.map((r) =>
    presentAgent(
      r,
      links.filter((l) => l.agentId === r.id).map((l) => l.siteId),
      teams.filter((t) => t.agentId === r.id).map((t) => t.departmentId),
    ),
  );
}

export async function getAgentDto(db: Executor, workspaceId: string, agentId: string) {
  const row = await findAgent(db, workspaceId, agentId);
  if (!row) return undefined;
  const teams = await db.select({ id: agentDepartments.departmentId }).from(agentDepartments).where(eq(agentDepartments.agentId, agentId));
  return presentAgent(row, await siteIdsOfAgent(db, agentId), teams.map((t) => t.id));
}

/** Agents who would answer this site right now (status online; admins serve every site). */
export async function countOnlineAgents(db: Executor, workspaceId: string, siteId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, workspaceId),
        eq(agents.disabled, false),
        eq(agents.status, 'online'),
        servesSite(siteId),
      ),
    );
  return r?.n ?? 0;
}
