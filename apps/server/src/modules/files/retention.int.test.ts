import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { appSettings, files, messages } from '../../db/schema';
import { api, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { expireFiles, filesRetentionQueue } from './retention';
import { png, storedFiles, visitorHeaders, widgetUpload } from './testing';

const DAY = 86_400_000;

/** A logger that keeps what it is told. */
function memoryLog() {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  const keep = (obj: Record<string, unknown>, msg: string) => void lines.push({ obj, msg });
  const log = { info: keep, warn: keep, error: keep, debug: keep, trace: keep, fatal: keep, child: () => log, level: 'info' } as unknown as FastifyBaseLogger;
  return { log, lines };
}

describe('file retention: a daily job deletes files past their site’s days', () => {
  let server: TestServer;
  let alice: Session;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('is enqueued once per UTC day through pg-boss and run by its worker', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await eventually(async () => {
      const r = await server.ctx.db.execute(sql`select state, data from pgboss.job where name = ${filesRetentionQueue.name}`);
      const rows = (r as unknown as { rows: { state: string; data: { day: string } }[] }).rows;
      return rows.length === 1 && rows[0]!.state === 'completed' && rows[0]!.data.day === today;
    }, "today's retention job completed", 10_000);
    const [claim] = await server.ctx.db.select().from(appSettings).where(eq(appSettings.key, `jobs.daily:${filesRetentionQueue.name}`));
    expect(claim?.value).toBe(today);
    // Another check the same day (any node) enqueues nothing; the next day does.
    expect(await server.ctx.jobs.enqueueDaily()).toEqual([]);
    expect(await server.ctx.jobs.enqueueDaily(new Date(Date.now() + DAY))).toEqual([filesRetentionQueue.name]);
    expect(await server.ctx.jobs.enqueueDaily(new Date(Date.now() + DAY))).toEqual([]);
    // a node whose clock is behind does not claim an earlier day again
    expect(await server.ctx.jobs.enqueueDaily(new Date(Date.now() - DAY))).toEqual([]);
  });

  it('expires files older than retentionDays at `now`: bytes gone, "expired" on both sides, links 410, one log line each', async () => {
    const short = await buildSite(server.ctx, { settings: { files: { retentionDays: 3 } } as never });
    const long = await buildSite(server.ctx); // default 15 days
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [short.id, long.id] }));
    const agentSocket = await connectAgent(server, alice);
    sockets.push(agentSocket);
    const v = await createVisitor(server, short.widgetKey);
    const visitorSocket = await connectVisitor(server, v);
    sockets.push(visitorSocket);
    const visitorEvents = record(visitorSocket, ['message']);
    const agentEvents = record(agentSocket, ['message']);
    const a = await widgetUpload(server, v, { name: 'a.png', bytes: await png() });
    const b = await widgetUpload(server, v, { name: 'b.txt', bytes: Buffer.from('bee') }, { conversationId: a.body.conversation.id });
    const w = await createVisitor(server, long.widgetKey);
    const c = await widgetUpload(server, w, { name: 'c.txt', bytes: Buffer.from('sea') });
    const ids = [a, b, c].map((r) => r.body.message.attachments[0].id as string);
    const oldLink = (await api(server, 'GET', `/api/widget/files/${ids[0]}/link`, { headers: visitorHeaders(v) })).body;
    const diskBefore = storedFiles(server.ctx.config.files.localDir).length;

    // Two days on nothing is due; four days on the short site's files are.
    expect(await expireFiles(server.ctx, memoryLog().log, new Date(Date.now() + 2 * DAY))).toBe(0);
    const { log, lines } = memoryLog();
    expect(await expireFiles(server.ctx, log, new Date(Date.now() + 4 * DAY))).toBe(2);

    const rows = await server.ctx.db.select().from(files);
    const byId = (id: string) => rows.find((f) => f.id === id)!;
    expect(byId(ids[0]!)).toMatchObject({ status: 'expired', deletedReason: 'retention', deletedAt: expect.any(Date) });
    expect(byId(ids[1]!).status).toBe('expired');
    expect(byId(ids[2]!)).toMatchObject({ status: 'ready', deletedAt: null });
    // a.png had its original and a thumbnail; b.txt one file
    expect(storedFiles(server.ctx.config.files.localDir)).toHaveLength(diskBefore - 3);
    expect(lines.filter((l) => l.msg === 'files.deleted').map((l) => l.obj)).toEqual(
      expect.arrayContaining([expect.objectContaining({ fileId: ids[0], siteId: short.id, reason: 'retention' }), expect.objectContaining({ fileId: ids[1], reason: 'retention' })]),
    );
    expect(lines.filter((l) => l.msg === 'files.deleted')).toHaveLength(2);

    const [m] = await server.ctx.db.select().from(messages).where(eq(messages.id, a.body.message.id));
    expect(m!.attachments[0]!.status).toBe('expired');
    for (const events of [visitorEvents, agentEvents]) {
      const got = await eventually(() => events.find((e) => e.e.data.id === a.body.message.id && e.e.data.attachments?.[0]?.status === 'expired'), 'the expired copy reaches the client');
      expect(got.e.data.seq).toBe(a.body.message.seq);
    }
    const gone = await fetch(oldLink.url);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('file_expired');
    const link = await api(server, 'GET', `/api/files/${ids[1]}/link`, { cookie: alice.cookie });
    expect(link.status).toBe(410);
    expect(link.body.error.code).toBe('file_expired');
    // the message still lists the file, marked expired, and the report counts it
    const list = await api(server, 'GET', `/api/conversations/${a.body.conversation.id}/files`, { cookie: alice.cookie });
    expect(list.body.files.map((f: { status: string }) => f.status)).toEqual(['expired', 'expired']);
    const report = await api(server, 'GET', `/api/sites/${short.id}/files/report`, { cookie: (await login(server, await buildAgent(server.ctx, { role: 'admin' }))).cookie });
    expect(report.body).toMatchObject({ count: 0, bytes: 0, expired: 2 });

    // idempotent; sixteen days on the long site's file goes too
    expect(await expireFiles(server.ctx, memoryLog().log, new Date(Date.now() + 4 * DAY))).toBe(0);
    expect(await expireFiles(server.ctx, memoryLog().log, new Date(Date.now() + 16 * DAY))).toBe(1);
    expect((await server.ctx.db.select().from(files).where(eq(files.id, ids[2]!)))[0]!.status).toBe('expired');
  });
});
