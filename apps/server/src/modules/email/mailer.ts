import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { MailAddress, MailJob } from './queue';

export interface Mailer {
  /** Sends one mail; throws when the SMTP server refuses it or cannot be reached (the job retries). */
  send(mail: MailJob): Promise<void>;
  close(): void;
}

/** The configured sender address with a display name (the site's team for visitors, "Parley" for agents). */
export function sender(config: Config, name: string): MailAddress {
  const parsed = addressparser(config.email.from, { flatten: true })[0];
  return { name, address: parsed && 'address' in parsed && parsed.address ? parsed.address : config.email.from };
}

/**
 * nodemailer over `SMTP_URL` (STARTTLS when the server offers it). Without `SMTP_URL` mails
 * are logged and dropped, and their jobs complete: a fresh install has no mail server.
 */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  const url = config.email.smtpUrl;
  if (!url) {
    log.warn('SMTP_URL is not set: emails (offline messages, replies, transcripts) are logged and dropped');
    return {
      async send(mail) {
        log.warn({ kind: mail.kind, conversationId: mail.conversationId }, 'SMTP_URL is not set: mail dropped');
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        replyTo: mail.replyTo,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
      });
    },
    close: () => transport.close(),
  };
}
