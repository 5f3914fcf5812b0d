import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp, type ParleyApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { randomToken } from '../ids';

export interface TestServer extends ParleyApp {
  url: string;
  origin: string;
  /** Connection string of this server's own PostgreSQL database (postgres runs only). */
  databaseUrl?: string;
}

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.PARLEY_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** Creates a fresh, empty PostgreSQL database for one test server; returns its URL and a dropper. */
export async function createTestDatabase(baseUrl = process.env.TEST_DATABASE_URL): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `parley_test_${Date.now().toString(36)}_${randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Share an existing PostgreSQL database (multi-node tests) instead of a fresh one. */
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  /**
   * A DATA_DIR several test nodes share (multi-node files tests; FILE_STORAGE_SHARED=true). The
   * caller creates and removes it; without it each server gets its own, removed on close.
   */
  sharedDataDir?: string;
}

/**
 * A real Parley on 127.0.0.1:<random port> with its own empty database: in-memory PGlite,
 * or a database created for it on TEST_DATABASE_URL (dropped on close) when PARLEY_TEST_DB=postgres.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  if (databaseUrl) {
    database = await openDatabase({ url: databaseUrl, poolSize: 5 });
  } else if (testDbKind() === 'postgres') {
    const created = await createTestDatabase();
    databaseUrl = created.url;
    drop = created.drop;
    database = await openDatabase({ url: created.url, poolSize: 5 });
  } else {
    database = await openDatabase({});
  }
  const dataDir = opts.sharedDataDir ?? (await fs.promises.mkdtemp(path.join(os.tmpdir(), 'parley-test-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    // Several nodes (Redis) refuse local files unless DATA_DIR is shared; nodes without a
    // sharedDataDir do not share files, which only files tests care about.
    ...(opts.sharedDataDir || opts.redisUrl ? { FILE_STORAGE_SHARED: 'true' } : {}),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1',
    // Tests run sweeps themselves, with their own clock (app.sweep({ now })).
    SWEEP_INTERVAL_SECONDS: '0',
    // Suites start many chats from 127.0.0.1 within seconds; the flood suite sets its own limits.
    CONVERSATION_STARTS_PER_MINUTE: '100000',
    VISITOR_MESSAGES_PER_MINUTE: '100000',
    VISITOR_EVENTS_PER_MINUTE: '100000',
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    ...opts.env,
  });
  const parley = await buildApp({ config, database, redisPrefix: opts.redisPrefix, logger: false });
  await parley.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = parley.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  config.publicUrl = url;
  const close = parley.close;
  return {
    ...parley,
    url,
    origin: url,
    databaseUrl,
    close: async () => {
      await close();
      await drop?.();
      if (!opts.sharedDataDir) await fs.promises.rm(dataDir, { recursive: true, force: true });
    },
  };
}
