import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type Session } from '../../test/clients';
import { buildAgent } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

describe('admin settings: sites, agents, assignment', () => {
  let server: TestServer;
  let owner: Session;
  beforeAll(async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'owner password' } });
    owner = await login(server, { email: 'owner@example.com', password: 'owner password' });
  });
  afterAll(() => server.close());

  it('creates a site with domains and widget settings and returns its embed snippet', async () => {
    const r = await api(server, 'POST', '/api/sites', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'Shop', domains: ['shop.example.com', '*.example.org'], settings: { color: '#ff0066', position: 'left', welcomeText: 'Hey!' } } });
    expect(r.status).toBe(201);
    expect(r.body.site).toMatchObject({ name: 'Shop', domains: ['shop.example.com', '*.example.org'], settings: { color: '#ff0066', position: 'left', welcomeText: 'Hey!', title: 'Chat with us' } });
    expect(r.body.site.snippet).toBe(`<script src="${server.url}/widget.js" data-site-key="${r.body.site.widgetKey}" async></script>`);
    const bad = await api(server, 'POST', '/api/sites', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'Bad', domains: ['https://not a domain'] } });
    expect(bad.status).toBe(400);
    const badColor = await api(server, 'PUT', `/api/sites/${r.body.site.id}`, { cookie: owner.cookie, csrf: owner.csrf, body: { settings: { color: 'red' } } });
    expect(badColor.status).toBe(400);
    const upd = await api(server, 'PUT', `/api/sites/${r.body.site.id}`, { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'Shop 2', settings: { title: 'Help' } } });
    expect(upd.body.site).toMatchObject({ name: 'Shop 2', settings: { color: '#ff0066', title: 'Help' } });
  });

  it('creates agents assigned to sites; agents see only their sites and conversations', async () => {
    const siteA = (await api(server, 'POST', '/api/sites', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'A', domains: ['127.0.0.1'] } })).body.site;
    const siteB = (await api(server, 'POST', '/api/sites', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'B', domains: ['127.0.0.1'] } })).body.site;
    const created = await api(server, 'POST', '/api/agents', {
      cookie: owner.cookie,
      csrf: owner.csrf,
      body: { name: 'Carla Diaz', email: 'carla@example.com', password: 'carla password', pseudoName: 'Carla', avatarUrl: 'https://example.com/c.png', role: 'agent', siteIds: [siteA.id] },
    });
    expect(created.status).toBe(201);
    expect(created.body.agent).toMatchObject({ name: 'Carla Diaz', pseudoName: 'Carla', role: 'agent', siteIds: [siteA.id] });
    expect(created.body.agent).not.toHaveProperty('passwordHash');
    const dup = await api(server, 'POST', '/api/agents', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'X', email: 'carla@example.com', password: 'another password' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('email_taken');
    const foreignSite = await api(server, 'POST', '/api/agents', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'Y', email: 'y@example.com', password: 'another password', siteIds: ['00000000-0000-7000-8000-000000000000'] } });
    expect(foreignSite.status).toBe(400);

    const carla = await login(server, { email: 'carla@example.com', password: 'carla password' });
    const sites = await api(server, 'GET', '/api/sites', { cookie: carla.cookie });
    expect(sites.body.sites.map((s: { id: string }) => s.id)).toEqual([siteA.id]);
    expect((await api(server, 'GET', `/api/sites/${siteB.id}`, { cookie: carla.cookie })).status).toBe(404);
    expect((await api(server, 'POST', '/api/sites', { cookie: carla.cookie, csrf: carla.csrf, body: { name: 'Mine' } })).status).toBe(403);
    expect((await api(server, 'POST', '/api/agents', { cookie: carla.cookie, csrf: carla.csrf, body: { name: 'Z', email: 'z@example.com', password: 'zzzzzzzzzz' } })).status).toBe(403);

    // a chat on site B is invisible to Carla until she is assigned to B, live
    const carlaSocket = await connectAgent(server, carla);
    const events = record(carlaSocket, ['message']);
    const v = await createVisitor(server, siteB.widgetKey);
    const vs = await connectVisitor(server, v);
    await call(vs, 'message', { clientId: 'site-b-00001', body: 'on site B' });
    const waiting = await api(server, 'GET', '/api/conversations?status=waiting', { cookie: carla.cookie });
    expect(waiting.body.conversations).toEqual([]);
    const moved = await api(server, 'PUT', `/api/agents/${carla.agentId}`, { cookie: owner.cookie, csrf: owner.csrf, body: { siteIds: [siteA.id, siteB.id] } });
    expect(moved.body.agent.siteIds.sort()).toEqual([siteA.id, siteB.id].sort());
    await new Promise((r) => setTimeout(r, 100));
    await call(vs, 'message', { clientId: 'site-b-00002', body: 'now you see me' });
    await eventually(() => events.find((x) => x.e.data.body === 'now you see me'), 'message after assignment');
    expect(events.find((x) => x.e.data.body === 'on site B')).toBeUndefined();
    expect((await api(server, 'GET', '/api/conversations?status=waiting', { cookie: carla.cookie })).body.conversations).toHaveLength(1);
    vs.disconnect();
    carlaSocket.disconnect();
  });

  it('disabling an agent ends their sessions', async () => {
    const a = await buildAgent(server.ctx);
    const s = await login(server, a);
    expect((await api(server, 'DELETE', `/api/agents/${a.id}`, { cookie: owner.cookie, csrf: owner.csrf })).status).toBe(204);
    expect((await api(server, 'GET', '/api/auth/me', { cookie: s.cookie })).status).toBe(401);
    expect((await api(server, 'POST', '/api/auth/login', { body: { email: a.email, password: a.password } })).status).toBe(401);
    const list = await api(server, 'GET', '/api/agents', { cookie: owner.cookie });
    expect(list.body.agents.find((x: { id: string }) => x.id === a.id)).toBeUndefined();
  });

  it('managers read all sites but cannot take chats; agents can change only their own profile', async () => {
    const mgr = await login(server, await buildAgent(server.ctx, { role: 'manager' }));
    const siteCount = (await api(server, 'GET', '/api/sites', { cookie: owner.cookie })).body.sites.length;
    expect((await api(server, 'GET', '/api/sites', { cookie: mgr.cookie })).body.sites).toHaveLength(siteCount);
    const site = (await api(server, 'GET', '/api/sites', { cookie: owner.cookie })).body.sites[0];
    const vs = await connectVisitor(server, await createVisitor(server, site.widgetKey));
    const sent = await call<{ conversation: { id: string } }>(vs, 'message', { clientId: 'mgr-0000001', body: 'hello' });
    if (!sent.ok) throw new Error('send failed');
    const take = await api(server, 'POST', `/api/conversations/${sent.data.conversation.id}/accept`, { cookie: mgr.cookie, csrf: mgr.csrf });
    expect(take.status).toBe(403);
    vs.disconnect();
    const agent = await buildAgent(server.ctx);
    const as = await login(server, agent);
    expect((await api(server, 'PUT', `/api/agents/${agent.id}`, { cookie: as.cookie, csrf: as.csrf, body: { pseudoName: 'Sunny' } })).body.agent.pseudoName).toBe('Sunny');
    expect((await api(server, 'PUT', `/api/agents/${agent.id}`, { cookie: as.cookie, csrf: as.csrf, body: { role: 'admin' } })).status).toBe(403);
    expect((await api(server, 'PUT', `/api/agents/${owner.agentId}`, { cookie: as.cookie, csrf: as.csrf, body: { pseudoName: 'Hacked' } })).status).toBe(403);
  });
});
