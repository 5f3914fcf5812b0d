import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomToken } from '../../ids';
import { api, connectAgent, createVisitor, eventually, login, record, type ClientSocket } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { createTestDatabase, startTestServer, type TestServer } from '../../test/server';
import { filesRetentionQueue } from './retention';
import { png, visitorHeaders, widgetUpload } from './testing';

/** Two nodes sharing PostgreSQL, Redis and DATA_DIR (FILE_STORAGE_SHARED): upload on A, everything else on B. */
describe('files across two nodes', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let drop: () => Promise<void>;
  let dataDir: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'parley-shared-'));
    const opts = { databaseUrl: db.url, redisUrl: process.env.TEST_REDIS_URL!, redisPrefix: `parley-test-${randomToken(6)}`, sharedDataDir: dataDir };
    [nodeA, nodeB] = await Promise.all([startTestServer(opts), startTestServer(opts)]);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodeA?.close();
    await nodeB?.close();
    await drop?.();
    await fs.promises.rm(dataDir, { recursive: true, force: true });
  });

  it("one retention job a day for all nodes; a file uploaded on A is announced, linked and served on B", async () => {
    const day = new Date().toISOString().slice(0, 10);
    await eventually(async () => {
      const r = (await nodeA.ctx.db.execute(sql`select count(*)::int as n from pgboss.job where name = ${filesRetentionQueue.name}`)) as unknown as { rows: { n: number }[] };
      return r.rows[0]!.n === 1;
    }, 'the daily job enqueued', 10_000);
    expect(await nodeA.ctx.jobs.enqueueDaily()).toEqual([]);
    expect(await nodeB.ctx.jobs.enqueueDaily()).toEqual([]);
    const r = (await nodeB.ctx.db.execute(sql`select data from pgboss.job where name = ${filesRetentionQueue.name}`)) as unknown as { rows: { data: { day: string } }[] };
    expect(r.rows.map((x) => x.data.day)).toEqual([day]);

    const site = await buildSite(nodeA.ctx);
    const session = await login(nodeB, await buildAgent(nodeA.ctx, { siteIds: [site.id] }));
    const agentSocket = await connectAgent(nodeB, session);
    sockets.push(agentSocket);
    const events = record(agentSocket, ['message']);
    const v = await createVisitor(nodeA, site.widgetKey);
    const bytes = await png(300, 200);
    const up = await widgetUpload(nodeA, v, { name: 'shot.png', bytes });
    expect(up.status).toBe(201);
    const id = up.body.message.attachments[0].id;
    await eventually(() => events.find((e) => e.e.data.id === up.body.message.id), 'the agent on B hears of it');

    const link = await api(nodeB, 'GET', `/api/files/${id}/link`, { cookie: session.cookie });
    expect(link.status).toBe(200);
    const original = await fetch(link.body.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    // a link signed by A works on B (one installation secret)
    const fromA = (await api(nodeA, 'GET', `/api/widget/files/${id}/link`, { headers: visitorHeaders(v) })).body;
    expect((await fetch(fromA.thumbUrl.replace(nodeA.url, nodeB.url))).status).toBe(200);
  });
});
