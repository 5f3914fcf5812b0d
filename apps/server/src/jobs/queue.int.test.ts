import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import { eventually, sleep } from '../test/clients';
import { createTestDatabase, testDbKind } from '../test/server';
import { defineQueue, JobQueue } from './queue';

/** A fresh database of the suite's kind (PGlite in memory, or a new PostgreSQL database). */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (testDbKind() === 'postgres') {
    const created = await createTestDatabase();
    const database = await openDatabase({ url: created.url, poolSize: 3 });
    return { database, drop: async () => (await database.close(), await created.drop()) };
  }
  const database = await openDatabase({});
  return { database, drop: () => database.close() };
}

/** A pino logger whose lines land in `lines` (to assert on what a job logged). */
function capturingLogger() {
  const lines: { level: number; msg: string; attempt?: number; queue?: string }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

const testQueue = (over: Partial<Parameters<typeof defineQueue<{ n: number }>>[0]> = {}) =>
  defineQueue<{ n: number }>({ name: 'test', retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 60, describe: (d) => ({ n: d.n }), ...over });

describe('the job queue (pg-boss on this database)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  async function setup(handler: (d: { n: number }) => Promise<void>, def = testQueue()) {
    const { database, drop } = await freshDatabase();
    const { log, lines } = capturingLogger();
    const jobs = new JobQueue(database, log, { pollIntervalMs: 100 });
    jobs.handle(def, handler);
    await jobs.start();
    cleanup.push(drop, () => jobs.stop());
    const rows = async () => ((await database.db.execute(sql`select state, retry_count, data from pgboss.job where name = ${def.name} order by created_on`)) as unknown as { rows: { state: string; retry_count: number; data: { n: number } }[] }).rows;
    return { database, jobs, lines, rows, def };
  }

  it('keeps a job only if its transaction commits, and runs it', async () => {
    const seen: number[] = [];
    const { database, jobs, rows, def } = await setup(async (d) => void seen.push(d.n));
    await database.db
      .transaction(async (tx) => {
        await jobs.enqueue(tx, def, { n: 1 });
        throw new Error('the change failed');
      })
      .catch(() => {});
    await database.db.transaction((tx) => jobs.enqueue(tx, def, { n: 2 }));
    jobs.kick(def);
    await eventually(() => seen.includes(2), 'committed job runs');
    await sleep(300);
    expect(seen).toEqual([2]);
    expect((await rows()).map((r) => [r.data.n, r.state])).toEqual([[2, 'completed']]);
  });

  it('retries a failing job with backoff, logging each failure, until it succeeds', async () => {
    let attempts = 0;
    const { database, jobs, lines, rows, def } = await setup(async () => {
      if (++attempts === 1) throw new Error('SMTP said no');
    });
    await database.db.transaction((tx) => jobs.enqueue(tx, def, { n: 7 }));
    jobs.kick(def);
    await eventually(async () => (await rows())[0]?.state === 'completed', 'job completes on its retry', 10_000);
    expect(attempts).toBe(2);
    expect((await rows())[0]).toMatchObject({ retry_count: 1 });
    expect(lines.find((l) => l.msg === 'job failed; will retry')).toMatchObject({ level: 40, attempt: 1, queue: 'test' });
    expect(lines.find((l) => l.msg === 'job done')).toMatchObject({ attempt: 2 });
  });

  it('gives up after the retry limit and says so', async () => {
    const { database, jobs, lines, rows, def } = await setup(async () => {
      throw new Error('never works');
    }, testQueue({ retryLimit: 0 }));
    await database.db.transaction((tx) => jobs.enqueue(tx, def, { n: 3 }));
    jobs.kick(def);
    await eventually(async () => (await rows())[0]?.state === 'failed', 'job failed for good', 10_000);
    expect(lines.find((l) => l.msg === 'job failed; giving up')).toMatchObject({ level: 50 });
  });

  it('stop() waits for the running job, after which the database can close', async () => {
    let release!: () => void;
    const running = new Promise<void>((r) => (release = r));
    let started = false;
    let finished = false;
    const { database, jobs, rows, def } = await setup(async () => {
      started = true;
      await running;
      finished = true;
    });
    await database.db.transaction((tx) => jobs.enqueue(tx, def, { n: 9 }));
    jobs.kick(def);
    await eventually(() => started, 'job started');
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    expect((await rows())[0]?.state).toBe('completed');
  });

  it.runIf(testDbKind() === 'postgres')('two nodes starting together on one database share the queue; each job runs once', async () => {
    const created = await createTestDatabase();
    const a = await openDatabase({ url: created.url, poolSize: 3 });
    const b = await openDatabase({ url: created.url, poolSize: 3 });
    const runs: string[] = [];
    const node = (database: Database, name: string) => {
      const jobs = new JobQueue(database, pino({ level: 'silent' }), { pollIntervalMs: 100 });
      jobs.handle(testQueue(), async (d) => void runs.push(`${name}:${d.n}`));
      return jobs;
    };
    const [ja, jb] = [node(a, 'a'), node(b, 'b')];
    cleanup.push(async () => (await a.close(), await b.close(), await created.drop()), () => ja.stop(), () => jb.stop());
    await Promise.all([ja.start(), jb.start()]);
    await a.db.transaction(async (tx) => {
      for (let n = 1; n <= 20; n++) await ja.enqueue(tx, testQueue(), { n });
    });
    await eventually(() => runs.length >= 20, 'all jobs ran', 10_000);
    await sleep(300);
    expect(runs.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses to enqueue on a queue nobody handles (pg-boss would drop the job silently)', async () => {
    const { database, jobs } = await setup(async () => {});
    await expect(database.db.transaction((tx) => jobs.enqueue(tx, testQueue({ name: 'nobody' }), { n: 1 }))).rejects.toThrow(/no handler/);
  });
});
