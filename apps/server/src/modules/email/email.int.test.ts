import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { conversations, messages } from '../../db/schema';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { sendMail, startSmtpSink, type SmtpSink } from '../../test/smtp';

const ORIGIN = 'http://127.0.0.1:5555';
type SendAck = { message: MessageDto; conversation: ConversationDto };

describe('email: replies by email, inbound replies, transcripts, retries', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session;
  let aliceSocket: ClientSocket;
  const sockets: ClientSocket[] = [];
  let n = 0;
  const id = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: sink.url, EMAIL_REPLY_DOMAIN: 'parley.test', SMTP_INBOUND_PORT: '0', SMTP_INBOUND_HOST: '127.0.0.1' } });
    site = await buildSite(server.ctx, { name: 'Acme' });
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    aliceSocket = await connectAgent(server, alice);
    sockets.push(aliceSocket);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await sink?.close();
  });

  /** An offline message from `email`, accepted by Alice; returns the ids and the reply address. */
  async function emailConversation(email: string) {
    const r = await api(server, 'POST', '/api/widget/offline-messages', { body: { siteKey: site.widgetKey, name: 'Vera', email, message: 'Do you ship to Canada?', clientId: id('offline') }, origin: ORIGIN });
    expect(r.status).toBe(201);
    const autoReply = await sink.waitFor((m) => m.to.includes(email), 'auto-reply');
    const accepted = await api(server, 'POST', `/api/conversations/${r.body.conversationId}/accept`, { cookie: alice.cookie, csrf: alice.csrf });
    expect(accepted.status).toBe(200);
    return { conversationId: r.body.conversationId as string, visitorId: r.body.visitorId as string, replyTo: autoReply.replyTo! };
  }

  const agentSays = async (conversationId: string, body: string, kind: 'text' | 'note' = 'text') => {
    const ack = await call<SendAck>(aliceSocket, 'message', { conversationId, clientId: id('agent'), body, kind });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.data.message;
  };
  const messagesOf = async (conversationId: string) => (await server.ctx.db.select({ n: count() }).from(messages).where(eq(messages.conversationId, conversationId)))[0]!.n;

  it("mails an agent's answer in an email conversation to the visitor, threaded, with a signed Reply-To; notes stay inside", async () => {
    const { conversationId, replyTo } = await emailConversation('vera@example.com');
    expect(replyTo).toMatch(new RegExp(`^reply\\+${conversationId}\\.[0-9a-f]{10}@parley\\.test$`));
    const root = `<conv-${conversationId}@parley.test>`;

    const m1 = await agentSays(conversationId, 'We do! <Shipping> takes 3 days.');
    const mail1 = await sink.waitFor((m) => m.messageId === `<msg-${m1.id}@parley.test>`, 'first answer mailed');
    expect(mail1).toMatchObject({ to: ['vera@example.com'], fromName: 'Acme', subject: 'Re: Your message to Acme', replyTo, inReplyTo: root, references: [root] });
    expect(mail1.text).toContain('We do! <Shipping> takes 3 days.');
    expect(mail1.text).toContain('— Alice, Acme');
    expect(mail1.html).toContain('We do! &lt;Shipping&gt; takes 3 days.');

    await agentSays(conversationId, 'internal: check the stock first', 'note');
    const m2 = await agentSays(conversationId, 'Anything else?');
    const mail2 = await sink.waitFor((m) => m.messageId === `<msg-${m2.id}@parley.test>`, 'second answer mailed');
    expect(mail2.inReplyTo).toBe(`<msg-${m1.id}@parley.test>`);
    expect(mail2.references).toEqual([root, `<msg-${m1.id}@parley.test>`]);
    expect(sink.mails.some((m) => m.text.includes('check the stock'))).toBe(false);
  });

  it("threads the visitor's email reply back into the conversation once, without the quoted part", async () => {
    const { conversationId, replyTo } = await emailConversation('wes@example.com');
    const events = record(aliceSocket, ['message']);
    const before = await messagesOf(conversationId);
    const reply = {
      from: 'Wes <Wes@Example.com>',
      to: replyTo,
      subject: 'Re: Your message to Acme',
      text: 'Great, the blue one please.\n\nOn Tue, Jun 3, 2025 at 10:02 AM Acme <parley@parley.test> wrote:\n> Do you ship to Canada?',
      messageId: '<reply-1@mail.example.com>',
      inReplyTo: `<conv-${conversationId}@parley.test>`,
    };
    await sendMail(server.smtpInboundPort!, reply);
    const got = await eventually(() => events.find((e) => e.e.conversationId === conversationId && e.e.data.senderType === 'visitor'), 'agent sees the reply');
    expect(got.e.data.body).toBe('Great, the blue one please.');

    // The provider delivers it again: stored once.
    await sendMail(server.smtpInboundPort!, reply);
    expect(await messagesOf(conversationId)).toBe(before + 1);
  });

  it('a reply to a closed conversation puts it back in the queue', async () => {
    const { conversationId, replyTo } = await emailConversation('cleo@example.com');
    expect((await api(server, 'POST', `/api/conversations/${conversationId}/close`, { cookie: alice.cookie, csrf: alice.csrf })).status).toBe(200);
    await sendMail(server.smtpInboundPort!, { from: 'cleo@example.com', to: replyTo, subject: 'Re: Your message to Acme', text: 'One more thing!', messageId: '<reopen-1@mail.example.com>' });
    const conv = await eventually(async () => {
      const [c] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, conversationId));
      return c?.status === 'queued' && c;
    }, 'conversation requeued');
    expect(conv).toMatchObject({ assignedAgentId: null, closedAt: null });
    const [last] = await server.ctx.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.body, 'One more thing!')));
    expect(last?.senderType).toBe('visitor');
  });

  it('accepts and ignores automatic mails (out of office, lists): the closed conversation stays closed', async () => {
    const { conversationId, replyTo } = await emailConversation('otto@example.com');
    expect((await api(server, 'POST', `/api/conversations/${conversationId}/close`, { cookie: alice.cookie, csrf: alice.csrf })).status).toBe(200);
    const before = await messagesOf(conversationId);
    const robots: Record<string, string>[] = [{ 'Auto-Submitted': 'auto-replied' }, { 'Auto-Submitted': 'auto-generated; type=vacation' }, { Precedence: 'bulk' }, { Precedence: 'Auto_Reply' }, { Precedence: 'list' }, { 'X-Autoreply': 'yes' }];
    for (const headers of robots) {
      // Accepted (250): no bounce, no retry.
      await sendMail(server.smtpInboundPort!, { from: 'otto@example.com', to: replyTo, subject: 'Out of office', text: 'I am away until Monday.', messageId: `<${id('ooo')}@mail.example.com>`, headers });
    }
    // The 250 comes after the mail was handled: nothing was stored, nothing reopened.
    const status = async () => (await server.ctx.db.select({ status: conversations.status }).from(conversations).where(eq(conversations.id, conversationId)))[0]!.status;
    expect(await messagesOf(conversationId)).toBe(before);
    expect(await status()).toBe('closed');
    // A person's reply (Auto-Submitted: no) is stored and reopens it.
    await sendMail(server.smtpInboundPort!, { from: 'otto@example.com', to: replyTo, subject: 'Re: Your message to Acme', text: 'Back now, thanks!', messageId: '<human-1@mail.example.com>', headers: { 'Auto-Submitted': 'no' } });
    expect(await messagesOf(conversationId)).toBe(before + 1);
    expect(await status()).toBe('queued');
  });

  it('refuses a forged signature, unknown recipients and strangers', async () => {
    const { conversationId, replyTo } = await emailConversation('dana@example.com');
    const before = await messagesOf(conversationId);
    const attempt = (to: string, from = 'dana@example.com') => sendMail(server.smtpInboundPort!, { from, to, subject: 'hi', text: 'let me in', messageId: `<${id('x')}@evil.example>` }).then(
      () => 'accepted',
      (err: { responseCode?: number }) => err.responseCode,
    );
    expect(await attempt(`reply+${conversationId}.0123456789@parley.test`)).toBe(550);
    expect(await attempt('support@parley.test')).toBe(550);
    expect(await attempt(replyTo, 'mallory@example.com')).toBe(550);
    expect(await messagesOf(conversationId)).toBe(before);
  });

  it("mails a transcript of what the visitor saw (no notes, no events) to the given or known address", async () => {
    const v = await createVisitor(server, site.widgetKey, ORIGIN);
    const s = await connectVisitor(server, v, ORIGIN);
    sockets.push(s);
    const sent = await call<SendAck>(s, 'message', { clientId: id('visitor'), body: 'Hi, where is my order?' });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    const conversationId = sent.data.conversation.id;
    await api(server, 'POST', `/api/conversations/${conversationId}/accept`, { cookie: alice.cookie, csrf: alice.csrf });
    await agentSays(conversationId, 'It left the warehouse today.');
    await agentSays(conversationId, 'secret: VIP customer', 'note');

    const noEmail = await call(s, 'conversation:transcript', { conversationId });
    expect(noEmail.ok ? null : noEmail.error.code).toBe('no_email');
    const ok = await call<{ email: string }>(s, 'conversation:transcript', { conversationId, email: 'Me@Example.com' });
    expect(ok.ok ? ok.data : ok.error).toEqual({ email: 'me@example.com' });
    const mail = await sink.waitFor((m) => m.to.includes('me@example.com'), 'transcript');
    expect(mail.subject).toBe('Your conversation with Acme');
    expect(mail.text).toContain('Hi, where is my order?');
    expect(mail.text).toContain('Alice:\nIt left the warehouse today.');
    expect(mail.text).not.toContain('VIP');
    expect(mail.text).not.toContain('joined the chat');

    // Someone else's conversation is not theirs to mail.
    const { conversationId: other } = await emailConversation('erin@example.com');
    const foreign = await call(s, 'conversation:transcript', { conversationId: other, email: 'me@example.com' });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
  });

  it('retries a mail the SMTP server refused, then delivers it', async () => {
    const v = await createVisitor(server, site.widgetKey, ORIGIN);
    const s = await connectVisitor(server, v, ORIGIN);
    sockets.push(s);
    const sent = await call<SendAck>(s, 'message', { clientId: id('visitor'), body: 'Please mail me this' });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    sink.refuseNext(1);
    const refusedBefore = sink.refused();
    await call(s, 'conversation:transcript', { conversationId: sent.data.conversation.id, email: 'retry@example.com' });
    await eventually(() => sink.refused() > refusedBefore, 'first attempt refused', 10_000);
    type JobRow = { state: string; retry_count: number };
    const job = async () => ((await server.ctx.db.execute(sql`select state, retry_count from pgboss.job where name = 'email' and data->>'to' = 'retry@example.com'`)) as unknown as { rows: JobRow[] }).rows[0];
    expect(await eventually(async () => (await job())?.state === 'retry' && job(), 'job waits for its retry')).toMatchObject({ state: 'retry' });
    // The backoff is 15 s and up; bring the retry forward instead of waiting for it.
    await server.ctx.db.execute(sql`update pgboss.job set start_after = now() where name = 'email' and state = 'retry' and data->>'to' = 'retry@example.com'`);
    await sink.waitFor((m) => m.to.includes('retry@example.com'), 'delivered on retry');
    expect(await eventually(async () => (await job())?.state === 'completed' && job(), 'job completed')).toMatchObject({ retry_count: 1 });
  });
});

describe('email without SMTP_URL', () => {
  it('drops mails with a warning and completes their jobs', async () => {
    const server = await startTestServer();
    try {
      const site = await buildSite(server.ctx);
      const r = await api(server, 'POST', '/api/widget/offline-messages', { body: { siteKey: site.widgetKey, name: 'Nia', email: 'nia@example.com', message: 'Hello?', clientId: 'no-smtp-0001' }, origin: ORIGIN });
      expect(r.status).toBe(201);
      const states = async () => ((await server.ctx.db.execute(sql`select state from pgboss.job where name = 'email'`)) as unknown as { rows: { state: string }[] }).rows.map((j) => j.state);
      await eventually(async () => {
        const s = await states();
        return s.length > 0 && s.every((x) => x === 'completed');
      }, 'jobs completed', 10_000);
    } finally {
      await server.close();
    }
  });
});
