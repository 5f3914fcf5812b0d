import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken } from '../ids';
import { call, connectVisitor, createVisitor, type ClientSocket } from '../test/clients';
import { buildSite } from '../test/factories';
import { createTestDatabase, startTestServer, type TestServer } from '../test/server';

/**
 * Flood limits hold across nodes (REDIS_URL): a visitor who used up their budget on node A and
 * reconnects to node B is still limited, and another visitor is not. Runs in the multinode
 * project (TEST_DATABASE_URL and TEST_REDIS_URL).
 */
describe('flood limits across two nodes sharing Redis', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let drop: () => Promise<void>;
  const sockets: ClientSocket[] = [];
  const ORIGIN = 'http://127.0.0.1:5555';

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const redisPrefix = `parley-test-${randomToken(6)}`;
    const env = { VISITOR_MESSAGES_PER_MINUTE: '3' };
    [nodeA, nodeB] = await Promise.all([
      startTestServer({ databaseUrl: db.url, redisUrl: process.env.TEST_REDIS_URL!, redisPrefix, env }),
      startTestServer({ databaseUrl: db.url, redisUrl: process.env.TEST_REDIS_URL!, redisPrefix, env }),
    ]);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodeA?.close();
    await nodeB?.close();
    await drop?.();
  });

  it('a visitor’s message budget spent on node A still counts on node B', async () => {
    const site = await buildSite(nodeA.ctx, { domains: ['127.0.0.1'] });
    const v = await createVisitor(nodeA, site.widgetKey, ORIGIN);
    const onA = await connectVisitor(nodeA, v, ORIGIN);
    sockets.push(onA);
    const send = (s: ClientSocket, i: number) => call(s, 'message', { clientId: `multi-${i}-${randomToken(6).replace(/[^A-Za-z0-9]/g, 'x')}`, body: `message ${i}` });
    for (let i = 0; i < 3; i++) expect((await send(onA, i)).ok).toBe(true);
    onA.disconnect();
    const onB = await connectVisitor(nodeB, v, ORIGIN);
    sockets.push(onB);
    const over = await send(onB, 3);
    expect(over.ok ? 'ok' : over.error.code).toBe('rate_limited');

    const other = await connectVisitor(nodeB, await createVisitor(nodeB, site.widgetKey, ORIGIN), ORIGIN);
    sockets.push(other);
    expect((await send(other, 0)).ok).toBe(true);
  });
});
