/**
 * The services a benchmark needs: a throw-away PostgreSQL database and a Redis key prefix,
 * both removed by cleanup, with a clear message when the server is not reachable.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { BenchError, onCleanup } from './cleanup';
import { PG_URL, REDIS_URL } from './env';

const safe = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new BenchError(`PostgreSQL is not reachable at ${safe(url)} (${(err as Error).message}). Start it, or point BENCH_PG_URL at a server where you may create databases.`);
  }
  return client;
}

export interface BenchDatabase {
  url: string;
  name: string;
  /** `select version()` of the server, for the report. */
  version: string;
}

/** Creates `parley_bench_<label>_<random>` on BENCH_PG_URL; dropped (with force) by cleanup. */
export async function createDatabase(label: string): Promise<BenchDatabase> {
  const name = `parley_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = await adminClient(PG_URL);
  let version: string;
  try {
    version = String((await admin.query<{ v: string }>("select split_part(version(), ' on ', 1) as v")).rows[0]!.v);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  onCleanup(`drop database ${name}`, async () => {
    const c = await adminClient(PG_URL);
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, version };
}

/** A unique key/channel prefix on BENCH_REDIS_URL (else TEST_REDIS_URL); its keys are deleted by cleanup. */
export async function redisPrefix(): Promise<{ url: string; prefix: string }> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause = '';
  redis.on('error', (err: Error) => (cause ||= err.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new BenchError(`Redis is not reachable at ${safe(REDIS_URL)} (${cause || (err as Error).message}). Start it, or set BENCH_REDIS_URL (or TEST_REDIS_URL).`);
  }
  redis.disconnect();
  const prefix = `parley-bench-${randomBytes(4).toString('hex')}`;
  onCleanup(`delete Redis keys ${prefix}*`, async () => {
    const r = new Redis(REDIS_URL, { connectTimeout: 3000, maxRetriesPerRequest: 1 });
    r.on('error', () => {});
    try {
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length) await r.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      r.disconnect();
    }
  });
  return { url: REDIS_URL, prefix };
}
