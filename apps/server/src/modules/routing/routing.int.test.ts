import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto, QueueInfo, WidgetConfigDto } from '@parley/protocol';
import { agents } from '../../db/schema';
import type { DomainEvent } from '../../events/bus';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, sleep, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

type SendAck = { message: MessageDto; conversation: ConversationDto };

describe('routing, queue, presence', () => {
  let server: TestServer;
  let admin: Session;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin', pseudoName: 'Ada' }));
    // Signing in sets an agent online; the admin only watches here.
    await api(server, 'PUT', '/api/me/status', { cookie: admin.cookie, csrf: admin.csrf, body: { status: 'offline' } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  const as = (who: Session) => ({ cookie: who.cookie, csrf: who.csrf });
  async function online(who: Session) {
    const r = await api(server, 'PUT', '/api/me/status', { ...as(who), body: { status: 'online' } });
    expect(r.status).toBe(200);
  }
  async function startChat(siteKey: string, extra: Record<string, unknown> = {}) {
    const v = await createVisitor(server, siteKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    const events = record(s, ['message', 'agent_assigned', 'status_change', 'queue']);
    const sent = await call<SendAck>(s, 'message', { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, body: 'Hello?', ...extra });
    if (!sent.ok) throw new Error(sent.error.message);
    return { v, s, events, convId: sent.data.conversation.id };
  }
  const assigneeOf = async (convId: string) => {
    await server.routing.idle();
    return (await api(server, 'GET', `/api/conversations/${convId}`, as(admin))).body.conversation as ConversationDto;
  };

  it('round robin hands chats to online agents in turn, skipping full and away agents', async () => {
    const site = await buildSite(server.ctx, { routing: { mode: 'round_robin' } });
    const a = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Ann', maxChats: 2 }));
    const b = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Ben', maxChats: 2 }));
    const off = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Off' }));
    await api(server, 'PUT', '/api/me/status', { ...as(off), body: { status: 'away' } });
    await online(a);
    await online(b);
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { convId, events } = await startChat(site.widgetKey);
      const conv = await assigneeOf(convId);
      expect(conv.status).toBe('active');
      got.push(conv.assignedAgentId!);
      await eventually(() => events.find((x) => x.name === 'agent_assigned'), 'visitor told who joined');
    }
    expect(new Set(got.slice(0, 2))).toEqual(new Set([a.agentId, b.agentId]));
    expect(got[2]).toBe(got[0]);
    expect(got[3]).toBe(got[1]);
    // Both are now full (2 each): the fifth waits.
    const { convId } = await startChat(site.widgetKey);
    const fifth = await assigneeOf(convId);
    expect(fifth.assignedAgentName ?? fifth.status).toBe('queued');
    // The routed agent is told the chat is theirs; nobody gets a "waiting" ring for it.
    const titles = async (who: Session) => ((await api(server, 'GET', '/api/notifications', as(who))).body.notifications as { title: string; conversationId: string }[]).filter((n) => n.conversationId !== convId).map((n) => n.title);
    await eventually(async () => (await titles(a)).length >= 2, 'assignment notifications');
    expect(await titles(a)).toEqual(['New chat assigned to you', 'New chat assigned to you']);
    expect(await titles(off)).toEqual([]);
  });

  it('least loaded prefers the chat\'s department, and the visitor can pick one', async () => {
    const site = await buildSite(server.ctx, { routing: { mode: 'least_loaded' } });
    const gen = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Gen' }));
    const sal = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Sal' }));
    await online(gen);
    await online(sal);
    const sales = (await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Sales', agentIds: [sal.agentId], siteIds: [site.id] } })).body.department;
    await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Support', agentIds: [gen.agentId] } });
    const config = (await api(server, 'GET', `/api/widget/config?siteKey=${site.widgetKey}`, { origin: 'http://127.0.0.1:5555' })).body as WidgetConfigDto;
    expect(config.departments.map((d) => d.name).sort()).toEqual(expect.arrayContaining(['Sales', 'Support']));

    // Sal already has a chat, Gen none: least loaded alone would pick Gen; the department wins.
    const warm = await startChat(site.widgetKey);
    expect((await assigneeOf(warm.convId)).assignedAgentId).toBe(gen.agentId);
    const { convId } = await startChat(site.widgetKey, { departmentId: sales.id });
    const conv = await assigneeOf(convId);
    expect(conv).toMatchObject({ departmentId: sales.id, assignedAgentId: sal.agentId });
    // A department of another site is refused, and nothing is stored.
    const other = await buildSite(server.ctx);
    const foreign = (await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Foreign', siteIds: [other.id] } })).body.department;
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    const bad = await call<SendAck>(s, 'message', { clientId: 'dept-bad-01', body: 'hi', departmentId: foreign.id });
    expect(bad.ok).toBe(false);
    const state = await call<{ conversation: ConversationDto | null }>(s, 'visitor:state', {});
    expect(state.ok && state.data.conversation).toBeNull();
  });

  it('queued visitors see their place in line, updated live as chats are taken', async () => {
    const site = await buildSite(server.ctx); // manual
    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Quin' }));
    await online(agent);
    const first = await startChat(site.widgetKey);
    const second = await startChat(site.widgetKey);
    const third = await startChat(site.widgetKey);
    await server.routing.idle();
    const last = (e: { name: string; e: { data: QueueInfo | null } }[]) => e.filter((x) => x.name === 'queue').at(-1)?.e.data;
    await eventually(() => last(third.events)?.position === 3, 'third is number 3');
    const state = await call<{ queue: QueueInfo | null }>(third.s, 'visitor:state', {});
    expect(state.ok && state.data.queue?.position).toBe(3);

    expect((await api(server, 'POST', `/api/conversations/${first.convId}/accept`, as(agent))).status).toBe(200);
    await eventually(() => last(third.events)?.position === 2, 'third moves up to 2');
    await eventually(() => last(second.events)?.position === 1, 'second moves up to 1');
    await eventually(() => first.events.some((x) => x.name === 'queue' && x.e.data === null), 'first leaves the line');
    // With history (one chat taken), there is an estimate.
    await eventually(() => typeof last(third.events)?.estimatedWaitSeconds === 'number', 'an estimate');
  });

  it('auto-away after inactivity; activity brings the agent back online', async () => {
    const site = await buildSite(server.ctx);
    const idle = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Ida' }));
    await api(server, 'PUT', '/api/workspace/settings', { ...as(admin), body: { autoAwayMinutes: 5 } });
    await online(idle);
    // Connected (the node heartbeats it), but idle: away, not offline.
    const s = await connectAgent(server, idle);
    sockets.push(s);
    const watcher = await connectAgent(server, admin);
    sockets.push(watcher);
    const statusEvents = record(watcher, ['agent_status']);

    expect((await server.sweep({ now: new Date(Date.now() + 60_000) })).away).not.toContain(idle.agentId);
    const r = await server.sweep({ now: new Date(Date.now() + 6 * 60_000) });
    expect(r.away).toContain(idle.agentId);
    await eventually(() => statusEvents.find((x) => x.e.data.agentId === idle.agentId && x.e.data.status === 'away'), 'away announced');

    const ack = await call<{ status: string }>(s, 'agent:activity', {});
    expect(ack.ok && ack.data.status).toBe('online');
    await eventually(() => statusEvents.find((x) => x.e.data.agentId === idle.agentId && x.e.data.status === 'online'), 'back online');

    // A status the agent chose is not overridden by activity.
    await api(server, 'PUT', '/api/me/status', { ...as(idle), body: { status: 'busy' } });
    const busy = await call<{ status: string }>(s, 'agent:activity', {});
    expect(busy.ok && busy.data.status).toBe('busy');
  });

  it('an agent who goes offline with active chats gets them requeued, never dropped', async () => {
    await api(server, 'PUT', '/api/workspace/settings', { ...as(admin), body: { autoAwayMinutes: 0, requeueOnOffline: true, offlineGraceSeconds: 30 } });
    const site = await buildSite(server.ctx);
    const leaver = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Leo' }));
    await online(leaver);
    const sock = await connectAgent(server, leaver);
    const chat = await startChat(site.widgetKey);
    await api(server, 'POST', `/api/conversations/${chat.convId}/accept`, as(leaver));

    // Still connected: a sweep far in the future keeps him (this node saw his socket).
    expect((await server.sweep({ now: new Date(Date.now() + 10 * 60_000) })).offline).not.toContain(leaver.agentId);
    sock.disconnect();
    await sleep(100); // the disconnect handler stamps last_seen_at
    expect((await server.sweep({ now: new Date(Date.now() + 5_000) })).offline).not.toContain(leaver.agentId); // within grace
    const r = await server.sweep({ now: new Date(Date.now() + 11 * 60_000) });
    expect(r.offline).toContain(leaver.agentId);
    const [row] = await server.ctx.db.select({ status: agents.status }).from(agents).where(eq(agents.id, leaver.agentId));
    expect(row!.status).toBe('offline');
    const conv = await assigneeOf(chat.convId);
    expect(conv).toMatchObject({ status: 'queued', assignedAgentId: null });
    await eventually(() => chat.events.find((x) => x.name === 'message' && x.e.data.body === 'Leo left the chat'), 'visitor told');
    await eventually(() => chat.events.find((x) => x.name === 'queue' && x.e.data?.position === 1), 'visitor back in line');

    // Reconnecting brings him back online (the system, not he, set him offline).
    const back = await connectAgent(server, leaver);
    sockets.push(back);
    await eventually(async () => (await server.ctx.db.select({ status: agents.status }).from(agents).where(eq(agents.id, leaver.agentId)))[0]!.status === 'online', 'online again');
  });

  it('a chat waiting too long is re-announced once per period', async () => {
    const site = await buildSite(server.ctx, { routing: { unansweredAlertSeconds: 30 } });
    const seen: DomainEvent[] = [];
    const off = server.ctx.bus.on((e) => e.name === 'conversation.unanswered' && seen.push(e));
    const { convId } = await startChat(site.widgetKey);
    const t0 = Date.now();
    expect((await server.sweep({ now: new Date(t0 + 10_000) })).alerted).not.toContain(convId);
    expect((await server.sweep({ now: new Date(t0 + 40_000) })).alerted).toContain(convId);
    expect((await server.sweep({ now: new Date(t0 + 50_000) })).alerted).not.toContain(convId);
    expect((await server.sweep({ now: new Date(t0 + 75_000) })).alerted).toContain(convId);
    off();
    const mine = seen.filter((e) => e.name === 'conversation.unanswered' && e.ref.conversationId === convId);
    expect(mine).toHaveLength(2);
    // Turned off (0): never announced.
    const quiet = await buildSite(server.ctx, { routing: { unansweredAlertSeconds: 0 } });
    const q = await startChat(quiet.widgetKey);
    expect((await server.sweep({ now: new Date(t0 + 3600_000) })).alerted).not.toContain(q.convId);
  });

  it('workspace settings and departments: admins only, validated', async () => {
    const agent = await login(server, await buildAgent(server.ctx, { pseudoName: 'Plain' }));
    expect((await api(server, 'PUT', '/api/workspace/settings', { ...as(agent), body: { autoAwayMinutes: 3 } })).status).toBe(403);
    expect((await api(server, 'PUT', '/api/workspace/settings', { ...as(admin), body: { autoAwayMinutes: -1 } })).status).toBe(400);
    expect((await api(server, 'GET', '/api/workspace/settings', as(agent))).body.settings.autoAwayMinutes).toBe(0);
    expect((await api(server, 'POST', '/api/departments', { ...as(agent), body: { name: 'X' } })).status).toBe(403);
    expect((await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: '' } })).status).toBe(400);
    expect((await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Y', agentIds: ['00000000-0000-7000-8000-000000000000'] } })).status).toBe(400);
    const d = (await api(server, 'POST', '/api/departments', { ...as(admin), body: { name: 'Z', agentIds: [agent.agentId] } })).body.department;
    const agentsList = (await api(server, 'GET', '/api/agents', as(admin))).body.agents as { id: string; departmentIds: string[] }[];
    expect(agentsList.find((a) => a.id === agent.agentId)?.departmentIds).toEqual([d.id]);
    expect((await api(server, 'PATCH', `/api/departments/${d.id}`, { ...as(admin), body: { name: 'Zed', agentIds: [] } })).body.department).toMatchObject({ name: 'Zed', agentIds: [] });
    expect((await api(server, 'DELETE', `/api/departments/${d.id}`, as(admin))).status).toBe(204);
    expect((await api(server, 'DELETE', `/api/departments/${d.id}`, as(admin))).status).toBe(404);
  });
});
