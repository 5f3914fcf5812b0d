import { and, count, desc, eq, exists, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agentDepartments, agents, conversationParticipants, conversations, notifications, sites, visitors } from '../../db/schema';
import type { AgentActor } from '../auth/actors';
import { servesSite } from '../agents/queries';

export interface SiteAudience {
  siteId: string;
  /** `chat`: agents who can take chats (owners, admins, the site's agents; managers only read). `read`: managers too. */
  who: 'chat' | 'read';
  /** Only members of this department. */
  departmentId?: string | null;
  /** Only these agents (mentions, a transfer's target, a chat's assignee). */
  among?: string[];
}

/** Enabled agents of the workspace who serve the site, narrowed by `audience`. */
export async function agentsOfSite(db: Db, workspaceId: string, audience: SiteAudience): Promise<string[]> {
  if (audience.among?.length === 0) return [];
  const filters: (SQL | undefined)[] = [
    eq(agents.workspaceId, workspaceId),
    eq(agents.disabled, false),
    servesSite(audience.siteId, audience.who),
    audience.departmentId
      ? exists(db.select({ one: sql`1` }).from(agentDepartments).where(and(eq(agentDepartments.departmentId, audience.departmentId), eq(agentDepartments.agentId, agents.id))))
      : undefined,
    audience.among ? inArray(agents.id, audience.among) : undefined,
  ];
  const rows = await db.select({ id: agents.id }).from(agents).where(and(...filters));
  return rows.map((r) => r.id);
}

/** What a notification about a chat says: who, where, and who is in it. */
export async function chatContext(db: Db, conversationId: string) {
  const [row] = await db
    .select({ assignedAgentId: conversations.assignedAgentId, assignedAt: conversations.assignedAt, visitorName: visitors.name, siteName: sites.name })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .where(eq(conversations.id, conversationId));
  if (!row) return undefined;
  const joined = await db
    .select({ agentId: conversationParticipants.agentId })
    .from(conversationParticipants)
    .where(and(eq(conversationParticipants.conversationId, conversationId), isNull(conversationParticipants.leftAt)));
  return { ...row, participantIds: joined.map((p) => p.agentId) };
}

/**
 * An agent's notifications. Entries about chats on sites the agent no longer serves are
 * hidden, since they quote visitors.
 */
function visibleTo(db: Db, actor: AgentActor) {
  const own = eq(notifications.agentId, actor.agentId);
  if (actor.siteIds === 'all') return own;
  const onMySites = actor.siteIds.length
    ? exists(db.select({ one: sql`1` }).from(conversations).where(and(eq(conversations.id, notifications.conversationId), inArray(conversations.siteId, actor.siteIds))))
    : sql`false`;
  return and(own, or(isNull(notifications.conversationId), onMySites));
}

export async function listNotifications(db: Db, actor: AgentActor, opts: { limit: number; unreadOnly: boolean }) {
  return db
    .select()
    .from(notifications)
    .where(and(visibleTo(db, actor), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function unreadCount(db: Db, actor: AgentActor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(visibleTo(db, actor), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
