import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ConversationDto, MessageDto, StartVisitorChatBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { agents, conversations, visitors } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import type { AgentActor } from '../auth/actors';
import { agentCanTakeChatsOn } from '../agents/queries';
import { refOf } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { insertConversation, touched } from '../conversations/store';
import { presentMessage } from '../messages/presenter';
import { findMessageByClientId } from '../messages/queries';
import { appendMessage } from '../messages/store';
import { announceVisitor, isLive, latestSession, liveWindowMs } from './live';
import { markInteracted } from './service';

export interface StartChatResult {
  conversation: ConversationDto;
  message: MessageDto;
  /** false when a retry (same clientId) returned the chat the first attempt started. */
  created: boolean;
}

/**
 * An agent starts a chat with a visitor on the live-visitors page: the agent must be able
 * to chat on the visitor's site, the visitor must be online and not already in a chat.
 * One transaction creates the conversation (active, assigned to the agent) and the agent's
 * first message (seq 1, idempotent on clientId); after commit the site's agents get the new
 * chat and the visitor's widget the assignment and the message (it opens itself).
 */
export async function startVisitorChat(ctx: Ctx, actor: AgentActor, visitorId: string, input: StartVisitorChatBody): Promise<StartChatResult> {
  const r = await ctx.db.transaction(async (tx) => {
    // The visitor's row lock also serialises this with their own first message.
    const [v] = await tx.select().from(visitors).where(and(eq(visitors.id, visitorId), eq(visitors.workspaceId, actor.workspaceId))).for('update');
    if (!v) throw notFound('Visitor');
    const [agent] = await tx.select().from(agents).where(eq(agents.id, actor.agentId));
    if (!agent || !(await agentCanTakeChatsOn(tx, agent, v.siteId))) throw forbidden(actor.role === 'manager' ? 'Managers can read chats but not start them' : "You don't chat on this visitor's website");
    const [open] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.visitorId, v.id), inArray(conversations.status, ['queued', 'active'])))
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    if (open) {
      const prior = await findMessageByClientId(tx, open.id, input.clientId);
      if (prior && prior.senderId === actor.agentId) return { conv: open, message: prior, created: false };
      throw new AppError('conflict', 'This visitor is already in a chat; open it from the inbox');
    }
    if (!isLive(await latestSession(tx, v.id), liveWindowMs(ctx.config.sweepIntervalMs))) throw new AppError('conflict', 'This visitor has left the website; you can start a chat only while they are online');
    const created = await insertConversation(tx, { workspaceId: v.workspaceId, siteId: v.siteId, visitorId: v.id, channel: 'web' });
    const now = new Date();
    await tx.update(conversations).set({ status: 'active', assignedAgentId: actor.agentId, assignedAt: now, queuedAt: null, updatedAt: touched }).where(eq(conversations.id, created.id));
    await tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.id, actor.agentId));
    await markInteracted(tx, v.id);
    const appended = await appendMessage(tx, created.id, {
      senderType: 'agent',
      senderId: actor.agentId,
      senderName: actor.pseudoName,
      senderAvatarUrl: actor.avatarUrl,
      kind: 'text',
      body: input.body,
      clientId: input.clientId,
    });
    return { conv: appended.conversation, message: appended.message, created: true };
  });
  const message = presentMessage(r.message);
  if (r.created) {
    const ref = refOf(r.conv);
    const dto = await getConversationDto(ctx.db, agentsView(r.conv.workspaceId), r.conv.id);
    if (dto) {
      ctx.bus.emit({ name: 'conversation.created', ref, conversation: dto });
      ctx.bus.emit({ name: 'conversation.assigned', ref, conversation: dto, agent: { id: actor.agentId, pseudoName: actor.pseudoName, avatarUrl: actor.avatarUrl } });
    }
    ctx.bus.emit({ name: 'message.created', ref, message });
    await announceVisitor(ctx, r.conv.visitorId);
  }
  return { conversation: (await getConversationDto(ctx.db, actor, r.conv.id))!, message, created: r.created };
}
