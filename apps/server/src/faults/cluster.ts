/**
 * Processes the fault tests start and break: Parley nodes (child processes), a private
 * redis-server, a private PostgreSQL cluster, databases on TEST_DATABASE_URL. Everything is
 * registered with a `Cleanup` and stopped in reverse order, also when the run fails.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Ctx } from '../context';
import { openDatabase } from '../db/client';
import { createTestDatabase } from '../test/server';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../../..');

/** The figures a fault run reports (printed in `npm test` output on purpose: they are quoted). */
// eslint-disable-next-line no-console
export const log = (scope: string, line: string) => console.log(`[faults:${scope}] ${line}`);

// Last resort when the test process exits before a run's cleanup could (a test timeout, then
// the worker ends): stop what is still running, synchronously.
const atExit = new Set<() => void>();
process.once('exit', () => {
  for (const fn of atExit) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
});
function onExit(fn: () => void): () => void {
  atExit.add(fn);
  return () => atExit.delete(fn);
}

/** Stops what a run started, last started first; a failing step never hides the next. */
export class Cleanup {
  private steps: { what: string; fn: () => unknown }[] = [];
  add(what: string, fn: () => unknown): void {
    this.steps.push({ what, fn });
  }
  async run(): Promise<void> {
    while (this.steps.length) {
      const s = this.steps.pop()!;
      try {
        await s.fn();
      } catch (err) {
        console.warn(`[faults] cleanup of ${s.what} failed: ${err instanceof Error ? err.message : err}`);
      }
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy; throws `what` after `ms`. */
export async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, ms: number, every = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** A TCP port nobody listens on right now (the OS picks it; the tiny race is acceptable in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, bin);
    if (dir && fs.existsSync(p)) return p;
  }
  return undefined;
}

// ---- prerequisites ------------------------------------------------------------------------

export const env = {
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  redisUrl: process.env.TEST_REDIS_URL || undefined,
};

/** Why a fault scenario cannot run here (printed when it is skipped), or undefined. */
export function missing(needs: { database?: boolean; redis?: boolean; redisServer?: boolean; postgresBinaries?: boolean }): string | undefined {
  const why: string[] = [];
  if (needs.database && !env.databaseUrl) why.push('TEST_DATABASE_URL is not set');
  if (needs.redis && !env.redisUrl) why.push('TEST_REDIS_URL is not set');
  if (needs.redisServer && !which('redis-server')) why.push('no redis-server binary on PATH');
  if (needs.postgresBinaries) {
    const p = postgresBinaries();
    if (typeof p === 'string') why.push(p);
  }
  return why.length ? why.join('; ') : undefined;
}

// ---- Parley nodes -------------------------------------------------------------------------

export interface ParleyNode {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** Still running (not exited, not killed). */
  alive(): boolean;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The node's log lines at level error or fatal (pino JSON), and the last lines of output. */
  errors(): string[];
  tail(n?: number): string[];
}

export interface NodeOptions {
  name: string;
  databaseUrl: string;
  redisUrl?: string;
  redisPrefix?: string;
  env?: Record<string, string>;
}

/** Starts `faults/node.ts` under tsx as a child process and waits until it listens. */
export async function startNode(cleanup: Cleanup, opts: NodeOptions): Promise<ParleyNode> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `parley-fault-${opts.name}-`));
  const rmDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const unhookDir = onExit(rmDir);
  cleanup.add(`data dir of ${opts.name}`, () => {
    unhookDir();
    rmDir();
  });
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'node.ts')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: opts.databaseUrl,
      DATABASE_POOL_SIZE: '10',
      LOG_LEVEL: 'warn',
      DEMO_PAGE: 'false',
      // Every test visitor comes from 127.0.0.1: the per-IP limit on new chats would stop them.
      CONVERSATION_STARTS_PER_MINUTE: '100000',
      ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, FILE_STORAGE_SHARED: 'true' } : {}),
      ...(opts.redisPrefix ? { FAULT_REDIS_PREFIX: opts.redisPrefix } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: string[] = [];
  const errors: string[] = [];
  const collect = (buf: Buffer) => {
    for (const line of buf.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 400) lines.shift();
      try {
        if ((JSON.parse(line) as { level?: number }).level! >= 50) errors.push(line);
      } catch {
        if (/error/i.test(line)) errors.push(line);
      }
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited = false;
  const unhook = onExit(() => child.kill('SIGKILL'));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      unhook();
      resolve({ code, signal });
    }),
  );
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (exited) return;
    child.kill(signal);
    await exit;
  };
  cleanup.add(`node ${opts.name}`, async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(t);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${opts.name} did not start within 90 s:\n${lines.slice(-30).join('\n')}`)), 90_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`node ${opts.name} exited (${code ?? signal}) while starting:\n${lines.slice(-30).join('\n')}`));
    });
  });
  return {
    name: opts.name,
    url,
    port,
    pid: child.pid!,
    alive: () => !exited,
    exit,
    kill,
    errors: () => [...errors],
    tail: (n = 30) => lines.slice(-n),
  };
}

// ---- databases ----------------------------------------------------------------------------

/** A fresh database on TEST_DATABASE_URL for one run, dropped at cleanup. */
export async function freshDatabase(cleanup: Cleanup, baseUrl = env.databaseUrl): Promise<string> {
  const created = await createTestDatabase(baseUrl);
  cleanup.add('test database', created.drop);
  return created.url;
}

/**
 * The test's own connection to a node's database, for factories (they only use `ctx.db`) and
 * for counting what was stored.
 */
export async function openCtx(cleanup: Cleanup, url: string): Promise<{ ctx: Ctx; pool: pg.Pool }> {
  const database = await openDatabase({ url, poolSize: 3 });
  cleanup.add('test database connection', () => database.close());
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  cleanup.add('test query pool', () => pool.end());
  return { ctx: { db: database.db } as unknown as Ctx, pool };
}

/** Deletes the keys a run left under its prefix (the rate limiter's counters). */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

// ---- private redis-server -----------------------------------------------------------------

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM; it saves nothing: `--save ''`). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('error', () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** A redis-server of our own on a free port; never the machine's shared one. */
export async function startPrivateRedis(cleanup: Cleanup): Promise<PrivateRedis> {
  const bin = which('redis-server');
  if (!bin) throw new Error('no redis-server binary');
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exit: Promise<void> = Promise.resolve();
  const start = async () => {
    const c = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    child = c;
    const unhook = onExit(() => c.kill('SIGKILL'));
    exit = new Promise((resolve) =>
      c.once('exit', () => {
        unhook();
        resolve();
      }),
    );
    await waitFor(() => redisPing(port), `redis-server on ${port}`, 10_000);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exit;
  };
  cleanup.add('private redis-server', async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
  });
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

// ---- private PostgreSQL cluster -----------------------------------------------------------

/** The newest installed PostgreSQL's bin directory, or why there is none. */
export function postgresBinaries(): { dir: string; runAs?: { uid: number; gid: number; user: string } } | string {
  let dir: string | undefined;
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) dir = path.join(base, versions[0]!, 'bin');
  }
  if (!dir) {
    const initdb = which('initdb');
    if (initdb) dir = path.dirname(fs.realpathSync(initdb));
  }
  if (!dir || !fs.existsSync(path.join(dir, 'pg_ctl'))) return 'no PostgreSQL server binaries (initdb, pg_ctl) found';
  // initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres`
  // user and its commands run through `runuser -u postgres`.
  if (process.getuid?.() === 0) {
    if (!which('runuser')) return 'running as root without runuser (initdb refuses root)';
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      return { dir, runAs: { uid, gid, user: 'postgres' } };
    } catch {
      return 'running as root and there is no postgres user to run initdb as';
    }
  }
  return { dir };
}

export interface PrivatePostgres {
  /** The `postgres` database of the cluster. */
  url: string;
  port: number;
  /** `pg_ctl stop -m fast`: connections are terminated (57P01), the server shuts down. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

function run(cmd: string, args: string[], runAs?: { user: string }): Promise<string> {
  const [file, argv] = runAs ? ['runuser', ['-u', runAs.user, '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const c = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
    let out = '';
    c.stdout!.on('data', (d) => (out += d));
    c.stderr!.on('data', (d) => (out += d));
    c.once('error', reject);
    c.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/** initdb + pg_ctl start of a throwaway cluster on a free port (never the machine's shared server). */
export async function startPrivatePostgres(cleanup: Cleanup): Promise<PrivatePostgres> {
  const bins = postgresBinaries();
  if (typeof bins === 'string') throw new Error(bins);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-fault-pg-'));
  const data = path.join(root, 'data');
  // pg_ctl daemonizes the server: at exit, kill the postmaster by its pid file, then remove all.
  const unhook = onExit(() => {
    try {
      process.kill(Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
    } catch {
      // not running
    }
    fs.rmSync(root, { recursive: true, force: true });
  });
  cleanup.add('private PostgreSQL directory', () => {
    unhook();
    fs.rmSync(root, { recursive: true, force: true });
  });
  if (bins.runAs) fs.chownSync(root, bins.runAs.uid, bins.runAs.gid);
  const port = await freePort();
  await run(path.join(bins.dir, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], bins.runAs);
  const pgCtl = path.join(bins.dir, 'pg_ctl');
  // The socket goes into our own directory; fsync off: nothing here has to survive a crash.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100`;
  let running = false;
  const start = async () => {
    await run(pgCtl, ['-D', data, '-l', path.join(root, 'log'), '-o', options, '-w', '-t', '60', 'start'], bins.runAs);
    running = true;
  };
  const stop = async () => {
    await run(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'], bins.runAs);
    running = false;
  };
  cleanup.add('private PostgreSQL server', async () => {
    if (running) await run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], bins.runAs);
  });
  await start();
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop, start };
}
