/**
 * One Parley node in its own process (child of a benchmark; see child.ts): production config
 * on PostgreSQL (and Redis when given), listening on 127.0.0.1:<random port>.
 *
 * Environment: BENCH_NODE_DATABASE_URL (required), BENCH_NODE_REDIS_URL + BENCH_NODE_REDIS_PREFIX
 * (optional), and passed through when set: DATABASE_POOL_SIZE, SWEEP_INTERVAL_SECONDS, BENCH_LOG_LEVEL.
 *
 * It counts the SQL statements and COMMITs its pg clients send (a wrapper around
 * `pg.Client.prototype.query`, installed before the app opens its pool) so a benchmark can tell
 * how much database work one message costs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app';
import { loadConfig } from '../../apps/server/src/config';
import { ready, serve } from './child';
import { memory, usage } from './probe';

const counters = { statements: 0, commits: 0 };
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  counters.statements++;
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : first?.text;
  if (text && /^\s*commit\b/i.test(text)) counters.commits++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

const env = process.env;
if (!env.BENCH_NODE_DATABASE_URL) throw new Error('BENCH_NODE_DATABASE_URL is required');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-node-'));
const config = loadConfig({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  DATABASE_URL: env.BENCH_NODE_DATABASE_URL,
  LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'error',
  DEMO_PAGE: 'false',
  // The load comes from a few 127.0.0.x addresses at rates no single visitor would send:
  // the flood limits (realtime/limits.ts) would measure themselves, not the message path.
  VISITOR_MESSAGES_PER_MINUTE: '1000000',
  VISITOR_EVENTS_PER_MINUTE: '1000000',
  CONVERSATION_STARTS_PER_MINUTE: '1000000',
  ...(env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE } : {}),
  ...(env.SWEEP_INTERVAL_SECONDS ? { SWEEP_INTERVAL_SECONDS: env.SWEEP_INTERVAL_SECONDS } : {}),
  // Several nodes on one machine share this disk, which is what FILE_STORAGE_SHARED declares.
  ...(env.BENCH_NODE_REDIS_URL ? { REDIS_URL: env.BENCH_NODE_REDIS_URL, FILE_STORAGE_SHARED: 'true' } : {}),
});
const parley = await buildApp({ config, redisPrefix: env.BENCH_NODE_REDIS_PREFIX });
await parley.app.listen({ host: '127.0.0.1', port: 0 });
const url = `http://127.0.0.1:${(parley.app.server.address() as AddressInfo).port}`;
config.publicUrl = url;

serve(
  {
    usage: () => usage(counters),
    memory: async () => ({ ...(await memory()), sockets: parley.io.of('/').sockets.size }),
    poolSize: () => config.databasePoolSize,
  },
  async () => {
    await parley.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
);
ready({ url, pid: process.pid });
