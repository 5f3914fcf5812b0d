import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import { replySecret } from './addresses';
import { startInboundSmtp, type InboundServer } from './inbound';
import { createMailer } from './mailer';
import { emailQueue } from './queue';

export interface EmailService {
  /** The inbound SMTP server's port (SMTP_INBOUND_PORT; the real one when 0 was asked). */
  inboundPort: number | undefined;
  close(): Promise<void>;
}

/**
 * Email on this node: the `email` queue's worker (call before `ctx.jobs.start()`), the reply
 * signing key (loaded now, so reply addresses are signed inside transactions without another
 * query) and, with SMTP_INBOUND_PORT, the inbound SMTP server for visitors' replies.
 */
export async function startEmail(ctx: Ctx, log: FastifyBaseLogger): Promise<EmailService> {
  const mailer = createMailer(ctx.config, log);
  ctx.jobs.handle(emailQueue, (mail) => mailer.send(mail));
  const secret = await replySecret(ctx.db);
  const { inboundPort, inboundHost } = ctx.config.email;
  const inbound: InboundServer | undefined = inboundPort === undefined ? undefined : await startInboundSmtp(ctx, log, secret, { port: inboundPort, host: inboundHost });
  return {
    inboundPort: inbound?.port,
    async close() {
      await inbound?.close();
      mailer.close();
    },
  };
}
