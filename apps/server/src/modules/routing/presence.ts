import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { WorkspaceSettings, type AgentStatus } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { agents, conversationParticipants, conversations, workspaces } from '../../db/schema';
import { presentMessage } from '../messages/presenter';
import { appendMessage } from '../messages/store';
import { refOf, type ConversationRow } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { touched } from '../conversations/store';
import type { MessageRow } from '../messages/presenter';

export async function workspaceSettings(db: Executor, workspaceId: string): Promise<WorkspaceSettings> {
  const [w] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return WorkspaceSettings.parse(w?.settings ?? {});
}

export interface Moved {
  conv: ConversationRow;
  message: MessageRow;
  promoted?: { id: string; pseudoName: string; avatarUrl: string | null };
}

/**
 * An agent is gone (offline): their active chats go to a colleague who already joined the
 * chat, or back to the queue; chats they had joined lose them. Never silently dropped: the
 * visitor sees "<pseudo> left the chat" and their place in line.
 */
export async function releaseChatsOf(ctx: Ctx, workspaceId: string, agentId: string): Promise<number> {
  const moved = await ctx.db.transaction(async (tx) => {
    const [agent] = await tx.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.workspaceId, workspaceId)));
    if (!agent) return [];
    const joined = await tx
      .select({ conversationId: conversationParticipants.conversationId })
      .from(conversationParticipants)
      .where(and(eq(conversationParticipants.agentId, agentId), isNull(conversationParticipants.leftAt)));
    const convs = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, workspaceId),
          eq(conversations.status, 'active'),
          or(eq(conversations.assignedAgentId, agentId), joined.length ? inArray(conversations.id, joined.map((j) => j.conversationId)) : sql`false`),
        ),
      )
      .orderBy(asc(conversations.createdAt))
      .for('update');
    const out: Moved[] = [];
    for (const conv of convs) out.push(await leaveInTx(tx, conv, agent));
    return out;
  });
  await announceMoves(ctx, moved);
  return moved.length;
}

/**
 * Inside the caller's transaction (conversation row locked): `agent` leaves the chat. A
 * participant simply leaves; the assignee hands the chat to the longest-joined colleague
 * still present, or back to the queue.
 */
export async function leaveInTx(tx: Tx, conv: ConversationRow, agent: { id: string; pseudoName: string }): Promise<Moved> {
  const now = new Date();
  await tx.update(conversationParticipants).set({ leftAt: now }).where(and(eq(conversationParticipants.conversationId, conv.id), eq(conversationParticipants.agentId, agent.id)));
  let promoted: Moved['promoted'];
  if (conv.assignedAgentId === agent.id) {
    [promoted] = await tx
      .select({ id: agents.id, pseudoName: agents.pseudoName, avatarUrl: agents.avatarUrl })
      .from(conversationParticipants)
      .innerJoin(agents, eq(agents.id, conversationParticipants.agentId))
      .where(and(eq(conversationParticipants.conversationId, conv.id), isNull(conversationParticipants.leftAt), ne(agents.status, 'offline')))
      .orderBy(asc(conversationParticipants.joinedAt))
      .limit(1);
    if (promoted) {
      await tx.update(conversationParticipants).set({ leftAt: now }).where(and(eq(conversationParticipants.conversationId, conv.id), eq(conversationParticipants.agentId, promoted.id)));
      await tx.update(conversations).set({ assignedAgentId: promoted.id, assignedAt: now, updatedAt: touched }).where(eq(conversations.id, conv.id));
    } else {
      await tx.update(conversations).set({ status: 'queued', assignedAgentId: null, queuedAt: now, alertedAt: null, updatedAt: touched }).where(eq(conversations.id, conv.id));
    }
  }
  const r = await appendMessage(tx, conv.id, { senderType: 'system', senderId: agent.id, senderName: null, kind: 'event', body: `${agent.pseudoName} left the chat` });
  return { conv: r.conversation, message: r.message, promoted };
}

/** After commit: the "left" lines, and the chat's new owner or its return to the queue. */
export async function announceMoves(ctx: Ctx, moved: Moved[]) {
  for (const m of moved) {
    const ref = refOf(m.conv);
    ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(m.message) });
    const dto = await getConversationDto(ctx.db, agentsView(m.conv.workspaceId), m.conv.id);
    if (!dto) continue;
    if (m.promoted) ctx.bus.emit({ name: 'conversation.assigned', ref, conversation: dto, agent: m.promoted });
    else if (dto.status === 'queued') ctx.bus.emit({ name: 'conversation.status_changed', ref, conversation: dto, by: 'system' });
    else ctx.bus.emit({ name: 'conversation.updated', ref, conversation: dto });
  }
}

/** The agent chose a status (or the system did): stored, announced; offline releases chats when configured. */
export async function changeStatus(ctx: Ctx, workspaceId: string, agentId: string, status: AgentStatus, opts: { auto?: boolean } = {}) {
  const now = new Date();
  await ctx.db
    .update(agents)
    .set({ status, autoAway: opts.auto ?? false, updatedAt: now, ...(opts.auto ? {} : { lastActiveAt: now, lastSeenAt: now }) })
    .where(eq(agents.id, agentId));
  ctx.bus.emit({ name: 'agent.status_changed', workspaceId, agentId, status });
  if (status === 'offline' && (await workspaceSettings(ctx.db, workspaceId)).requeueOnOffline) await releaseChatsOf(ctx, workspaceId, agentId);
}

/**
 * Dashboard activity (or a reconnect): refreshes presence and brings an agent whom the
 * system set away or offline back online. A status the agent chose is left alone.
 */
export async function recordActivity(ctx: Ctx, workspaceId: string, agentId: string, now = new Date()): Promise<AgentStatus | undefined> {
  const [row] = await ctx.db.update(agents).set({ lastActiveAt: now, lastSeenAt: now }).where(eq(agents.id, agentId)).returning({ status: agents.status, autoAway: agents.autoAway });
  if (!row) return undefined;
  if (row.autoAway && row.status !== 'online') {
    const [back] = await ctx.db
      .update(agents)
      .set({ status: 'online', autoAway: false, updatedAt: now })
      .where(and(eq(agents.id, agentId), eq(agents.autoAway, true)))
      .returning({ id: agents.id });
    if (back) ctx.bus.emit({ name: 'agent.status_changed', workspaceId, agentId, status: 'online' });
    return 'online';
  }
  return row.status;
}
