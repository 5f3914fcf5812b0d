import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, type Session } from '../../test/clients';
import { buildAgent, buildSite, defaultWorkspace } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { seedChats } from '../views/testing';

describe('global search (GET /api/search)', () => {
  let server: TestServer;
  let admin: Session;
  let agentA: Session;
  let agentB: Session;
  let siteA: string;
  const chat: Record<string, string> = {};

  const search = async (who: Session, q: string, extra = '') => {
    const r = await api(server, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`, { cookie: who.cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.results as { conversationId: string; matchedIn: string; preview: string; seq: number | null; siteName: string; at: string; visitor: { name: string | null } }[];
  };
  const found = async (who: Session, q: string, extra = '') => (await search(who, q, extra)).map((r) => Object.keys(chat).find((k) => chat[k] === r.conversationId) ?? r.conversationId);

  beforeAll(async () => {
    server = await startTestServer();
    const ws = (await defaultWorkspace(server.ctx)).id;
    siteA = (await buildSite(server.ctx, { name: 'Shop A' })).id;
    const siteB = (await buildSite(server.ctx, { name: 'Shop B' })).id;
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    agentA = await login(server, await buildAgent(server.ctx, { siteIds: [siteA] }));
    agentB = await login(server, await buildAgent(server.ctx, { siteIds: [siteB] }));
    const chats = {
      ana: { siteId: siteA, visitor: { name: 'Ana Lopez', email: 'ana.lopez@example.com', phone: '+33 6 12 34 56 78' }, messages: [{ body: 'Hi there' }] },
      refund: { siteId: siteA, messages: [{ body: 'I want a refund for order 4711 please' }, { body: 'Sure, refunding order 4711 now', senderType: 'agent' as const }] },
      note: { siteId: siteA, messages: [{ body: 'Hello' }, { body: 'Escalate to billing team', senderType: 'agent' as const, kind: 'note' as const }] },
      event: { siteId: siteA, messages: [{ body: 'Bartholomew joined the chat', senderType: 'system' as const, kind: 'event' as const }] },
      long: { siteId: siteA, messages: [{ body: `${'lorem ipsum dolor '.repeat(30)}the zebra crossing is closed ${'sit amet consectetur '.repeat(30)}` }] },
      siteB: { siteId: siteB, visitor: { name: 'Ana Secret' }, messages: [{ body: 'refund on site B' }] },
    };
    const seeded = await seedChats(
      server.ctx.db,
      Object.values(chats).map((c) => ({ workspaceId: ws, status: 'active' as const, ...c })),
    );
    Object.keys(chats).forEach((k, i) => (chat[k] = seeded[i]!.id));
  });
  afterAll(() => server.close());

  it('finds visitors by name, email (whole or any part) and phone (as written or digits)', async () => {
    expect(await found(agentA, 'ana')).toEqual(['ana']);
    expect(await found(agentA, 'Lopez')).toEqual(['ana']);
    expect(await found(agentA, 'ana.lopez@example.com')).toEqual(['ana']);
    expect(await found(agentA, 'example')).toEqual(['ana']);
    expect(await found(agentA, '+33 6 12')).toEqual(['ana']);
    expect(await found(agentA, '336123')).toEqual(['ana']);
    expect(await found(agentA, '+336123')).toEqual(['ana']);
    const [r] = await search(agentA, 'ana');
    expect(r).toMatchObject({ matchedIn: 'visitor', seq: null, siteName: 'Shop A', preview: 'Hi there', visitor: { name: 'Ana Lopez' } });
  });

  it('finds message text by word prefix as you type, all words required, one result per chat', async () => {
    expect(await found(agentA, 'refund')).toEqual(['refund']);
    expect(await found(agentA, 'ref')).toEqual(['refund']);
    expect(await found(agentA, 'REFUND 4711')).toEqual(['refund']);
    expect(await found(agentA, 'refund 9999')).toEqual([]);
    const [r] = await search(agentA, 'refunding');
    expect(r).toMatchObject({ matchedIn: 'message', seq: 2, preview: 'Sure, refunding order 4711 now', siteName: 'Shop A' });
  });

  it('includes notes, skips system events, and previews long messages around the match', async () => {
    expect(await found(agentA, 'billing')).toEqual(['note']);
    expect(await found(agentA, 'Bartholomew')).toEqual([]);
    const [r] = await search(agentA, 'zebra');
    expect(r!.preview).toContain('the zebra crossing is closed');
    expect(r!.preview.length).toBeLessThanOrEqual(162);
    expect(r!.preview.startsWith('…')).toBe(true);
  });

  it('orders results newest first and honours the limit', async () => {
    const all = await search(admin, 'refund');
    expect(all.map((r) => r.conversationId)).toEqual([chat.siteB, chat.refund]);
    expect([...all.map((r) => r.at)].sort().reverse()).toEqual(all.map((r) => r.at));
    expect(await found(admin, 'refund', '&limit=1')).toEqual(['siteB']);
  });

  it('keeps agents to their own sites', async () => {
    expect(await found(agentA, 'refund')).toEqual(['refund']);
    expect(await found(agentB, 'refund')).toEqual(['siteB']);
    expect(await found(agentB, 'ana')).toEqual(['siteB']);
    expect(await found(agentB, 'lopez')).toEqual([]);
    expect(await found(agentB, 'billing')).toEqual([]);
  });

  it('treats tsquery syntax as plain text and answers nothing when no word is left', async () => {
    expect(await found(agentA, "refund & | ! ( ) : * < > ' \\")).toEqual(['refund']);
    expect(await found(agentA, "ref:* | !'")).toEqual(['refund']);
    expect(await search(agentA, '&&& :* !!')).toEqual([]);
    expect(await search(agentA, '—')).toEqual([]);
  });

  it('rejects an empty or oversized query with 400 and needs a session', async () => {
    for (const q of ['q=', 'q=%20%20', `q=${'a'.repeat(201)}`, 'q=x&limit=0', 'q=x&limit=51', '']) {
      const r = await api(server, 'GET', `/api/search?${q}`, { cookie: agentA.cookie });
      expect(r.status, q).toBe(400);
    }
    expect((await api(server, 'GET', '/api/search?q=ana')).status).toBe(401);
  });
});
