import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, sleep, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

/** Access that changes while clients are connected, and edges found in review. */
describe('revoked and narrowed access', () => {
  let server: TestServer;
  let owner: Session;
  beforeAll(async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'owner password' } });
    owner = await login(server, { email: 'owner@example.com', password: 'owner password' });
  });
  afterAll(() => server.close());

  it('an agent who reconnects after losing a site gets nothing more from it', async () => {
    const x = await buildSite(server.ctx);
    const y = await buildSite(server.ctx);
    const a = await buildAgent(server.ctx, { siteIds: [x.id, y.id] });
    const s = await login(server, a);
    const sock = await connectAgent(server, s);
    const events = record(sock, ['message', 'conversation']);
    sock.io.engine.close(); // network drop
    expect((await api(server, 'PUT', `/api/agents/${a.id}`, { cookie: owner.cookie, csrf: owner.csrf, body: { siteIds: [y.id] } })).status).toBe(200);
    await eventually(() => sock.connected, 'reconnected', 5000);
    const vs = await connectVisitor(server, await createVisitor(server, x.widgetKey));
    await call(vs, 'message', { clientId: 'secret-0001', body: 'secret on X' });
    const vy = await connectVisitor(server, await createVisitor(server, y.widgetKey));
    await call(vy, 'message', { clientId: 'hello-y-001', body: 'hello on Y' });
    await eventually(() => events.find((e) => e.name === 'message' && e.e.data.body === 'hello on Y'), 'Y still delivered');
    expect(events.filter((e) => e.name === 'message' && e.e.data.body === 'secret on X')).toEqual([]);
    for (const c of [sock, vs, vy]) c.disconnect();
  });

  it('a disabled agent whose connection dropped is refused on reconnect and replayed nothing', async () => {
    const site = await buildSite(server.ctx);
    const a = await buildAgent(server.ctx, { siteIds: [site.id] });
    const sock = await connectAgent(server, await login(server, a));
    const events = record(sock, ['message']);
    const refused = new Promise<string>((r) => sock.on('connect_error', (e) => r(e.message)));
    sock.io.engine.close();
    expect((await api(server, 'DELETE', `/api/agents/${a.id}`, { cookie: owner.cookie, csrf: owner.csrf })).status).toBe(204);
    const vs = await connectVisitor(server, await createVisitor(server, site.widgetKey));
    await call(vs, 'message', { clientId: 'after-dis-01', body: 'sent after disabling' });
    expect(await refused).toMatch(/Sign in/);
    await sleep(100);
    expect(events).toEqual([]);
    sock.disconnect();
    vs.disconnect();
  });

  it('turning a site off drops its widgets and refuses their messages', async () => {
    const site = await buildSite(server.ctx);
    const v = await createVisitor(server, site.widgetKey);
    const vs = await connectVisitor(server, v);
    const dropped = new Promise<void>((r) => vs.once('disconnect', () => r()));
    expect((await api(server, 'PUT', `/api/sites/${site.id}`, { cookie: owner.cookie, csrf: owner.csrf, body: { active: false } })).body.site.active).toBe(false);
    await dropped;
    await expect(connectVisitor(server, v)).rejects.toThrow(/Unknown visitor or site/);
    expect((await api(server, 'GET', `/api/widget/config?siteKey=${site.widgetKey}`, { origin: 'http://127.0.0.1:1' })).status).toBe(404);
    vs.disconnect();
  });

  it("an agent cannot take a colleague's chat through PUT /api/chat/:id, nor assign it to someone who cannot serve the site", async () => {
    const site = await buildSite(server.ctx);
    const ann = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    const ben = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    const outsider = await buildAgent(server.ctx, { siteIds: [] });
    const vs = await connectVisitor(server, await createVisitor(server, site.widgetKey));
    const sent = await call<{ conversation: { id: string } }>(vs, 'message', { clientId: 'take-000001', body: 'help' });
    if (!sent.ok) throw new Error('send failed');
    const id = sent.data.conversation.id;
    expect((await api(server, 'POST', `/api/conversations/${id}/accept`, { cookie: ann.cookie, csrf: ann.csrf })).status).toBe(200);
    const grab = await api(server, 'PUT', `/api/chat/${id}`, { cookie: ben.cookie, csrf: ben.csrf, body: { agentId: ben.agentId } });
    expect(grab.status).toBe(403);
    expect((await api(server, 'PUT', `/api/chat/${id}`, { cookie: ben.cookie, csrf: ben.csrf, body: { status: 'closed' } })).status).toBe(403);
    const wrong = await api(server, 'PUT', `/api/chat/${id}`, { cookie: owner.cookie, csrf: owner.csrf, body: { agentId: outsider.id } });
    expect(wrong.status).toBe(400);
    expect((await api(server, 'GET', `/api/chat/${id}`, { cookie: owner.cookie })).body.conversation.assignedAgentId).toBe(ann.agentId);
    // a resolved chat shows in the Closed list
    expect((await api(server, 'PUT', `/api/chat/${id}`, { cookie: ann.cookie, csrf: ann.csrf, body: { status: 'resolved' } })).status).toBe(200);
    const closed = await api(server, 'GET', '/api/conversations?status=closed', { cookie: ann.cookie });
    expect(closed.body.conversations.map((c: { id: string }) => c.id)).toContain(id);
    vs.disconnect();
  });

  it("an admin cannot take over the owner's account by setting its password; a new password signs other sessions out", async () => {
    const admin = await buildAgent(server.ctx, { role: 'admin' });
    const adminSession = await login(server, admin);
    const ownerId = owner.agentId;
    const takeover = await api(server, 'PUT', `/api/agents/${ownerId}`, { cookie: adminSession.cookie, csrf: adminSession.csrf, body: { password: 'attacker password' } });
    expect(takeover.status).toBe(403);
    expect((await api(server, 'POST', '/api/auth/login', { body: { email: 'owner@example.com', password: 'attacker password' } })).status).toBe(401);

    const other = await login(server, admin); // a second device
    const changed = await api(server, 'PUT', `/api/agents/${admin.id}`, { cookie: adminSession.cookie, csrf: adminSession.csrf, body: { password: 'a brand new password' } });
    expect(changed.status).toBe(200);
    expect((await api(server, 'GET', '/api/auth/me', { cookie: other.cookie })).status).toBe(401);
    expect((await api(server, 'GET', '/api/auth/me', { cookie: adminSession.cookie })).status).toBe(200);
  });

  it('an Authorization header other than Bearer (a proxy’s Basic auth) does not hide the session', async () => {
    const r = await api(server, 'GET', '/api/auth/me', { cookie: owner.cookie, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(r.status).toBe(200);
  });

  it('seq values beyond the database integer range are a 400, not a 500', async () => {
    const site = await buildSite(server.ctx);
    const vs = await connectVisitor(server, await createVisitor(server, site.widgetKey));
    const sent = await call<{ conversation: { id: string } }>(vs, 'message', { clientId: 'big-seq-0001', body: 'x' });
    if (!sent.ok) throw new Error('send failed');
    const r = await api(server, 'GET', `/api/conversations/${sent.data.conversation.id}/messages?afterSeq=99999999999`, { cookie: owner.cookie });
    expect(r.status).toBe(400);
    const s = await call(vs, 'visitor:state', { afterSeq: 3e9 });
    expect(s.ok).toBe(false);
    vs.disconnect();
  });
});
