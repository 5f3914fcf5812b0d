import { and, asc, eq } from 'drizzle-orm';
import type { ApiChatStartBody, ApiChatUpdateBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { agents, conversations, sites, visitors } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import { newId } from '../../ids';
import type { Actor, AgentActor, ApiActor, VisitorActor } from '../auth/actors';
import { canChatAsAgent, canReadConversation, canReplyIn } from '../auth/policy';
import { agentCanTakeChatsOn } from '../agents/queries';
import { presentMessage } from '../messages/presenter';
import { appendMessage } from '../messages/store';
import { redactForVisitor, refOf, type ConversationRow } from './presenter';
import { agentsView, getConversationDto } from './queries';
import { insertConversation, touched } from './store';

async function lockConv(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId))).for('update');
  return row;
}

/** Emits what changed, after commit, with DTOs read as the acting viewer sees them. */
async function announce(ctx: Ctx, actor: Actor, conv: ConversationRow, opts: { assignedTo?: { id: string; pseudoName: string; avatarUrl: string | null }; statusBy?: 'visitor' | 'agent' | 'system'; systemMessage?: Parameters<typeof presentMessage>[0] }) {
  const dto = (await getConversationDto(ctx.db, agentsView(conv.workspaceId), conv.id))!;
  const ref = refOf(conv);
  if (opts.systemMessage) ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(opts.systemMessage) });
  if (opts.assignedTo) ctx.bus.emit({ name: 'conversation.assigned', ref, conversation: dto, agent: opts.assignedTo });
  if (opts.statusBy) ctx.bus.emit({ name: 'conversation.status_changed', ref, conversation: dto, by: opts.statusBy });
  if (!opts.assignedTo && !opts.statusBy) ctx.bus.emit({ name: 'conversation.updated', ref, conversation: dto });
  return actor.kind === 'visitor' ? redactForVisitor(dto) : actor.kind === 'agent' ? (await getConversationDto(ctx.db, actor, conv.id))! : dto;
}

/** An agent takes a waiting chat: it becomes active and the visitor sees "<pseudo> joined". */
export async function acceptConversation(ctx: Ctx, actor: AgentActor, conversationId: string) {
  const r = await ctx.db.transaction(async (tx) => {
    const conv = await lockConv(tx, actor.workspaceId, conversationId);
    if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
    if (!canChatAsAgent(actor, conv)) throw forbidden('Managers can read chats but not take them');
    if (conv.status === 'closed' || conv.status === 'resolved') throw new AppError('conversation_closed', 'This chat is closed');
    if (conv.assignedAgentId === actor.agentId) return { conv, message: undefined };
    if (conv.assignedAgentId) throw new AppError('conflict', 'Another agent has already taken this chat');
    const now = new Date();
    await tx.update(conversations).set({ status: 'active', assignedAgentId: actor.agentId, assignedAt: now, updatedAt: touched }).where(eq(conversations.id, conv.id));
    await tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.id, actor.agentId));
    const appended = await appendMessage(tx, conv.id, { senderType: 'system', senderId: actor.agentId, senderName: null, kind: 'event', body: `${actor.pseudoName} joined the chat` });
    return { conv: appended.conversation, message: appended.message };
  });
  if (!r.message) return (await getConversationDto(ctx.db, actor, conversationId))!;
  return announce(ctx, actor, r.conv, { systemMessage: r.message, assignedTo: { id: actor.agentId, pseudoName: actor.pseudoName, avatarUrl: actor.avatarUrl } });
}

/** Either side ends the chat; a system message records who did. */
export async function closeConversation(ctx: Ctx, actor: AgentActor | VisitorActor | ApiActor, conversationId: string) {
  const r = await ctx.db.transaction(async (tx) => {
    const conv = await lockConv(tx, actor.workspaceId, conversationId);
    if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
    if (actor.kind === 'agent' && !canChatAsAgent(actor, conv)) throw forbidden('Managers can read chats but not close them');
    if (conv.status === 'closed') return { conv, message: undefined };
    const now = new Date();
    await tx.update(conversations).set({ status: 'closed', closedAt: now, updatedAt: touched }).where(eq(conversations.id, conv.id));
    const body = actor.kind === 'visitor' ? 'The visitor ended the chat' : actor.kind === 'agent' ? `${actor.pseudoName} ended the chat` : 'The chat was closed';
    const appended = await appendMessage(tx, conv.id, { senderType: 'system', senderId: null, senderName: null, kind: 'event', body });
    return { conv: appended.conversation, message: appended.message };
  });
  if (!r.message) return (await getConversationDto(ctx.db, actor, conversationId))!;
  return announce(ctx, actor, r.conv, { systemMessage: r.message, statusBy: actor.kind === 'api' ? 'system' : actor.kind });
}

/** REST `POST /api/chat/start`: the integration's customer becomes a (verified) visitor. */
export async function startApiConversation(ctx: Ctx, actor: ApiActor | AgentActor, input: ApiChatStartBody) {
  const conv = await ctx.db.transaction(async (tx) => {
    const [site] = await tx
      .select()
      .from(sites)
      .where(and(eq(sites.workspaceId, actor.workspaceId), input.siteId ? eq(sites.id, input.siteId) : eq(sites.active, true)))
      .orderBy(asc(sites.createdAt))
      .limit(1);
    if (!site) throw input.siteId ? notFound('Site') : new AppError('conflict', 'The workspace has no active site yet');
    if (actor.kind === 'agent' && actor.siteIds !== 'all' && !actor.siteIds.includes(site.id)) throw notFound('Site');
    const now = new Date();
    const [visitor] = await tx
      .insert(visitors)
      .values({ id: newId(), workspaceId: actor.workspaceId, siteId: site.id, externalId: input.customerId, name: input.customerName, email: input.customerEmail ?? null })
      .onConflictDoUpdate({
        target: [visitors.siteId, visitors.externalId],
        set: { name: input.customerName, ...(input.customerEmail ? { email: input.customerEmail } : {}), lastSeenAt: now },
      })
      .returning();
    return insertConversation(tx, { workspaceId: actor.workspaceId, siteId: site.id, visitorId: visitor!.id, channel: input.channel, subject: input.subject ?? null });
  });
  const dto = (await getConversationDto(ctx.db, agentsView(conv.workspaceId), conv.id))!;
  ctx.bus.emit({ name: 'conversation.created', ref: refOf(conv), conversation: dto });
  return dto;
}

/** REST `PUT /api/chat/:id`: status, subject, assignee, tags, priority. */
export async function updateConversation(ctx: Ctx, actor: ApiActor | AgentActor, conversationId: string, input: ApiChatUpdateBody) {
  const r = await ctx.db.transaction(async (tx) => {
    const conv = await lockConv(tx, actor.workspaceId, conversationId);
    if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
    if (actor.kind === 'agent' && !canChatAsAgent(actor, conv)) throw forbidden('Managers can read chats but not change them');
    if (actor.kind === 'agent' && !canReplyIn(actor, conv)) throw forbidden('This chat is assigned to another agent');
    const now = new Date();
    const patch: Partial<typeof conversations.$inferInsert> = {};
    let assignee: { id: string; pseudoName: string; avatarUrl: string | null } | undefined;
    if (input.subject !== undefined) patch.subject = input.subject;
    if (input.tags) patch.tags = [...new Set(input.tags)];
    if (input.priority) patch.priority = input.priority;
    if (input.agentId !== undefined && input.agentId !== conv.assignedAgentId) {
      if (input.agentId === null) patch.assignedAgentId = null;
      else {
        const [agent] = await tx.select().from(agents).where(and(eq(agents.id, input.agentId), eq(agents.workspaceId, actor.workspaceId), eq(agents.disabled, false)));
        if (!agent) throw new AppError('validation_failed', 'agentId: unknown agent');
        if (!(await agentCanTakeChatsOn(tx, agent, conv.siteId))) throw new AppError('validation_failed', "agentId: that agent cannot chat on this conversation's site");
        patch.assignedAgentId = agent.id;
        patch.assignedAt = now;
        if (conv.status === 'queued' && !input.status) patch.status = 'active';
        assignee = { id: agent.id, pseudoName: agent.pseudoName, avatarUrl: agent.avatarUrl };
      }
    }
    if (input.status && input.status !== conv.status) {
      patch.status = input.status;
      if (input.status === 'closed') patch.closedAt = now;
      // Resolved chats leave the inbox like closed ones; closedAt orders the Closed list.
      if (input.status === 'resolved') patch.resolvedAt = patch.closedAt = now;
      if (input.status === 'queued' || input.status === 'active') patch.closedAt = null;
      // Back in the queue: waiting time and unanswered alerts count from now.
      if (input.status === 'queued') Object.assign(patch, { queuedAt: now, alertedAt: null });
    }
    const [updated] = await tx.update(conversations).set({ ...patch, updatedAt: touched }).where(eq(conversations.id, conv.id)).returning();
    return { conv: updated!, assignee, statusChanged: patch.status !== undefined && patch.status !== conv.status };
  });
  return announce(ctx, actor, r.conv, { assignedTo: r.assignee, statusBy: r.statusChanged ? (actor.kind === 'agent' ? 'agent' : 'system') : undefined });
}

/** The visitor rates their chat after it ended (CSAT 1-5 + comment; a second rating replaces the first). */
export async function rateConversation(ctx: Ctx, actor: VisitorActor, input: { conversationId: string; score: number; comment: string }) {
  const conv = await ctx.db.transaction(async (tx) => {
    const conv = await lockConv(tx, actor.workspaceId, input.conversationId);
    if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
    if (conv.status !== 'resolved' && conv.status !== 'closed') throw new AppError('conflict', 'A chat can be rated once it has ended');
    const [updated] = await tx
      .update(conversations)
      .set({ ratingScore: input.score, ratingComment: input.comment, ratedAt: new Date(), updatedAt: touched })
      .where(eq(conversations.id, conv.id))
      .returning();
    return updated!;
  });
  return announce(ctx, actor, conv, {});
}
