import { eq } from 'drizzle-orm';
import { LIMITS } from '@parley/protocol';
import type { Ctx } from '../../context';
import { conversations, visitors } from '../../db/schema';
import { sha256 } from '../../ids';
import { refOf } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { requeueConversation } from '../conversations/store';
import { presentMessage } from '../messages/presenter';
import { findMessageByClientId } from '../messages/queries';
import { appendMessage } from '../messages/store';

/** Why an inbound mail is refused, with the SMTP reply code the sender gets. */
export class InboundRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface InboundReply {
  conversationId: string;
  /** The header From and the envelope MAIL FROM (a forwarder may rewrite one of them). */
  senders: string[];
  /** The mail's Message-ID: a redelivery of the same mail is stored once. */
  messageId: string;
  /** The new text, quotes stripped. */
  text: string;
}

/** The idempotency key of an email reply (url-safe, like widget clientIds). */
export const clientIdOfMail = (messageId: string) => `email-${sha256(messageId.trim()).slice(0, 40)}`;

/**
 * Stores a visitor's email reply as their message in the conversation. Only the visitor's own
 * address may write; a resolved or closed conversation goes back to the queue. Events go out
 * after commit exactly as for a widget message, so agents see it live and routing runs.
 */
export async function receiveEmailReply(ctx: Ctx, reply: InboundReply): Promise<{ created: boolean; messageId: string }> {
  const clientId = clientIdOfMail(reply.messageId);
  // NUL cannot be stored in PostgreSQL text: a mail carrying one would fail (451) on every redelivery.
  const body = reply.text.replaceAll('\u0000', '').slice(0, LIMITS.messageMaxChars).trim();
  if (!body) throw new InboundRefusal(550, 'The reply has no text above the quoted message');
  const r = await ctx.db.transaction(async (tx) => {
    const [conv] = await tx.select().from(conversations).where(eq(conversations.id, reply.conversationId)).for('update');
    if (!conv) throw new InboundRefusal(550, 'No such conversation');
    const [visitor] = await tx.select().from(visitors).where(eq(visitors.id, conv.visitorId));
    const own = visitor?.email?.toLowerCase();
    if (!own || !reply.senders.some((s) => s.toLowerCase() === own)) throw new InboundRefusal(550, 'Only the visitor of this conversation can reply to it');
    const prior = await findMessageByClientId(tx, conv.id, clientId);
    if (prior) return { conv, message: prior, created: false, reopened: false };
    const reopened = conv.status === 'resolved' || conv.status === 'closed';
    if (reopened) await requeueConversation(tx, conv.id);
    await tx.update(visitors).set({ lastSeenAt: new Date() }).where(eq(visitors.id, visitor!.id));
    const appended = await appendMessage(tx, conv.id, { senderType: 'visitor', senderId: visitor!.id, senderName: visitor!.name, kind: 'text', body, clientId });
    return { conv: appended.conversation, message: appended.message, created: true, reopened };
  });
  if (r.created) {
    const ref = refOf(r.conv);
    if (r.reopened) {
      const dto = await getConversationDto(ctx.db, agentsView(r.conv.workspaceId), r.conv.id);
      if (dto) ctx.bus.emit({ name: 'conversation.status_changed', ref, conversation: dto, by: 'visitor' });
    }
    ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(r.message) });
  }
  return { created: r.created, messageId: r.message.id };
}
