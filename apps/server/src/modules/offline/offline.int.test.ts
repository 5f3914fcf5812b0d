import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { conversations, messages, visitors } from '../../db/schema';
import { api, connectAgent, connectVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { startSmtpSink, type SmtpSink } from '../../test/smtp';

const ORIGIN = 'http://127.0.0.1:5555';

describe('offline messages (POST /api/widget/offline-messages)', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let agentEmail: string;
  let adminEmail: string;
  let otherAgentEmail: string;
  let managerEmail: string;
  let agent: Session;
  let agentSocket: ClientSocket;
  let n = 0;
  const clientId = () => `offline-${Date.now().toString(36)}-${++n}`;

  /** A site closed except Mondays (so the auto-reply names the next opening), with a pre-chat form. */
  const formSite = (name?: string) =>
    buildSite(server.ctx, {
      name,
      settings: {
        businessHours: { enabled: true, timezone: 'Europe/Paris', weekly: { mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] },
        preChatForm: {
          enabled: true,
          intro: '',
          fields: [
            { key: 'name', type: 'name', label: 'Name', labels: {}, required: true, options: [] },
            { key: 'email', type: 'email', label: 'Email', labels: {}, required: true, options: [] },
            { key: 'phone', type: 'phone', label: 'Phone', labels: {}, required: false, options: [] },
            { key: 'topic', type: 'select', label: 'Topic', labels: {}, required: true, options: [{ value: 'billing', label: 'Billing', labels: {} }, { value: 'sales', label: 'Sales', labels: {} }] },
          ],
        },
      },
    });

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: sink.url, EMAIL_REPLY_DOMAIN: 'parley.test' } });
    site = await formSite('Acme <Shop>');
    const otherSite = await buildSite(server.ctx);
    const a = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' });
    agentEmail = a.email;
    adminEmail = (await buildAgent(server.ctx, { role: 'admin' })).email;
    otherAgentEmail = (await buildAgent(server.ctx, { siteIds: [otherSite.id] })).email;
    managerEmail = (await buildAgent(server.ctx, { role: 'manager' })).email;
    agent = await login(server, a);
    agentSocket = await connectAgent(server, agent);
  });
  afterAll(async () => {
    agentSocket?.disconnect();
    await server?.close();
    await sink?.close();
  });
  beforeEach(() => {
    sink.mails.length = 0;
  });

  const body = (over: Record<string, unknown> = {}) => ({ siteKey: site.widgetKey, name: 'Zoë <b>Bold</b>', email: 'Zoe@Example.com', message: 'Do you ship to Canada?\nThanks', fields: { topic: 'billing', phone: '+1 555 0100' }, clientId: clientId(), ...over });
  const post = (b: unknown, origin = ORIGIN) => api(server, 'POST', '/api/widget/offline-messages', { body: b, origin });
  const countOf = async (table: typeof conversations | typeof visitors | typeof messages) => (await server.ctx.db.select({ n: count() }).from(table))[0]!.n;

  it('stores a queued email conversation agents see live, mails every agent of the site and auto-replies to the visitor', async () => {
    const events = record(agentSocket, ['conversation', 'message']);
    const r = await post(body());
    expect(r.status).toBe(201);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const { visitorId, token, conversationId } = r.body;
    expect(typeof token).toBe('string');

    // The inbox: a waiting chat on the email channel with the visitor's message.
    await eventually(() => events.find((e) => e.name === 'conversation' && e.e.data.id === conversationId), 'agent sees the conversation');
    const conv = await api(server, 'GET', `/api/conversations/${conversationId}`, { cookie: agent.cookie });
    expect(conv.body.conversation).toMatchObject({ channel: 'email', status: 'queued' });
    const msgs = await api(server, 'GET', `/api/conversations/${conversationId}/messages`, { cookie: agent.cookie });
    expect(msgs.body.messages.map((m: { senderType: string; body: string }) => [m.senderType, m.body])).toContainEqual(['visitor', 'Do you ship to Canada?\nThanks']);

    // The visitor row carries the form's answers; they interacted, so no anonymous key.
    const [v] = await server.ctx.db.select().from(visitors).where(eq(visitors.id, visitorId));
    expect(v).toMatchObject({ name: 'Zoë <b>Bold</b>', email: 'zoe@example.com', phone: '+1 555 0100', anonKey: null });
    expect(v!.attributes).toMatchObject({ topic: 'billing' });

    // Mails: the site's agent and the admin (they take every site's chats), not the other site's agent nor the manager.
    const notice = await sink.waitFor((m) => m.to.includes(agentEmail), 'agent notice');
    await sink.waitFor((m) => m.to.includes(adminEmail), 'admin notice');
    expect(notice.subject).toBe('New offline message from Zoë <b>Bold</b> on Acme <Shop>');
    expect(notice.text).toContain('> Do you ship to Canada?');
    expect(notice.text).toContain('Topic: Billing');
    expect(notice.text).toContain(`${server.url}/conversations/${conversationId}`);
    expect(notice.html).toContain('Zoë &lt;b&gt;Bold&lt;/b&gt;');
    expect(notice.html).not.toContain('<b>Bold</b>');
    const reply = await sink.waitFor((m) => m.to.includes('zoe@example.com'), 'auto-reply');
    expect(reply.subject).toBe('Your message to Acme <Shop>');
    expect(reply.fromName).toBe('Acme <Shop>');
    expect(reply.replyTo).toMatch(new RegExp(`^reply\\+${conversationId}\\.[0-9a-f]{10}@parley\\.test$`));
    expect(reply.messageId).toBe(`<conv-${conversationId}@parley.test>`);
    expect(reply.text).toMatch(/when we're back \(Monday, .* 9:00 AM GMT\+\d\)/);
    expect(reply.html).toContain('Acme &lt;Shop&gt;');
    await new Promise((res) => setTimeout(res, 300));
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([adminEmail, agentEmail, 'zoe@example.com'].sort());
    expect(sink.mails.some((m) => m.to.includes(otherAgentEmail) || m.to.includes(managerEmail))).toBe(false);
  });

  it('is idempotent on clientId, with or without the credentials it answered', async () => {
    const b = body({ name: 'Retry Ray', email: 'ray@example.com' });
    const first = await post(b);
    expect(first.status).toBe(201);
    await sink.waitFor((m) => m.to.includes('ray@example.com'), 'first auto-reply');
    const before = [await countOf(conversations), await countOf(visitors)];

    const withCreds = await post({ ...b, visitorId: first.body.visitorId, token: first.body.token });
    expect(withCreds.status).toBe(201);
    expect(withCreds.body).toEqual(first.body);
    // The first answer may never have reached the browser: same visitor and chat, fresh token.
    const blind = await post(b);
    expect(blind.status).toBe(201);
    expect(blind.body).toMatchObject({ visitorId: first.body.visitorId, conversationId: first.body.conversationId });
    expect(blind.body.token).not.toBe(first.body.token);
    const s = await connectVisitor(server, { siteKey: site.widgetKey, visitorId: blind.body.visitorId, token: blind.body.token }, ORIGIN);
    s.disconnect();

    expect([await countOf(conversations), await countOf(visitors)]).toEqual(before);

    // A double submit (both at once, no credentials yet) starts one conversation.
    const twice = body({ name: 'Twice', email: 'twice@example.com' });
    const [one, two] = await Promise.all([post(twice), post(twice)]);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.conversationId).toBe(two.body.conversationId);

    await new Promise((res) => setTimeout(res, 1500));
    expect(sink.mails.filter((m) => m.to.includes('ray@example.com'))).toHaveLength(1);
    expect(sink.mails.filter((m) => m.to.includes('twice@example.com'))).toHaveLength(1);
  });

  it('uses the widget visitor when valid credentials come along; a wrong pair is 401', async () => {
    const created = await api(server, 'POST', '/api/widget/visitors', { body: { siteKey: site.widgetKey }, origin: ORIGIN });
    const { visitorId, token } = created.body;
    const r = await post(body({ visitorId, token, email: 'known@example.com' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ visitorId, token });

    const bad = await post(body({ visitorId, token: 'x'.repeat(43) }));
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('unauthenticated');
  });

  it('refuses bad input with 4xx and stores nothing; then rate limits', async () => {
    const own = await formSite('Bad Input Shop');
    const before = [await countOf(conversations), await countOf(visitors), await countOf(messages)];
    const bad = (over: Record<string, unknown>) => body({ siteKey: own.widgetKey, ...over });
    const cases: [unknown, number, string, string?][] = [
      [bad({ email: 'not-an-email' }), 400, 'validation_failed'],
      [bad({ message: '   ' }), 400, 'validation_failed'],
      [bad({ fields: { topic: 'nope' } }), 400, 'validation_failed'],
      [bad({ fields: { phone: '12' } }), 400, 'validation_failed'],
      [bad({ fields: {} }), 400, 'validation_failed'], // the form's required dropdown
      [bad({ clientId: 'bad id!' }), 400, 'validation_failed'],
      [bad({ visitorId: '00000000-0000-4000-8000-000000000000' }), 400, 'validation_failed'],
      [bad({}), 403, 'origin_not_allowed', 'https://evil.example'],
      [bad({ siteKey: 'no_such_site_key' }), 404, 'not_found'],
    ];
    for (const [b, status, code, origin] of cases) {
      const r = await post(b, origin);
      expect([r.status, r.body.error?.code], JSON.stringify(b)).toEqual([status, code]);
    }
    // A validation error still carries CORS headers, so the widget can show it.
    const r = await post(bad({ fields: { topic: 'nope' } }));
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect([await countOf(conversations), await countOf(visitors), await countOf(messages)]).toEqual(before);
    await new Promise((res) => setTimeout(res, 1200));
    expect(sink.mails.filter((m) => m.subject.includes('Bad Input Shop'))).toHaveLength(0);

    // Every message mails the whole team: 10 a minute per address and site (the 9 above on this site count).
    expect((await post(bad({ email: 'nope' }))).status).toBe(400);
    expect((await post(bad({}))).status).toBe(429);
    expect((await post(body())).status).toBe(201); // another site's bucket
  });

  it('skips the auto-reply when the site turned it off, and refuses when offline messages are off', async () => {
    const quiet = await buildSite(server.ctx, { settings: { offline: { enabled: true, message: 'Away', autoReply: false } } });
    const r = await post({ siteKey: quiet.widgetKey, name: 'Quinn', email: 'quinn@example.com', message: 'Hi', clientId: clientId() });
    expect(r.status).toBe(201);
    await sink.waitFor((m) => m.to.includes(adminEmail) && m.subject.includes('Quinn'), 'admin notice');
    await new Promise((res) => setTimeout(res, 1200));
    expect(sink.mails.some((m) => m.to.includes('quinn@example.com'))).toBe(false);

    const off = await buildSite(server.ctx, { settings: { offline: { enabled: false, message: 'Away', autoReply: true } } });
    const refused = await post({ siteKey: off.widgetKey, name: 'Quinn', email: 'quinn@example.com', message: 'Hi', clientId: clientId() });
    expect(refused.status).toBe(403);
  });
});
