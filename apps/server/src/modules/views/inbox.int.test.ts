import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationParticipants, departments } from '../../db/schema';
import { newId } from '../../ids';
import { api, login, type Session } from '../../test/clients';
import { buildAgent, buildSite, defaultWorkspace } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { seedChats } from './testing';

/** GET /api/conversations: every InboxQuery filter, the orderings, keyset paging and site scope. */
describe('inbox lists (GET /api/conversations)', () => {
  let server: TestServer;
  let admin: Session;
  let agentA: Session;
  let agentB: Session;
  let siteA: string;
  let siteB: string;
  let dept: string;
  const ids: Record<string, string> = {};
  const day = (d: number, h = 12) => new Date(Date.UTC(2025, 5, d, h));

  const list = async (who: Session, query: string) => {
    const r = await api(server, 'GET', `/api/conversations?${query}`, { cookie: who.cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { conversations: { id: string; cursor?: string; [k: string]: unknown }[]; nextCursor: string | null };
  };
  const names = async (who: Session, query: string) => (await list(who, query)).conversations.map((c) => Object.keys(ids).find((k) => ids[k] === c.id) ?? c.id);

  beforeAll(async () => {
    server = await startTestServer();
    const ws = (await defaultWorkspace(server.ctx)).id;
    siteA = (await buildSite(server.ctx, { name: 'Shop A' })).id;
    siteB = (await buildSite(server.ctx, { name: 'Shop B' })).id;
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    agentA = await login(server, await buildAgent(server.ctx, { siteIds: [siteA] }));
    agentB = await login(server, await buildAgent(server.ctx, { siteIds: [siteB] }));
    const other = await buildAgent(server.ctx, { siteIds: [siteA] });
    dept = newId();
    await server.ctx.db.insert(departments).values({ id: dept, workspaceId: ws, name: 'Billing' });

    const chats = {
      waitA1: { siteId: siteA, status: 'queued', createdAt: day(1, 9), visitor: { name: 'Early', email: 'early@example.com' } },
      waitA2: { siteId: siteA, status: 'queued', createdAt: day(1, 10), departmentId: dept },
      waitB: { siteId: siteB, status: 'queued', createdAt: day(1, 8) },
      actMine: { siteId: siteA, status: 'active', assignedAgentId: agentA.agentId, createdAt: day(2), messages: [{ body: 'hi' }] },
      actJoined: { siteId: siteA, status: 'active', assignedAgentId: other.id, createdAt: day(3), messages: [{ body: 'a' }, { body: 'b' }] },
      actLeft: { siteId: siteA, status: 'active', assignedAgentId: other.id, createdAt: day(1, 11), messages: [{ body: 'c' }] },
      closed1: { siteId: siteA, status: 'closed', createdAt: day(4), closedAt: day(20), tags: ['refund', 'vip'], priority: 'high', visitor: { phone: '+1 555 0100' } },
      closed2: { siteId: siteA, status: 'resolved', createdAt: day(5), closedAt: day(21), tags: ['refund'], assignedAgentId: agentA.agentId },
      closed3: { siteId: siteA, status: 'closed', createdAt: day(6), closedAt: day(21), priority: 'urgent', departmentId: dept },
      closed4: { siteId: siteA, status: 'closed', createdAt: day(7), closedAt: day(22), visitor: { email: 'x@example.com' } },
      closed5: { siteId: siteA, status: 'closed', createdAt: day(8), closedAt: day(21) },
      closedB: { siteId: siteB, status: 'closed', createdAt: day(9), closedAt: day(23), tags: ['refund'] },
    } as const;
    const seeded = await seedChats(
      server.ctx.db,
      Object.values(chats).map((c) => ({ workspaceId: ws, ...c })),
    );
    Object.keys(chats).forEach((k, i) => (ids[k] = seeded[i]!.id));
    await server.ctx.db.insert(conversationParticipants).values([
      { workspaceId: ws, conversationId: ids.actJoined!, agentId: agentA.agentId },
      { workspaceId: ws, conversationId: ids.actLeft!, agentId: agentA.agentId, leftAt: new Date() },
    ]);
  });
  afterAll(() => server.close());

  it('orders each status list: waiting oldest first, active by last activity, closed by closing time, all newest first', async () => {
    expect(await names(admin, 'status=waiting')).toEqual(['waitB', 'waitA1', 'waitA2']);
    expect(await names(admin, 'status=active')).toEqual(['actJoined', 'actMine', 'actLeft']);
    // closed2, closed3 and closed5 closed at the same instant: id (creation order) breaks the tie
    expect(await names(admin, 'status=closed')).toEqual(['closedB', 'closed4', 'closed5', 'closed3', 'closed2', 'closed1']);
    const all = await names(admin, 'status=all');
    expect(all.slice(0, 3)).toEqual(['closedB', 'closed5', 'closed4']);
    expect(all).toHaveLength(12);
  });

  it('shows an agent only the sites they serve, whatever the filters ask for', async () => {
    expect(await names(agentA, 'status=waiting')).toEqual(['waitA1', 'waitA2']);
    expect(await names(agentB, 'status=all')).toEqual(['closedB', 'waitB']);
    expect(await names(agentB, `status=all&siteIds=${siteA}`)).toEqual([]);
    expect(await names(agentB, `status=all&siteId=${siteA}`)).toEqual([]);
    expect(await names(agentB, `status=closed&visitorId=${(await list(admin, 'status=closed')).conversations.at(-1)!.visitorId}`)).toEqual([]);
  });

  it('filters by site (several or one)', async () => {
    expect(await names(admin, `status=waiting&siteIds=${siteA},${siteB}`)).toEqual(['waitB', 'waitA1', 'waitA2']);
    expect(await names(admin, `status=waiting&siteIds=${siteB}`)).toEqual(['waitB']);
    expect(await names(admin, `status=waiting&siteId=${siteA}`)).toEqual(['waitA1', 'waitA2']);
  });

  it('filters by agent: mine (assigned or joined and still in), unassigned, or one agent', async () => {
    expect(await names(agentA, 'status=active&agent=mine')).toEqual(['actJoined', 'actMine']);
    expect(await names(agentA, 'status=all&agent=mine')).toEqual(['closed2', 'actJoined', 'actMine']);
    expect(await names(admin, 'status=waiting&agent=unassigned')).toEqual(['waitB', 'waitA1', 'waitA2']);
    expect(await names(admin, `status=all&agent=${agentA.agentId}`)).toEqual(['closed2', 'actMine']);
  });

  it('filters by department, creation date range, lead status, tag, priority and visitor', async () => {
    expect(await names(admin, `status=all&departmentId=${dept}`)).toEqual(['closed3', 'waitA2']);
    expect(await names(admin, `status=closed&from=${day(5).toISOString()}&to=${day(8).toISOString()}`)).toEqual(['closed4', 'closed3', 'closed2']);
    expect(await names(admin, `status=all&from=${encodeURIComponent('2025-06-09T12:00:00+00:00')}`)).toEqual(['closedB']);
    expect(await names(admin, 'status=all&leadStatus=filled')).toEqual(['closed4', 'closed1', 'waitA1']);
    expect((await names(admin, 'status=all&leadStatus=pending')).sort()).toEqual(Object.keys(ids).filter((k) => !['closed4', 'closed1', 'waitA1'].includes(k)).sort());
    expect(await names(admin, 'status=closed&tag=refund')).toEqual(['closedB', 'closed2', 'closed1']);
    expect(await names(admin, 'status=closed&tag=VIP')).toEqual(['closed1']);
    expect(await names(admin, 'status=all&priority=urgent')).toEqual(['closed3']);
    const c1 = (await list(admin, 'status=closed&tag=vip')).conversations[0]!;
    expect(await names(admin, `status=all&visitorId=${c1.visitorId}`)).toEqual(['closed1']);
    expect(await names(admin, 'status=closed&tag=refund&priority=high&leadStatus=filled')).toEqual(['closed1']);
  });

  it('pages with opaque cursors, each row once, in order, and says when the list ends', async () => {
    for (const status of ['closed', 'all', 'active', 'waiting']) {
      const full = await names(admin, `status=${status}`);
      const seen: string[] = [];
      let before = '';
      for (let i = 0; i < 20; i++) {
        const page = await list(admin, `status=${status}&limit=2${before}`);
        seen.push(...page.conversations.map((c) => Object.keys(ids).find((k) => ids[k] === c.id)!));
        expect(page.conversations.every((c) => typeof c.cursor === 'string')).toBe(true);
        if (!page.nextCursor) break;
        expect(page.nextCursor).toBe(page.conversations.at(-1)!.cursor);
        before = `&before=${encodeURIComponent(page.nextCursor)}`;
      }
      expect(seen, status).toEqual(full);
    }
    const short = await list(admin, 'status=closed&limit=50');
    expect(short.nextCursor).toBeNull();
  });

  it('rejects bad filters with 400 and asks for a session', async () => {
    for (const q of ['status=open', 'siteIds=nope', 'agent=someone', 'limit=0', 'limit=1000', 'from=yesterday', 'leadStatus=maybe', 'priority=meh', 'before=not-a-cursor', `before=${Buffer.from('2025-01-01|x').toString('base64url')}`]) {
      const r = await api(server, 'GET', `/api/conversations?${q}`, { cookie: admin.cookie });
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await api(server, 'GET', '/api/conversations')).status).toBe(401);
  });
});
