import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDto, TriggerDto, TriggerStatsDto, VisitorSelfDto, WidgetConfigDto } from '@parley/protocol';
import { visitorSessions } from '../../db/schema';
import { newId } from '../../ids';
import { api, call, connectVisitor, createVisitor, login, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite, buildWorkspace } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';

const ORIGIN = 'http://127.0.0.1:5555';
const body = { name: 'Pricing help', conditions: [{ type: 'url', op: 'contains', value: '/pricing' }], message: 'Questions about pricing?' };

describe('proactive triggers: management, reports, history and stats', () => {
  let server: TestServer;
  let admin: Session;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let other: Awaited<ReturnType<typeof buildSite>>;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, await buildAgent(server.ctx, { role: 'admin' }));
    site = await buildSite(server.ctx);
    other = await buildSite(server.ctx);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  const as = (who: Session) => ({ cookie: who.cookie, csrf: who.csrf });
  const create = (who: Session, siteId: string, b: unknown = body) => api(server, 'POST', `/api/sites/${siteId}/triggers`, { ...as(who), body: b });
  async function visitor(siteKey = site.widgetKey) {
    const v = await createVisitor(server, siteKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    return { v, s };
  }

  it('admins create, change and delete; agents and managers of the site only read', async () => {
    const created = await create(admin, site.id);
    expect(created.status).toBe(201);
    const trigger = created.body.trigger as TriggerDto;
    expect(trigger).toMatchObject({ siteId: site.id, name: 'Pricing help', enabled: true, priority: 0, delaySeconds: 0, frequency: { max: 1, per: 'session' }, businessHoursOnly: false, onlyWhenAgentsOnline: false });

    const bad = await create(admin, site.id, { ...body, conditions: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Add at least one condition/);
    expect((await create(admin, site.id, { ...body, conditions: [{ type: 'cart_value', op: 'gte', value: -1 }] })).status).toBe(400);

    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    const outsider = await login(server, await buildAgent(server.ctx, { siteIds: [other.id] }));
    const manager = await login(server, await buildAgent(server.ctx, { role: 'manager' }));
    for (const reader of [agent, manager]) {
      const list = await api(server, 'GET', `/api/sites/${site.id}/triggers`, { cookie: reader.cookie });
      expect(list.status).toBe(200);
      expect(list.body.triggers.map((t: TriggerDto) => t.id)).toEqual([trigger.id]);
    }
    expect((await api(server, 'GET', `/api/sites/${site.id}/triggers`, { cookie: outsider.cookie })).status).toBe(404);
    expect((await api(server, 'GET', `/api/sites/${site.id}/triggers/stats`, { cookie: outsider.cookie })).status).toBe(404);
    expect((await create(agent, site.id)).status).toBe(403);
    expect((await create(manager, site.id)).status).toBe(403);
    expect((await api(server, 'PATCH', `/api/triggers/${trigger.id}`, { ...as(agent), body: { enabled: false } })).status).toBe(403);
    expect((await api(server, 'DELETE', `/api/triggers/${trigger.id}`, as(manager))).status).toBe(403);

    // An admin of another workspace sees nothing of it.
    const ws = await buildWorkspace(server.ctx);
    const stranger = await login(server, await buildAgent(server.ctx, { workspaceId: ws.id, role: 'admin' }));
    expect((await api(server, 'PATCH', `/api/triggers/${trigger.id}`, { ...as(stranger), body: { enabled: false } })).status).toBe(404);
    expect((await create(stranger, site.id)).status).toBe(404);

    const changed = await api(server, 'PATCH', `/api/triggers/${trigger.id}`, { ...as(admin), body: { priority: 10, frequency: { max: 2, per: 'day' } } });
    expect(changed.body.trigger).toMatchObject({ priority: 10, frequency: { max: 2, per: 'day' }, name: 'Pricing help' });
    expect((await api(server, 'PATCH', `/api/triggers/${trigger.id}`, { ...as(admin), body: {} })).status).toBe(400);

    // The widget gets enabled triggers only, highest priority first, without names.
    const off = (await create(admin, site.id, { ...body, name: 'Off', enabled: false })).body.trigger as TriggerDto;
    const low = (await create(admin, site.id, { ...body, name: 'Low', priority: 1 })).body.trigger as TriggerDto;
    const config = (await api(server, 'GET', `/api/widget/config?siteKey=${site.widgetKey}`, { origin: ORIGIN })).body as WidgetConfigDto;
    expect(config.triggers.map((t) => t.id)).toEqual([trigger.id, low.id]);
    expect(config.triggers[0]).not.toHaveProperty('name');

    for (const t of [off, low]) expect((await api(server, 'DELETE', `/api/triggers/${t.id}`, as(admin))).status).toBe(204);
    expect((await api(server, 'PATCH', `/api/triggers/${low.id}`, { ...as(admin), body: { enabled: true } })).status).toBe(404);
  });

  it('visitors report prompts; the history counts shows per session, today and in total, and remembers dismissals', async () => {
    const trigger = (await create(admin, site.id, { ...body, name: 'History' })).body.trigger as TriggerDto;
    const foreign = (await create(admin, other.id)).body.trigger as TriggerDto;
    const { v, s } = await visitor();
    const report = (triggerId: string, action: string) => call<{ visitor: VisitorSelfDto }>(s, 'visitor:trigger', { triggerId, action });

    const first = await report(trigger.id, 'shown');
    expect(first.ok && first.data.visitor.triggers[trigger.id]).toEqual({ total: 1, today: 1, session: 0, dismissed: false });
    // A session starts (tracking): shows from now on count for it.
    await server.ctx.db.insert(visitorSessions).values({ id: newId(), workspaceId: site.workspaceId, siteId: site.id, visitorId: v.visitorId });
    await report(trigger.id, 'shown');
    const dismissed = await report(trigger.id, 'dismissed');
    expect(dismissed.ok && dismissed.data.visitor.triggers[trigger.id]).toEqual({ total: 2, today: 2, session: 1, dismissed: true });
    const state = await call<{ visitor: VisitorSelfDto }>(s, 'visitor:state', {});
    expect(state.ok && state.data.visitor.triggers[trigger.id]).toEqual({ total: 2, today: 2, session: 1, dismissed: true });

    const refused = await report(foreign.id, 'shown');
    expect(!refused.ok && refused.error.code).toBe('not_found');
    const invalid = await report(trigger.id, 'clicked');
    expect(!invalid.ok && invalid.error.code).toBe('validation_failed');
  });

  it('stats: shown, accepted, dismissed and chats started per trigger over a period', async () => {
    const site2 = await buildSite(server.ctx);
    const a = (await create(admin, site2.id, { ...body, name: 'A', priority: 5 })).body.trigger as TriggerDto;
    const b = (await create(admin, site2.id, { ...body, name: 'B' })).body.trigger as TriggerDto;
    const one = await visitor(site2.widgetKey);
    const two = await visitor(site2.widgetKey);
    for (const [s, action] of [
      [one.s, 'shown'],
      [one.s, 'accepted'],
      [two.s, 'shown'],
      [two.s, 'dismissed'],
    ] as const) {
      expect((await call(s, 'visitor:trigger', { triggerId: a.id, action })).ok).toBe(true);
    }
    const chat = await call<{ conversation: ConversationDto }>(one.s, 'message', { clientId: 'stats-00001', body: 'Tell me more', triggerId: a.id });
    expect(chat.ok).toBe(true);

    const stats = await api(server, 'GET', `/api/sites/${site2.id}/triggers/stats`, { cookie: admin.cookie });
    expect(stats.status).toBe(200);
    expect(stats.body.stats as TriggerStatsDto[]).toEqual([
      { triggerId: a.id, name: 'A', shown: 2, accepted: 1, dismissed: 1, chats: 1 },
      { triggerId: b.id, name: 'B', shown: 0, accepted: 0, dismissed: 0, chats: 0 },
    ]);
    expect(new Date(stats.body.to).getTime() - new Date(stats.body.from).getTime()).toBe(30 * 86_400_000);

    const past = await api(server, 'GET', `/api/sites/${site2.id}/triggers/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`, { cookie: admin.cookie });
    expect(past.body.stats.map((x: TriggerStatsDto) => x.shown + x.accepted + x.dismissed + x.chats)).toEqual([0, 0]);
    expect((await api(server, 'GET', `/api/sites/${site2.id}/triggers/stats?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z`, { cookie: admin.cookie })).status).toBe(400);
    expect((await api(server, 'GET', `/api/sites/${site2.id}/triggers/stats?from=yesterday`, { cookie: admin.cookie })).status).toBe(400);
  });
});
