import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './clients';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  rcptTo: string[];
  from: string;
  fromName: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  replyTo: string | undefined;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** For SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Answers the next `n` mails with `451` (a temporary failure: the sender retries). */
  refuseNext(n: number): void;
  /** How many mails were refused so far. */
  refused(): number;
  /** The first mail (received so far or soon) matching `pred`. */
  waitFor(pred: (m: ReceivedMail) => boolean, what: string, ms?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const list = (a: AddressObject | AddressObject[] | undefined) => [a ?? []].flat().flatMap((o) => o.value.flatMap((v) => (v.address ? [v.address] : [])));

/**
 * An in-process SMTP server that keeps every mail it receives (parsed), for tests of what
 * Parley sends: start it, pass `url` as SMTP_URL, assert on `mails` / `waitFor()`.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let refuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          if (refuse > 0) {
            refuse--;
            refusedCount++;
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          const from = parsed.from?.value[0];
          const refs = parsed.references;
          mails.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            from: from?.address ?? '',
            fromName: from?.name ?? '',
            to: list(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            replyTo: list(parsed.replyTo)[0],
            messageId: parsed.messageId,
            inReplyTo: parsed.inReplyTo,
            references: refs === undefined ? [] : Array.isArray(refs) ? refs : refs.split(/\s+/),
            parsed,
          });
          callback();
        },
        (err) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuseNext: (n) => void (refuse = n),
    refused: () => refusedCount,
    waitFor: (pred, what, ms = 10_000) => eventually(() => mails.find(pred), what, ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends a mail to an SMTP server (Parley's inbound port) the way a visitor's provider would. */
export async function sendMail(port: number, mail: Mail.Options): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}
