import { and, eq } from 'drizzle-orm';
import type { BusinessHours } from '@parley/protocol';
import { isOpen, nextOpening } from '@parley/protocol/hours';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { agents } from '../../db/schema';
import { servesSite } from '../agents/queries';
import { replyAddress, replySecret, threadRootId } from '../email/addresses';
import { sender } from '../email/mailer';
import { enqueueMail } from '../email/queue';
import { offlineAutoReplyMail, offlineNoticeMail, whenWeAnswer } from '../email/templates';
import type { SiteRow } from '../sites/presenter';

export interface OfflineMailInput {
  site: Pick<SiteRow, 'id' | 'workspaceId' | 'name'>;
  conversationId: string;
  visitor: { name: string; email: string };
  message: string;
  /** Other answers for the agents' mail: label → value. */
  fields: [string, string][];
  autoReply: boolean;
  hours: BusinessHours;
}

/**
 * The mails an offline message causes, enqueued in its transaction: one to every enabled
 * agent who can take the site's chats (with a link to the conversation), and — when the site
 * wants it — an auto-reply to the visitor saying when the team will answer. The auto-reply
 * starts the email thread: replying to it reaches the conversation.
 */
export async function enqueueOfflineMails(ctx: Ctx, tx: Executor, m: OfflineMailInput): Promise<void> {
  const team = await tx
    .select({ email: agents.email })
    .from(agents)
    .where(and(eq(agents.workspaceId, m.site.workspaceId), eq(agents.disabled, false), servesSite(m.site.id, 'chat')));
  const notice = offlineNoticeMail({
    siteName: m.site.name,
    visitorName: m.visitor.name,
    visitorEmail: m.visitor.email,
    message: m.message,
    fields: m.fields,
    link: `${ctx.config.publicUrl}/conversations/${m.conversationId}`,
  });
  for (const agent of team) {
    await enqueueMail(ctx, tx, { kind: 'offline_notice', conversationId: m.conversationId, from: sender(ctx.config, 'Parley'), to: agent.email, ...notice });
  }
  if (!m.autoReply) return;
  const domain = ctx.config.email.replyDomain;
  // Outside business hours the visitor is told when the team is back; otherwise "soon".
  const now = new Date();
  const nextOpenAt = isOpen(m.hours, now) ? null : nextOpening(m.hours, now);
  await enqueueMail(ctx, tx, {
    kind: 'offline_auto_reply',
    conversationId: m.conversationId,
    from: sender(ctx.config, m.site.name),
    to: m.visitor.email,
    // Loaded at startup (startEmail), so this never queries outside the transaction.
    replyTo: replyAddress(await replySecret(ctx.db), m.conversationId, domain),
    messageId: threadRootId(m.conversationId, domain),
    ...offlineAutoReplyMail({ team: m.site.name, visitorName: m.visitor.name, message: m.message, when: whenWeAnswer(nextOpenAt, m.hours.timezone) }),
  });
}
