import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannedResponses } from '../../db/schema';
import { api, login, type Session } from '../../test/clients';
import { buildAgent } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

describe('canned responses (/api/canned-responses)', () => {
  let server: TestServer;
  let admin: Session;
  let manager: Session;
  let alice: Session;
  let bob: Session;

  const call = (who: Session, method: string, path: string, body?: unknown) => api(server, method, `/api/canned-responses${path}`, { cookie: who.cookie, csrf: who.csrf, body });
  const create = async (who: Session, body: Record<string, unknown>) => {
    const r = await call(who, 'POST', '', { title: 'T', body: 'Hello {{visitor.name}}', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.response as { id: string; shortcut: string; shared: boolean; ownerAgentId: string | null; usageCount: number };
  };
  const list = async (who: Session) => (await call(who, 'GET', '')).body.responses as { id: string; title: string; shortcut: string; usageCount: number }[];
  const count = async () => (await server.ctx.db.select().from(cannedResponses)).length;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    manager = await login(server, await buildAgent(server.ctx, { role: 'manager' }));
    alice = await login(server, await buildAgent(server.ctx));
    bob = await login(server, await buildAgent(server.ctx));
  });
  afterAll(() => server.close());

  it('lets admins and managers share responses with everybody; agents keep personal ones', async () => {
    const shared = await create(manager, { title: 'Greeting', shortcut: 'Hi', shared: true, category: 'General' });
    expect(shared).toMatchObject({ shortcut: 'hi', shared: true, ownerAgentId: null, usageCount: 0, category: 'General' });
    const personal = await create(alice, { title: 'My sign-off', shortcut: 'bye' });
    expect(personal).toMatchObject({ shared: false, ownerAgentId: alice.agentId });
    expect((await list(alice)).map((r) => r.shortcut)).toEqual(expect.arrayContaining(['hi', 'bye']));
    expect((await list(bob)).map((r) => r.shortcut)).toContain('hi');
    expect((await list(bob)).map((r) => r.shortcut)).not.toContain('bye');
    expect((await list(admin)).map((r) => r.shortcut)).not.toContain('bye');
  });

  it('forbids agents to create, edit or delete shared responses, changing nothing', async () => {
    const shared = await create(admin, { title: 'Hours', shortcut: 'hours', shared: true });
    const before = await count();
    expect((await call(alice, 'POST', '', { title: 'X', shortcut: 'x', body: 'x', shared: true })).status).toBe(403);
    expect((await call(alice, 'PATCH', `/${shared.id}`, { body: 'changed' })).status).toBe(403);
    expect((await call(alice, 'DELETE', `/${shared.id}`)).status).toBe(403);
    const mine = await create(alice, { title: 'Mine', shortcut: 'mine' });
    expect((await call(alice, 'PATCH', `/${mine.id}`, { shared: true })).status).toBe(403);
    expect(await count()).toBe(before + 1);
    expect((await list(bob)).find((r) => r.id === shared.id)).toMatchObject({ title: 'Hours' });
    expect((await list(bob)).some((r) => r.id === mine.id)).toBe(false);
    // managers may edit and delete shared ones
    expect((await call(manager, 'PATCH', `/${shared.id}`, { title: 'Opening hours' })).body.response.title).toBe('Opening hours');
    expect((await call(manager, 'DELETE', `/${shared.id}`)).status).toBe(204);
    expect((await list(bob)).some((r) => r.id === shared.id)).toBe(false);
  });

  it("hides someone else's personal response: 404 to use, edit or delete it, even for an admin", async () => {
    const secret = await create(alice, { title: 'Secret', shortcut: 'secret', body: 'my text' });
    for (const who of [bob, admin]) {
      expect((await call(who, 'PATCH', `/${secret.id}`, { title: 'pwned' })).status).toBe(404);
      expect((await call(who, 'DELETE', `/${secret.id}`)).status).toBe(404);
      expect((await call(who, 'POST', `/${secret.id}/use`)).status).toBe(404);
    }
    expect((await list(alice)).find((r) => r.id === secret.id)).toMatchObject({ title: 'Secret', usageCount: 0 });
    expect((await call(alice, 'PATCH', `/${secret.id}`, { title: 'Still mine', category: null })).body.response).toMatchObject({ title: 'Still mine', category: null });
    expect((await call(alice, 'DELETE', `/${secret.id}`)).status).toBe(204);
    expect((await call(alice, 'DELETE', `/${secret.id}`)).status).toBe(404);
  });

  it('keeps shortcuts unique within the shared set and within each agent’s own set', async () => {
    await create(admin, { title: 'Thanks', shortcut: 'thanks', shared: true });
    const dup = await call(manager, 'POST', '', { title: 'Thanks again', shortcut: 'THANKS', body: 'x', shared: true });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    expect(dup.body.error.message).toContain('/thanks');
    // a personal one may reuse a shared shortcut, and two agents may use the same one
    await create(alice, { title: 'My thanks', shortcut: 'thanks' });
    await create(bob, { title: 'Bob thanks', shortcut: 'thanks' });
    expect((await call(alice, 'POST', '', { title: 'Again', shortcut: 'thanks', body: 'x' })).status).toBe(409);
    // renaming onto a taken shortcut, or sharing into a taken one, conflicts too
    const other = await create(alice, { title: 'Other', shortcut: 'other' });
    expect((await call(alice, 'PATCH', `/${other.id}`, { shortcut: 'thanks' })).status).toBe(409);
    const mgr = await create(manager, { title: 'Mgr', shortcut: 'thanks' });
    expect((await call(manager, 'PATCH', `/${mgr.id}`, { shared: true })).status).toBe(409);
    expect((await call(alice, 'PATCH', `/${other.id}`, { title: 'Other renamed' })).status).toBe(200);
  });

  it('counts uses and lists the most used first, then by title', async () => {
    const a = await create(bob, { title: 'b-second', shortcut: 'u1' });
    const b = await create(bob, { title: 'A-first', shortcut: 'u2' });
    const c = await create(bob, { title: 'popular', shortcut: 'u3' });
    for (let i = 0; i < 3; i++) expect((await call(bob, 'POST', `/${c.id}/use`)).status).toBe(200);
    const used = await call(bob, 'POST', `/${b.id}/use`);
    expect(used.body.response.usageCount).toBe(1);
    const mine = (await list(bob)).filter((r) => [a.id, b.id, c.id].includes(r.id));
    expect(mine.map((r) => [r.title, r.usageCount])).toEqual([
      ['popular', 3],
      ['A-first', 1],
      ['b-second', 0],
    ]);
    const all = await list(bob);
    expect(all.map((r) => r.usageCount)).toEqual([...all.map((r) => r.usageCount)].sort((x, y) => y - x));
  });

  it('rejects bad input with 400 and missing CSRF with 403, storing nothing', async () => {
    const before = await count();
    for (const bad of [
      { title: 'x', shortcut: 'has space', body: 'x' },
      { title: 'x', shortcut: '/slash', body: 'x' },
      { title: '', shortcut: 'ok', body: 'x' },
      { title: 'x', shortcut: 'ok', body: '   ' },
      { title: 'x', shortcut: 'ok', body: 'x'.repeat(10_001) },
      { title: 'x', shortcut: 'ok', body: 'x', shared: 'yes' },
    ]) {
      const r = await call(alice, 'POST', '', bad);
      expect(r.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    const mine = await create(alice, { title: 'Valid', shortcut: 'valid' });
    expect((await call(alice, 'PATCH', `/${mine.id}`, {})).status).toBe(400);
    expect((await call(alice, 'PATCH', `/${mine.id}`, { shortcut: 'no good' })).status).toBe(400);
    expect((await call(alice, 'PATCH', '/not-an-id', { title: 'x' })).status).toBe(400);
    expect((await api(server, 'POST', '/api/canned-responses', { cookie: alice.cookie, body: { title: 'x', shortcut: 'x', body: 'x' } })).status).toBe(403);
    expect((await api(server, 'GET', '/api/canned-responses')).status).toBe(401);
    expect(await count()).toBe(before + 1);
    expect((await list(alice)).find((r) => r.id === mine.id)).toMatchObject({ title: 'Valid', shortcut: 'valid' });
  });
});
