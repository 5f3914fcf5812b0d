import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../test/clients';
import { startTestServer, type TestServer } from '../../test/server';

describe('first start', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('without ADMIN_EMAIL the dashboard gets a setup screen that creates the owner and first site once', async () => {
    server = await startTestServer();
    expect((await api(server, 'GET', '/api/setup')).body).toEqual({ needsSetup: true });
    const bad = await api(server, 'POST', '/api/setup', { body: { name: 'Olga', email: 'olga@example.com', password: 'short', siteName: 'Shop' } });
    expect(bad.status).toBe(400);
    expect((await api(server, 'GET', '/api/setup')).body).toEqual({ needsSetup: true });

    const r = await api(server, 'POST', '/api/setup', { body: { workspaceName: 'Acme', name: 'Olga', email: 'olga@example.com', password: 'long enough pw', siteName: 'Shop', siteDomains: ['shop.example.com'] } });
    expect(r.status).toBe(201);
    expect(r.body.agent.role).toBe('owner');
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    const sites = await api(server, 'GET', '/api/sites', { cookie });
    expect(sites.body.sites.map((s: { name: string }) => s.name).sort()).toEqual(['Demo site', 'Shop']);
    const me = await api(server, 'GET', '/api/auth/me', { cookie });
    expect(me.body.workspace.name).toBe('Acme');
    // the owner sits at the dashboard: online, so the widget offers a chat, not the offline form
    expect(me.body.agent.status).toBe('online');

    const again = await api(server, 'POST', '/api/setup', { body: { name: 'Eve', email: 'eve@example.com', password: 'long enough pw', siteName: 'Evil' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_set_up');
    expect((await api(server, 'GET', '/api/setup')).body).toEqual({ needsSetup: false });
  });

  it('with ADMIN_EMAIL/ADMIN_PASSWORD the owner exists at once and /demo embeds the demo site', async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'boss password' } });
    expect((await api(server, 'GET', '/api/setup')).body).toEqual({ needsSetup: false });
    const login = await api(server, 'POST', '/api/auth/login', { body: { email: 'boss@example.com', password: 'boss password' } });
    expect(login.status).toBe(200);
    expect(login.body.agent.role).toBe('owner');
    const demo = await fetch(server.url + '/demo');
    expect(demo.status).toBe(200);
    const html = await demo.text();
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const site = (await api(server, 'GET', '/api/sites', { cookie })).body.sites.find((s: { isDemo: boolean }) => s.isDemo);
    expect(html).toContain(`data-site-key="${site.widgetKey}"`);
    expect(html).toContain('/widget.js');
  });

  it('DEMO_PAGE=false serves no demo page and creates no demo site', async () => {
    server = await startTestServer({ env: { DEMO_PAGE: 'false', ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'boss password' } });
    expect((await fetch(server.url + '/demo')).status).toBe(404);
    const login = await api(server, 'POST', '/api/auth/login', { body: { email: 'boss@example.com', password: 'boss password' } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api(server, 'GET', '/api/sites', { cookie })).body.sites).toEqual([]);
  });

  it('serves /healthz and /readyz', async () => {
    server = await startTestServer();
    expect((await api(server, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api(server, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
  });
});
