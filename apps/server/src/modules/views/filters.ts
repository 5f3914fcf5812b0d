import { and, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { InboxQuery, InboxStatus } from '@parley/protocol';
import { conversations } from '../../db/schema';
import { AppError } from '../../errors';
import type { AgentActor, ApiActor } from '../auth/actors';

/** Who may list conversations: an agent (their sites) or an API token (the whole workspace). */
export type Lister = AgentActor | ApiActor;
export type ChatFilters = Omit<InboxQuery, 'limit' | 'before'>;

const STATUSES: Record<InboxStatus, SQL | undefined> = {
  waiting: sql`${conversations.status} = 'queued'`,
  active: sql`${conversations.status} = 'active'`,
  closed: sql`${conversations.status} in ('resolved', 'closed')`,
  all: undefined,
};

/**
 * The WHERE of a chat list (inbox, archive, CSV export): the actor's sites, then each filter.
 * Only touches `conversations` (visitor and participant checks are subqueries), so both the
 * paged list and the export can use it as is. The date preset is resolved by the client into
 * from/to (it knows the agent's time zone).
 */
export function chatFilter(actor: Lister, f: ChatFilters): SQL {
  const where: (SQL | undefined)[] = [eq(conversations.workspaceId, actor.workspaceId), STATUSES[f.status]];
  // The sites both allowed and asked for, worked out here: "none" then costs no query time.
  let sites = actor.kind === 'agent' && actor.siteIds !== 'all' ? actor.siteIds : undefined;
  for (const asked of [f.siteIds?.length ? f.siteIds : undefined, f.siteId ? [f.siteId] : undefined]) {
    if (asked) sites = sites ? sites.filter((id) => asked.includes(id)) : asked;
  }
  if (sites) where.push(sites.length ? inArray(conversations.siteId, sites) : sql`false`);
  if (f.agent === 'unassigned') where.push(isNull(conversations.assignedAgentId));
  else if (f.agent === 'mine') {
    // Mine: assigned to me, or a chat I joined and have not left.
    where.push(
      actor.kind === 'agent'
        ? sql`(${conversations.assignedAgentId} = ${actor.agentId} or exists (select 1 from conversation_participants cp where cp.conversation_id = ${conversations.id} and cp.agent_id = ${actor.agentId} and cp.left_at is null))`
        : sql`false`,
    );
  } else if (f.agent) where.push(eq(conversations.assignedAgentId, f.agent));
  if (f.departmentId) where.push(eq(conversations.departmentId, f.departmentId));
  if (f.from) where.push(gte(conversations.createdAt, new Date(f.from)));
  if (f.to) where.push(lt(conversations.createdAt, new Date(f.to)));
  if (f.leadStatus) {
    // Plain column tests (no coalesce, no NOT EXISTS) so the planner's row estimate is right
    // and it keeps walking the list's index instead of hashing every visitor.
    const lead = f.leadStatus === 'filled' ? sql`(v.email <> '' or v.phone <> '')` : sql`(v.email is null or v.email = '') and (v.phone is null or v.phone = '')`;
    where.push(sql`exists (select 1 from visitors v where v.id = ${conversations.visitorId} and ${lead})`);
  }
  if (f.tag) where.push(sql`${conversations.tags} @> ${JSON.stringify([f.tag])}::jsonb`);
  if (f.priority) where.push(eq(conversations.priority, f.priority));
  if (f.visitorId) where.push(eq(conversations.visitorId, f.visitorId));
  return and(...where)!;
}

/** A list's sort order: a timestamp key, then id as the tie-breaker (keyset paging on both). */
export interface ChatOrder {
  key: SQL;
  desc: boolean;
}

/**
 * Waiting: oldest in the queue first. Active: latest activity first. Closed: last closed first
 * (resolved and closed chats always have closed_at; it matches conversations_workspace_closed_idx).
 * All: newest first (conversations_workspace_created_idx).
 */
export function chatOrder(status: InboxStatus): ChatOrder {
  switch (status) {
    case 'waiting':
      return { key: sql`coalesce(${conversations.queuedAt}, ${conversations.createdAt})`, desc: false };
    case 'active':
      return { key: sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`, desc: true };
    case 'closed':
      return { key: sql`${conversations.closedAt}`, desc: true };
    case 'all':
      return { key: sql`${conversations.createdAt}`, desc: true };
  }
}

export const orderBy = (o: ChatOrder) => (o.desc ? [sql`${o.key} desc`, sql`${conversations.id} desc`] : [sql`${o.key} asc`, sql`${conversations.id} asc`]);

/** The sort key as text with full microsecond precision (a JS Date would round it to ms). */
export const keyText = (o: ChatOrder) => sql<string | null>`to_char(${o.key} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Opaque to clients: base64url of "<key>|<id>". Null when the row has no key. */
export const encodeCursor = (key: string | null, id: string) => (key ? Buffer.from(`${key}|${id}`).toString('base64url') : undefined);

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Rows after the cursor's row in the list's order. */
export function afterCursor(o: ChatOrder, cursor: string): SQL {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('validation_failed', 'before: not a valid cursor');
  const row = sql`(${m[1]}::timestamptz, ${m[2]}::uuid)`;
  return o.desc ? sql`(${o.key}, ${conversations.id}) < ${row}` : sql`(${o.key}, ${conversations.id}) > ${row}`;
}
