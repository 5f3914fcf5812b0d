import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TransferBody, TransferDto, UpdateConversationBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { agents, conversationParticipants, conversations, conversationTransfers, departments } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { canChatAsAgent, canReadConversation, canReplyIn } from '../auth/policy';
import { agentCanTakeChatsOn } from '../agents/queries';
import { presentMessage, type MessageRow } from '../messages/presenter';
import { appendMessage } from '../messages/store';
import { refOf, type ConversationRow } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { acceptConversation, closeConversation } from '../conversations/service';
import { touched } from '../conversations/store';
import { announceMoves, leaveInTx } from '../routing/presence';
import { isParticipant } from './participants';

async function lockReadable(tx: Tx, actor: AgentActor, conversationId: string) {
  const [conv] = await tx.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, actor.workspaceId))).for('update');
  if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
  return conv;
}

const OPEN = ['queued', 'active'];

/** Emits the new state for agents, and the system lines for everyone who may see them. */
async function announce(ctx: Ctx, conv: ConversationRow, messages: MessageRow[]) {
  const ref = refOf(conv);
  for (const m of messages) ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(m) });
  const dto = (await getConversationDto(ctx.db, agentsView(conv.workspaceId), conv.id))!;
  ctx.bus.emit({ name: 'conversation.updated', ref, conversation: dto });
  return dto;
}

/** Multi-agent chats: any agent of the site joins an active chat; the visitor sees "<pseudo> joined the chat". */
export async function joinConversation(ctx: Ctx, actor: AgentActor, conversationId: string) {
  const r = await ctx.db.transaction(async (tx) => {
    const conv = await lockReadable(tx, actor, conversationId);
    if (!canChatAsAgent(actor, conv)) throw forbidden('Managers can read chats but not join them');
    if (conv.status === 'queued') return { accept: true as const };
    if (conv.status !== 'active') throw new AppError('conversation_closed', 'This chat is closed');
    if (conv.assignedAgentId === actor.agentId || (await isParticipant(tx, conv.id, actor.agentId))) return { conv, message: undefined };
    await tx
      .insert(conversationParticipants)
      .values({ workspaceId: conv.workspaceId, conversationId: conv.id, agentId: actor.agentId })
      .onConflictDoUpdate({ target: [conversationParticipants.conversationId, conversationParticipants.agentId], set: { joinedAt: new Date(), leftAt: null } });
    const m = await appendMessage(tx, conv.id, { senderType: 'system', senderId: actor.agentId, senderName: null, kind: 'event', body: `${actor.pseudoName} joined the chat` });
    return { conv: m.conversation, message: m.message };
  });
  if ('accept' in r) return acceptConversation(ctx, actor, conversationId);
  if (r.message) await announce(ctx, r.conv, [r.message]);
  return (await getConversationDto(ctx.db, actor, conversationId))!;
}

/** A participant leaves; the assignee leaving hands the chat on (or back to the queue). */
export async function leaveConversation(ctx: Ctx, actor: AgentActor, conversationId: string) {
  const moved = await ctx.db.transaction(async (tx) => {
    const conv = await lockReadable(tx, actor, conversationId);
    if (conv.status !== 'active') throw new AppError('conversation_closed', 'Only an active chat can be left');
    if (conv.assignedAgentId !== actor.agentId && !(await isParticipant(tx, conv.id, actor.agentId))) throw new AppError('conflict', 'You are not in this chat');
    return leaveInTx(tx, conv, { id: actor.agentId, pseudoName: actor.pseudoName });
  });
  await announceMoves(ctx, [moved]);
  return (await getConversationDto(ctx.db, actor, conversationId))!;
}


/**
 * Hands a chat to another agent (it stays active, they own it) or to a department (it
 * goes back to the queue for that team). `leave` takes the sender out, `stay` keeps them
 * in as a participant. Logged, and shown to both sides as "Transferred from A to B"; the
 * reason is an internal note.
 */
export async function transferConversation(ctx: Ctx, actor: AgentActor, conversationId: string, input: TransferBody) {
  const r = await ctx.db.transaction(async (tx) => {
    const conv = await lockReadable(tx, actor, conversationId);
    if (!OPEN.includes(conv.status)) throw new AppError('conversation_closed', 'This chat is closed');
    if (!canReplyIn(actor, conv, await isParticipant(tx, conv.id, actor.agentId))) throw forbidden('Join this chat before transferring it');
    const now = new Date();
    let toAgent: typeof agents.$inferSelect | undefined;
    let toDept: typeof departments.$inferSelect | undefined;
    if (input.toAgentId) {
      if (input.toAgentId === conv.assignedAgentId) throw new AppError('conflict', 'The chat is already with that agent');
      [toAgent] = await tx.select().from(agents).where(and(eq(agents.id, input.toAgentId), eq(agents.workspaceId, actor.workspaceId)));
      if (!toAgent || !(await agentCanTakeChatsOn(tx, toAgent, conv.siteId))) throw new AppError('validation_failed', "toAgentId: that agent cannot take chats on this conversation's site");
      // Nobody would answer: the chat would sit with an absent agent.
      if (toAgent.status === 'offline') throw new AppError('conflict', `${toAgent.pseudoName} is offline; transfer to someone online or to a department`);
      await tx.update(conversations).set({ status: 'active', assignedAgentId: toAgent.id, assignedAt: now, updatedAt: touched }).where(eq(conversations.id, conv.id));
      await tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.id, toAgent.id));
      await tx.update(conversationParticipants).set({ leftAt: now }).where(and(eq(conversationParticipants.conversationId, conv.id), eq(conversationParticipants.agentId, toAgent.id)));
    } else {
      [toDept] = await tx.select().from(departments).where(and(eq(departments.id, input.toDepartmentId!), eq(departments.workspaceId, actor.workspaceId)));
      if (!toDept || (toDept.siteIds.length && !toDept.siteIds.includes(conv.siteId))) throw new AppError('validation_failed', "toDepartmentId: that department does not serve this conversation's site");
      await tx
        .update(conversations)
        .set({ status: 'queued', assignedAgentId: null, departmentId: toDept.id, queuedAt: now, alertedAt: null, updatedAt: touched })
        .where(eq(conversations.id, conv.id));
    }
    // The previous owner (when not the sender) stays in the chat; the sender leaves or stays.
    const keep = new Set<string>();
    if (conv.assignedAgentId && conv.assignedAgentId !== actor.agentId) keep.add(conv.assignedAgentId);
    if (input.mode === 'stay') keep.add(actor.agentId);
    if (toAgent) keep.delete(toAgent.id);
    for (const agentId of keep) {
      await tx
        .insert(conversationParticipants)
        .values({ workspaceId: conv.workspaceId, conversationId: conv.id, agentId })
        .onConflictDoUpdate({ target: [conversationParticipants.conversationId, conversationParticipants.agentId], set: { leftAt: null } });
    }
    if (input.mode === 'leave') {
      await tx.update(conversationParticipants).set({ leftAt: now }).where(and(eq(conversationParticipants.conversationId, conv.id), eq(conversationParticipants.agentId, actor.agentId)));
    }
    const [fromAgent] = conv.assignedAgentId ? await tx.select({ pseudoName: agents.pseudoName }).from(agents).where(eq(agents.id, conv.assignedAgentId)) : [];
    const fromName = fromAgent?.pseudoName ?? actor.pseudoName;
    const toName = toAgent?.pseudoName ?? toDept!.name;
    const [row] = await tx
      .insert(conversationTransfers)
      .values({ id: newId(), workspaceId: conv.workspaceId, conversationId: conv.id, fromAgentId: conv.assignedAgentId ?? actor.agentId, toAgentId: toAgent?.id ?? null, toDepartmentId: toDept?.id ?? null, reason: input.reason || null, mode: input.mode, createdAt: now })
      .returning();
    const messages: MessageRow[] = [];
    let last = await appendMessage(tx, conv.id, { senderType: 'system', senderId: actor.agentId, senderName: null, kind: 'event', body: `Transferred from ${fromName} to ${toName}` });
    messages.push(last.message);
    if (input.reason) {
      last = await appendMessage(tx, conv.id, { senderType: 'agent', senderId: actor.agentId, senderName: actor.pseudoName, senderAvatarUrl: actor.avatarUrl, kind: 'note', body: `Transfer reason: ${input.reason}` });
      messages.push(last.message);
    }
    const transfer: TransferDto = {
      id: row!.id,
      conversationId: conv.id,
      fromAgentId: row!.fromAgentId,
      fromAgentName: fromName,
      toAgentId: toAgent?.id ?? null,
      toAgentName: toAgent?.pseudoName ?? null,
      toDepartmentId: toDept?.id ?? null,
      toDepartmentName: toDept?.name ?? null,
      reason: row!.reason,
      mode: row!.mode,
      createdAt: row!.createdAt.toISOString(),
    };
    return { conv: last.conversation, messages, transfer, toAgent };
  });
  const ref = refOf(r.conv);
  for (const m of r.messages) ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(m) });
  const dto = (await getConversationDto(ctx.db, agentsView(r.conv.workspaceId), r.conv.id))!;
  ctx.bus.emit({ name: 'conversation.transferred', ref, conversation: dto, transfer: r.transfer });
  if (r.toAgent) ctx.bus.emit({ name: 'conversation.assigned', ref, conversation: dto, agent: { id: r.toAgent.id, pseudoName: r.toAgent.pseudoName, avatarUrl: r.toAgent.avatarUrl } });
  else ctx.bus.emit({ name: 'conversation.status_changed', ref, conversation: dto, by: 'agent' });
  return { conversation: (await getConversationDto(ctx.db, actor, conversationId))!, transfer: r.transfer };
}

/** The transfer log of a conversation, oldest first. */
export async function listTransfers(ctx: Ctx, actor: AgentActor, conversationId: string): Promise<TransferDto[]> {
  const [conv] = await ctx.db.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, actor.workspaceId)));
  if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
  const rows = await ctx.db.select().from(conversationTransfers).where(eq(conversationTransfers.conversationId, conv.id)).orderBy(asc(conversationTransfers.createdAt));
  const agentIds = [...new Set(rows.flatMap((r) => [r.fromAgentId, r.toAgentId]).filter((id): id is string => !!id))];
  const deptIds = [...new Set(rows.map((r) => r.toDepartmentId).filter((id): id is string => !!id))];
  const names = new Map((agentIds.length ? await ctx.db.select({ id: agents.id, name: agents.pseudoName }).from(agents).where(inArray(agents.id, agentIds)) : []).map((a) => [a.id, a.name]));
  const depts = new Map((deptIds.length ? await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, deptIds)) : []).map((d) => [d.id, d.name]));
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversationId,
    fromAgentId: r.fromAgentId,
    fromAgentName: r.fromAgentId ? (names.get(r.fromAgentId) ?? null) : null,
    toAgentId: r.toAgentId,
    toAgentName: r.toAgentId ? (names.get(r.toAgentId) ?? null) : null,
    toDepartmentId: r.toDepartmentId,
    toDepartmentName: r.toDepartmentId ? (depts.get(r.toDepartmentId) ?? null) : null,
    reason: r.reason,
    mode: r.mode,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * The dashboard's conversation edits: tags, priority and subject (any agent of the site
 * who chats), and resolve/close/reopen (the agents in the chat, or an admin).
 */
export async function updateFromDashboard(ctx: Ctx, actor: AgentActor, conversationId: string, input: UpdateConversationBody) {
  if (input.status === 'closed') await closeConversation(ctx, actor, conversationId);
  const r = await ctx.db.transaction(async (tx) => {
    const conv = await lockReadable(tx, actor, conversationId);
    if (!canChatAsAgent(actor, conv)) throw forbidden('Managers can read chats but not change them');
    const now = new Date();
    const patch: Partial<typeof conversations.$inferInsert> = {};
    if (input.tags) patch.tags = [...new Set(input.tags)];
    if (input.priority) patch.priority = input.priority;
    if (input.subject !== undefined) patch.subject = input.subject;
    let message: MessageRow | undefined;
    let statusChanged = false;
    if (input.status && input.status !== 'closed' && input.status !== conv.status) {
      if (!canReplyIn(actor, conv, await isParticipant(tx, conv.id, actor.agentId))) throw forbidden('Join this chat to change its status');
      if (input.status === 'resolved') {
        if (conv.status !== 'active' && conv.status !== 'queued') throw new AppError('conversation_closed', 'This chat is already closed');
        Object.assign(patch, { status: 'resolved', resolvedAt: now, closedAt: now });
        message = (await appendMessage(tx, conv.id, { senderType: 'system', senderId: actor.agentId, senderName: null, kind: 'event', body: `${actor.pseudoName} marked the chat resolved` })).message;
      } else if (conv.status === 'resolved' || conv.status === 'closed') {
        // Reopen: back to its agent, or to whoever reopens it.
        Object.assign(patch, { status: 'active', closedAt: null, resolvedAt: null, assignedAgentId: conv.assignedAgentId ?? actor.agentId, assignedAt: conv.assignedAgentId ? conv.assignedAt : now });
        message = (await appendMessage(tx, conv.id, { senderType: 'system', senderId: actor.agentId, senderName: null, kind: 'event', body: `${actor.pseudoName} reopened the chat` })).message;
      } else {
        throw new AppError('conflict', 'Accept a waiting chat instead of setting it active');
      }
      statusChanged = true;
    }
    if (!Object.keys(patch).length) return { conv, message, statusChanged };
    const [updated] = await tx.update(conversations).set({ ...patch, updatedAt: touched }).where(eq(conversations.id, conv.id)).returning();
    return { conv: updated!, message, statusChanged };
  });
  const ref = refOf(r.conv);
  if (r.message) ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(r.message) });
  const dto = (await getConversationDto(ctx.db, agentsView(r.conv.workspaceId), r.conv.id))!;
  ctx.bus.emit(r.statusChanged ? { name: 'conversation.status_changed', ref, conversation: dto, by: 'agent' } : { name: 'conversation.updated', ref, conversation: dto });
  return (await getConversationDto(ctx.db, actor, conversationId))!;
}

/** "Next waiting chat": accepts the oldest waiting chat this agent may take (skipping ones others just took). */
export async function acceptNext(ctx: Ctx, actor: AgentActor) {
  if (actor.role === 'manager') throw forbidden('Managers can read chats but not take them');
  const scope = actor.siteIds === 'all' ? null : actor.siteIds;
  if (scope && !scope.length) return null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const [next] = await ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.status, 'queued'), scope ? inArray(conversations.siteId, scope) : undefined))
      .orderBy(asc(conversations.queuedAt), asc(conversations.createdAt))
      .limit(1);
    if (!next) return null;
    try {
      return await acceptConversation(ctx, actor, next.id);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
    }
  }
  return null;
}

/** Tags in use in the workspace, most used first (autocomplete and the tag filter). */
export async function listTags(ctx: Ctx, actor: AgentActor): Promise<string[]> {
  const rows = await ctx.db
    .select({ tag: sql<string>`t.tag` })
    .from(sql`${conversations}, jsonb_array_elements_text(${conversations.tags}) as t(tag)`)
    .where(and(eq(conversations.workspaceId, actor.workspaceId), sql`jsonb_array_length(${conversations.tags}) > 0`))
    .groupBy(sql`t.tag`)
    .orderBy(desc(sql`count(*)`), asc(sql`t.tag`))
    .limit(500);
  return rows.map((r) => r.tag);
}
