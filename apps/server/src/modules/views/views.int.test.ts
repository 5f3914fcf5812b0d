import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedViews } from '../../db/schema';
import { api, login, type Session } from '../../test/clients';
import { buildAgent, buildSite, defaultWorkspace } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { seedChats } from './testing';

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted || (ch !== ',' && ch !== '\r')) cell += ch;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else {
      expect(text[++i], 'CR is followed by LF').toBe('\n');
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    }
  }
  expect(cell === '' && row.length === 0, 'ends with CRLF').toBe(true);
  return rows;
}

const objects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]!])));

describe('saved views and CSV export', () => {
  let server: TestServer;
  let ws: string;
  let admin: Session;
  let agentA: Session;
  let agentB: Session;
  let siteA: string;
  let siteB: string;

  const csv = async (who: Session, query: string) => {
    const res = await fetch(`${server.url}/api/conversations/export.csv?${query}`, { headers: { cookie: who.cookie } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  beforeAll(async () => {
    server = await startTestServer();
    ws = (await defaultWorkspace(server.ctx)).id;
    siteA = (await buildSite(server.ctx, { name: 'Shop "A", Inc' })).id;
    siteB = (await buildSite(server.ctx, { name: 'Shop B' })).id;
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    agentA = await login(server, await buildAgent(server.ctx, { siteIds: [siteA], name: 'Alice Agent' }));
    agentB = await login(server, await buildAgent(server.ctx, { siteIds: [siteB] }));
  });
  afterAll(() => server.close());

  describe('saved views', () => {
    const body = { name: 'My refunds', filters: { status: 'closed', agent: 'mine', tag: 'refund', datePreset: '7d' } };

    it('saves, lists and deletes an agent’s own views', async () => {
      const created = await api(server, 'POST', '/api/views', { cookie: agentA.cookie, csrf: agentA.csrf, body });
      expect(created.status).toBe(201);
      expect(created.body.view).toMatchObject({ name: 'My refunds', filters: { status: 'closed', agent: 'mine', tag: 'refund', datePreset: '7d' } });
      const second = await api(server, 'POST', '/api/views', { cookie: agentA.cookie, csrf: agentA.csrf, body: { name: 'Waiting on A', filters: { siteIds: [siteA] } } });
      expect(second.body.view.filters).toEqual({ status: 'waiting', siteIds: [siteA] });
      const mine = await api(server, 'GET', '/api/views', { cookie: agentA.cookie });
      expect(mine.body.views.map((v: { name: string }) => v.name)).toEqual(['My refunds', 'Waiting on A']);
      expect((await api(server, 'DELETE', `/api/views/${created.body.view.id}`, { cookie: agentA.cookie, csrf: agentA.csrf })).status).toBe(204);
      expect((await api(server, 'GET', '/api/views', { cookie: agentA.cookie })).body.views.map((v: { name: string }) => v.name)).toEqual(['Waiting on A']);
    });

    it('keeps views private: another agent neither sees nor deletes them', async () => {
      const created = await api(server, 'POST', '/api/views', { cookie: agentA.cookie, csrf: agentA.csrf, body: { ...body, name: 'Private' } });
      expect((await api(server, 'GET', '/api/views', { cookie: agentB.cookie })).body.views).toEqual([]);
      expect((await api(server, 'DELETE', `/api/views/${created.body.view.id}`, { cookie: agentB.cookie, csrf: agentB.csrf })).status).toBe(404);
      expect((await api(server, 'DELETE', `/api/views/${created.body.view.id}`, { cookie: admin.cookie, csrf: admin.csrf })).status).toBe(404);
      expect((await api(server, 'GET', '/api/views', { cookie: agentA.cookie })).body.views.map((v: { name: string }) => v.name)).toContain('Private');
    });

    it('rejects bad input and missing CSRF without storing anything', async () => {
      const before = (await server.ctx.db.select().from(savedViews)).length;
      for (const bad of [{ name: '', filters: {} }, { name: 'x', filters: { status: 'open' } }, { name: 'x', filters: { siteIds: ['nope'] } }, { name: 'x' }, { name: 'x'.repeat(500), filters: {} }]) {
        const r = await api(server, 'POST', '/api/views', { cookie: agentA.cookie, csrf: agentA.csrf, body: bad });
        expect(r.status, JSON.stringify(bad)).toBe(400);
      }
      expect((await api(server, 'POST', '/api/views', { cookie: agentA.cookie, body })).status).toBe(403);
      expect((await api(server, 'POST', '/api/views', { body })).status).toBe(401);
      expect((await api(server, 'DELETE', '/api/views/not-a-uuid', { cookie: agentA.cookie, csrf: agentA.csrf })).status).toBe(400);
      expect((await server.ctx.db.select().from(savedViews)).length).toBe(before);
    });
  });

  describe('GET /api/conversations/export.csv', () => {
    let chatA: string;
    let emptyChat: string;

    beforeAll(async () => {
      const seeded = await seedChats(server.ctx.db, [
        {
          workspaceId: ws,
          siteId: siteA,
          status: 'closed',
          assignedAgentId: agentA.agentId,
          tags: ['refund', 'vip'],
          priority: 'high',
          visitor: { name: '=cmd|"/c calc"!A1', email: 'ann@example.com', phone: '+1 555 0100' },
          messages: [
            { body: 'Hello, I have "two" lines\r\nsecond line' },
            { body: '@SUM(1+1)', senderType: 'agent', senderName: 'Alice' },
            { body: 'Customer is VIP, be nice', senderType: 'agent', senderName: 'Alice', kind: 'note' },
            { body: 'Alice joined the chat', senderType: 'system', kind: 'event' },
          ],
        },
        { workspaceId: ws, siteId: siteA, status: 'closed', tags: ['other'] },
        { workspaceId: ws, siteId: siteB, status: 'closed', tags: ['refund'], messages: [{ body: 'site B secret' }] },
      ]);
      chatA = seeded[0]!.id;
      emptyChat = seeded[1]!.id;
    });

    it('streams one escaped row per message, notes marked, with a dated attachment name', async () => {
      const r = await csv(admin, `status=closed&siteIds=${siteA}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(r.headers.get('content-disposition')).toBe(`attachment; filename="parley-conversations-${new Date().toISOString().slice(0, 10)}.csv"`);
      const rows = parseCsv(r.text);
      expect(rows[0]).toEqual(['conversation_id', 'site', 'status', 'priority', 'tags', 'created_at', 'closed_at', 'assigned_agent', 'visitor_name', 'visitor_email', 'visitor_phone', 'message_at', 'sender_type', 'sender_name', 'kind', 'body']);
      const recs = objects(rows);
      const a = recs.filter((x) => x.conversation_id === chatA);
      expect(a.map((x) => [x.sender_type, x.kind, x.body])).toEqual([
        ['visitor', 'text', 'Hello, I have "two" lines\r\nsecond line'],
        ['agent', 'text', "'@SUM(1+1)"],
        ['agent', 'note', 'Customer is VIP, be nice'],
        ['system', 'event', 'Alice joined the chat'],
      ]);
      expect(a[0]).toMatchObject({ site: 'Shop "A", Inc', status: 'closed', priority: 'high', tags: 'refund; vip', assigned_agent: 'Alice Agent', visitor_name: '\'=cmd|"/c calc"!A1', visitor_email: 'ann@example.com', visitor_phone: "'+1 555 0100" });
      expect(new Date(a[0]!.message_at!).getTime()).toBeLessThan(new Date(a[1]!.message_at!).getTime());
      // A chat without messages is still exported, as one row with empty message fields.
      expect(recs.filter((x) => x.conversation_id === emptyChat).map((x) => [x.body, x.message_at, x.kind])).toEqual([['', '', '']]);
      expect(recs.some((x) => x.body === 'site B secret')).toBe(false);
    });

    it('applies the list filters and the agent’s site scope', async () => {
      expect(objects(parseCsv((await csv(admin, 'status=closed&tag=refund')).text)).map((x) => x.site).sort()).toEqual(['Shop "A", Inc', 'Shop "A", Inc', 'Shop "A", Inc', 'Shop "A", Inc', 'Shop B']);
      const b = objects(parseCsv((await csv(agentB, 'status=all')).text));
      expect(b.map((x) => x.body)).toEqual(['site B secret']);
      expect(objects(parseCsv((await csv(agentB, `status=all&siteIds=${siteA}`)).text))).toEqual([]);
      expect((await csv(agentA, 'status=bogus')).status).toBe(400);
      expect((await fetch(`${server.url}/api/conversations/export.csv`)).status).toBe(401);
    });

    it('exports a large set completely, across conversation batches and message pages', async () => {
      const site = (await buildSite(server.ctx, { name: 'Big' })).id;
      const chats = Array.from({ length: 2000 }, (_, i) => ({
        workspaceId: ws,
        siteId: site,
        status: 'closed' as const,
        visitor: { name: `Visitor ${i}` },
        messages: i % 10 === 0 ? [] : [{ body: `question ${i}` }, { body: `answer ${i}`, senderType: 'agent' as const }],
      }));
      // One long chat, so a conversation's messages span more than one page.
      chats[1234]!.messages = Array.from({ length: 2500 }, (_, j) => ({ body: `long ${j}` }));
      await seedChats(server.ctx.db, chats);
      const r = await csv(admin, `status=closed&siteIds=${site}`);
      const recs = objects(parseCsv(r.text));
      expect(recs).toHaveLength(200 + 1799 * 2 + 2500);
      expect(new Set(recs.map((x) => x.conversation_id)).size).toBe(2000);
      const long = recs.filter((x) => x.visitor_name === 'Visitor 1234').map((x) => x.body);
      expect(long).toEqual(Array.from({ length: 2500 }, (_, j) => `long ${j}`));
      // newest chat first, each chat's rows together
      expect(recs[0]!.visitor_name).toBe('Visitor 1999');
      expect(recs.at(-1)!.visitor_name).toBe('Visitor 0');
    });
  });
});
