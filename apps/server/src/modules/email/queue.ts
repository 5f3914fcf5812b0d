import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { defineQueue } from '../../jobs/queue';
import type { Rendered } from './templates';

export interface MailAddress {
  name: string;
  address: string;
}

/** One outgoing mail, rendered when it is enqueued (the job carries everything nodemailer needs). */
export interface MailJob extends Rendered {
  /** For logs: what this mail is and which conversation it is about. */
  kind: 'offline_notice' | 'offline_auto_reply' | 'reply' | 'transcript';
  conversationId: string;
  from: MailAddress;
  to: string;
  replyTo?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

/** Mails go out through SMTP, retried 8 times with backoff from 15 s (the last try 1-2 hours after the first). */
export const emailQueue = defineQueue<MailJob>({
  name: 'email',
  retryLimit: 8,
  retryDelaySeconds: 15,
  expireInSeconds: 300,
  describe: (m) => ({ kind: m.kind, conversationId: m.conversationId }),
});

/** Enqueues a mail inside the transaction of the change it reports. */
export function enqueueMail(ctx: Ctx, tx: Executor, mail: MailJob): Promise<void> {
  return ctx.jobs.enqueue(tx, emailQueue, mail);
}
