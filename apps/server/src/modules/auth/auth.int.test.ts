import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../../test/clients';
import { buildAgent } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

describe('agent authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '4' } });
  });
  afterAll(() => server.close());

  it('logs in with the right password and answers { agent, csrfToken } with an httpOnly session cookie', async () => {
    const agent = await buildAgent(server.ctx, { email: 'ann@example.com' });
    const r = await api(server, 'POST', '/api/auth/login', { body: { email: 'ANN@example.com', password: agent.password } });
    expect(r.status).toBe(200);
    expect(r.body.agent.email).toBe('ann@example.com');
    expect(r.body.agent.status).toBe('online');
    expect(r.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/parley_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await api(server, 'GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(me.body.agent.id).toBe(agent.id);
  });

  it('refuses a wrong password with 401 invalid_credentials and no cookie', async () => {
    const agent = await buildAgent(server.ctx);
    const r = await api(server, 'POST', '/api/auth/login', { body: { email: agent.email, password: 'wrong password!' } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_credentials');
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('answers malformed login bodies with 400', async () => {
    const r = await api(server, 'POST', '/api/auth/login', { body: { email: 'not-an-email', password: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    const broken = await api(server, 'POST', '/api/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
  });

  it('rate-limits repeated login attempts for one account', async () => {
    const agent = await buildAgent(server.ctx);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(server, 'POST', '/api/auth/login', { body: { email: agent.email, password: 'nope-nope' } })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const r = await api(server, 'POST', '/api/auth/login', { body: { email: agent.email, password: agent.password } });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limited');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const agent = await buildAgent(server.ctx);
    const s = await login(server, agent);
    const without = await api(server, 'PUT', '/api/me/status', { cookie: s.cookie, body: { status: 'away' } });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_failed');
    const wrong = await api(server, 'PUT', '/api/me/status', { cookie: s.cookie, csrf: 'x'.repeat(32), body: { status: 'away' } });
    expect(wrong.status).toBe(403);
    const ok = await api(server, 'PUT', '/api/me/status', { cookie: s.cookie, csrf: s.csrf, body: { status: 'away' } });
    expect(ok.status).toBe(200);
    expect(ok.body.agent.status).toBe('away');
    const bad = await api(server, 'PUT', '/api/me/status', { cookie: s.cookie, csrf: s.csrf, body: { status: 'sleeping' } });
    expect(bad.status).toBe(400);
  });

  it('logout revokes the session server-side', async () => {
    const agent = await buildAgent(server.ctx);
    const s = await login(server, agent);
    expect((await api(server, 'POST', '/api/auth/logout', { cookie: s.cookie, csrf: s.csrf })).status).toBe(204);
    const me = await api(server, 'GET', '/api/auth/me', { cookie: s.cookie });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });
});
