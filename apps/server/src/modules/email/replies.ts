import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { messages, sites, visitors } from '../../db/schema';
import type { ConversationRow } from '../conversations/presenter';
import type { MessageRow } from '../messages/presenter';
import { messageMailId, replyAddress, replySecret, threadRootId } from './addresses';
import { sender } from './mailer';
import { enqueueMail } from './queue';
import { agentReplyMail } from './templates';

/** Earlier mails of the thread a reply refers to (the root plus the last few answers). */
const REFERENCES_MAX = 10;

/** True for a message that is mailed to the visitor: an agent's text (or file) in an email conversation. */
function isEmailedReply(conv: Pick<ConversationRow, 'channel'>, message: Pick<MessageRow, 'senderType' | 'kind'>): boolean {
  return conv.channel === 'email' && message.senderType === 'agent' && (message.kind === 'text' || message.kind === 'file');
}

/** A file reply is mailed as its caption plus a line naming the file (links are short-lived, so none is mailed). */
function mailBody(message: Pick<MessageRow, 'body' | 'attachments' | 'senderName'>): string {
  const names = message.attachments.map((a) => a.name);
  if (!names.length) return message.body;
  const line = `${message.senderName ?? 'We'} sent you a file: ${names.join(', ')}`;
  return message.body ? `${message.body}\n\n${line}` : line;
}

/**
 * Mails an agent's answer in an email conversation to the visitor, inside the transaction
 * that stored it: Reply-To is the conversation's signed reply address (their answer threads
 * back), Message-ID names the message, In-Reply-To/References chain the earlier mails.
 * Does nothing for other messages, or when the visitor left no email. True when a mail was
 * enqueued: the caller kicks the queue after commit.
 */
export async function mailAgentReply(ctx: Ctx, tx: Executor, conv: ConversationRow, message: MessageRow): Promise<boolean> {
  if (!isEmailedReply(conv, message)) return false;
  const [row] = await tx.select({ email: visitors.email, siteName: sites.name }).from(visitors).innerJoin(sites, eq(sites.id, visitors.siteId)).where(eq(visitors.id, conv.visitorId));
  if (!row?.email) return false;
  const domain = ctx.config.email.replyDomain;
  const earlier = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conv.id), eq(messages.senderType, 'agent'), inArray(messages.kind, ['text', 'file']), lt(messages.seq, message.seq)))
    .orderBy(desc(messages.seq))
    .limit(REFERENCES_MAX - 1);
  const references = [threadRootId(conv.id, domain), ...earlier.reverse().map((m) => messageMailId(m.id, domain))];
  await enqueueMail(ctx, tx, {
    kind: 'reply',
    conversationId: conv.id,
    from: sender(ctx.config, row.siteName),
    to: row.email,
    // Loaded at startup (startEmail), so this never queries outside the transaction.
    replyTo: replyAddress(await replySecret(ctx.db), conv.id, domain),
    messageId: messageMailId(message.id, domain),
    inReplyTo: references[references.length - 1],
    references,
    ...agentReplyMail({ team: row.siteName, agentName: message.senderName ?? row.siteName, body: mailBody(message) }),
  });
  return true;
}
