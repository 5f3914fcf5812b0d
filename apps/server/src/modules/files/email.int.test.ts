import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { startSmtpSink, type SmtpSink } from '../../test/smtp';
import { agentUpload, png } from './testing';

describe('files in email conversations', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let alice: Session;
  let conversationId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: sink.url, EMAIL_REPLY_DOMAIN: 'parley.test' } });
    const site = await buildSite(server.ctx, { name: 'Acme' });
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    const r = await api(server, 'POST', '/api/widget/offline-messages', {
      body: { siteKey: site.widgetKey, name: 'Vera', email: 'vera@example.com', message: 'Can you send the manual?', clientId: 'offline-files-1' },
      origin: 'http://127.0.0.1:5555',
    });
    expect(r.status).toBe(201);
    conversationId = r.body.conversationId;
    expect((await api(server, 'POST', `/api/conversations/${conversationId}/accept`, { cookie: alice.cookie, csrf: alice.csrf })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  it("an agent's file answer is mailed as its caption and the file's name (no link: links are short-lived)", async () => {
    const up = await agentUpload(server, alice, conversationId, { name: 'manual.png', bytes: await png() }, { caption: 'Here it is.' });
    expect(up.status).toBe(201);
    const mail = await sink.waitFor((m) => m.messageId === `<msg-${up.body.message.id}@parley.test>`, 'file answer mailed');
    expect(mail.to).toEqual(['vera@example.com']);
    expect(mail.text).toContain('Here it is.');
    expect(mail.text).toContain('Alice sent you a file: manual.png');
    expect(mail.text).not.toContain('/files/');
  });
});
