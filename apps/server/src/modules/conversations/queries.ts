import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InboxQuery, ParticipantDto } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { agents, conversations, readCursors, visitors } from '../../db/schema';
import type { Actor, AgentActor } from '../auth/actors';
import { afterCursor, chatFilter, chatOrder, encodeCursor, keyText, orderBy } from '../views/filters';
import { presentConversation, redactForVisitor } from './presenter';

const visitorReadSeq = sql<number>`coalesce((select ${readCursors.lastReadSeq} from ${readCursors} where ${readCursors.conversationId} = ${conversations.id} and ${readCursors.readerType} = 'visitor' limit 1), 0)`.mapWith(Number);
const agentReadSeq = sql<number>`coalesce((select max(${readCursors.lastReadSeq}) from ${readCursors} where ${readCursors.conversationId} = ${conversations.id} and ${readCursors.readerType} = 'agent'), 0)`.mapWith(Number);
const unreadFor = (agentId: string) =>
  sql<number>`(select count(*) from messages m where m.conversation_id = ${conversations.id} and m.sender_type = 'visitor' and m.seq > coalesce((select rc.last_read_seq from read_cursors rc where rc.conversation_id = ${conversations.id} and rc.reader_type = 'agent' and rc.reader_id = ${agentId}), 0))`.mapWith(
    Number,
  );

/** Agents who joined besides the assignee (multi-agent chats), in join order. */
const participants = sql<ParticipantDto[]>`coalesce((select json_agg(json_build_object('agentId', a.id, 'name', a.pseudo_name, 'avatarUrl', a.avatar_url) order by cp.joined_at) from conversation_participants cp join agents a on a.id = cp.agent_id where cp.conversation_id = ${conversations.id} and cp.left_at is null), '[]'::json)`;

function baseSelect(db: Executor, viewer: Actor) {
  return db
    .select({
      conv: conversations,
      visitor: { id: visitors.id, name: visitors.name, email: visitors.email, phone: visitors.phone, externalId: visitors.externalId, verified: visitors.verified },
      agentName: agents.pseudoName,
      visitorReadSeq,
      agentReadSeq,
      participants,
      unread: viewer.kind === 'agent' ? unreadFor(viewer.agentId) : sql<number>`0`.mapWith(Number),
    })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(agents, eq(agents.id, conversations.assignedAgentId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof baseSelect>['execute']>>[number];

function toDto(r: Joined, viewer: Actor) {
  const dto = presentConversation(r.conv, r.visitor, {
    assignedAgentName: r.agentName,
    visitorReadSeq: r.visitorReadSeq,
    agentReadSeq: r.agentReadSeq,
    participants: typeof r.participants === 'string' ? (JSON.parse(r.participants) as ParticipantDto[]) : r.participants,
    ...(viewer.kind === 'agent' ? { unreadCount: r.unread } : {}),
  });
  return viewer.kind === 'visitor' ? redactForVisitor(dto) : dto;
}

/** The viewer for DTOs broadcast to every agent of a site: full data, no per-agent unread count. */
export const agentsView = (workspaceId: string): Actor => ({ kind: 'api', workspaceId, tokenId: '' });

/** A conversation as `viewer` sees it (unread count is per agent). No permission check. */
export async function getConversationDto(db: Executor, viewer: Actor, conversationId: string) {
  const [r] = await baseSelect(db, viewer).where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, viewer.workspaceId)));
  return r ? toDto(r, viewer) : undefined;
}

export async function findConversation(db: Executor, workspaceId: string, conversationId: string) {
  const [row] = await db.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)));
  return row;
}

/** Inbox lists and the archive (InboxQuery filters, keyset paging; each row carries its `cursor`). */
export async function listInbox(db: Executor, actor: AgentActor | Extract<Actor, { kind: 'api' }>, q: InboxQuery) {
  // First the page (ids and sort keys, straight off the indexes), then the full rows of just those.
  const order = chatOrder(q.status);
  const page = await db
    .select({ id: conversations.id, key: keyText(order) })
    .from(conversations)
    .where(and(chatFilter(actor, q), q.before ? afterCursor(order, q.before) : undefined))
    .orderBy(...orderBy(order))
    .limit(q.limit);
  if (!page.length) return [];
  const rows = new Map((await baseSelect(db, actor).where(inArray(conversations.id, page.map((p) => p.id)))).map((r) => [r.conv.id, r]));
  return page.flatMap((p) => {
    const r = rows.get(p.id);
    return r ? [{ ...toDto(r, actor), cursor: encodeCursor(p.key, p.id) }] : [];
  });
}
