/**
 * Starting the measured processes (Parley nodes, the bare ws server, the chat load generator)
 * and measuring what they use while a phase runs.
 */
import os from 'node:os';
import { entry, startChild, type Child } from './child';
import type { ChatFixture } from './fixtures';
import type { PhaseResult } from './chat-load';
import { processCpuSeconds, usageDelta, type Usage, type UsageDelta } from './probe';

export interface Server {
  name: string;
  url: string;
  child: Child<{ url: string; pid: number }>;
}

async function started(child: Child<{ url: string; pid: number }>): Promise<Server> {
  const { url } = await child.ready;
  return { name: child.name, url, child };
}

/** A Parley node on `databaseUrl` (and Redis when given), in its own process. */
export function startParley(name: string, databaseUrl: string, opts: { redis?: { url: string; prefix: string }; exposeGc?: boolean } = {}): Promise<Server> {
  const env: Record<string, string> = { BENCH_NODE_DATABASE_URL: databaseUrl };
  if (opts.redis) Object.assign(env, { BENCH_NODE_REDIS_URL: opts.redis.url, BENCH_NODE_REDIS_PREFIX: opts.redis.prefix });
  // BENCH_NODE_ARGS: extra Node flags for Parley nodes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/parley-prof`.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return started(startChild(name, entry(import.meta.url, './parley-node.ts'), { env, execArgv: [...(opts.exposeGc ? ['--expose-gc'] : []), ...extra] }));
}

/** The bare `ws` relay/holder (ws-server.ts), in its own process. */
export function startWsServer(name: string, opts: { exposeGc?: boolean } = {}): Promise<Server> {
  return started(startChild(name, entry(import.meta.url, './ws-server.ts'), { execArgv: opts.exposeGc ? ['--expose-gc'] : [] }));
}

/** A chat load generator process (chat-load.ts) connected to `visitorUrl`/`agentUrl`. */
export async function startChatLoad(target: 'parley' | 'relay', visitorUrl: string, agentUrl: string, fixture: ChatFixture): Promise<Child> {
  const load = startChild('load generator', entry(import.meta.url, './chat-load.ts'));
  await load.ready;
  const t = await load.call<{ agentsSeconds: number; visitorsSeconds: number }>('connect', { target, visitorUrl, agentUrl, fixture });
  console.log(`  connected ${fixture.agents.length} agents in ${t.agentsSeconds.toFixed(1)} s, ${fixture.chats.length} visitors in ${t.visitorsSeconds.toFixed(1)} s`);
  return load;
}

export interface Measured<T> {
  result: T;
  /** Each server's CPU/event loop over the phase, in the order given. */
  servers: UsageDelta[];
  /** CPU of every `postgres` process on this machine over the phase, in cores (other users included). */
  postgresCores?: number;
}

/** Runs `fn` and reports what the servers (and PostgreSQL) used meanwhile. */
export async function measure<T>(servers: Server[], fn: () => Promise<T>): Promise<Measured<T>> {
  const before = await Promise.all(servers.map((s) => s.child.call<Usage>('usage')));
  const pg0 = await processCpuSeconds('postgres');
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const pg1 = await processCpuSeconds('postgres');
  const after = await Promise.all(servers.map((s) => s.child.call<Usage>('usage')));
  return { result, servers: before.map((b, i) => usageDelta(b, after[i]!)), postgresCores: pg0 === undefined || pg1 === undefined ? undefined : (pg1 - pg0) / seconds };
}

export type RatePhase = { rate: number; seconds: number; warmup: number; tag: string };
export type SaturatePhase = { concurrency: number; seconds: number; warmup: number; tag: string };

export const runRate = (load: Child, p: RatePhase) => load.call<PhaseResult>('rate', p);
export const runSaturate = (load: Child, p: SaturatePhase) => load.call<PhaseResult>('saturate', p);

/**
 * Why a process was slow, from what it used: CPU near a full core means it is CPU-bound on its
 * one event loop; a busy event loop with little CPU means it waited for a CPU (a loaded machine).
 */
export function cpuVerdict(name: string, u: UsageDelta): string {
  const base = `${name} used ${pct(u.cpu)} of a core, its event loop busy ${pct(u.elu)} of the time`;
  if (u.cpu >= 0.85) return `${base}: it is CPU-bound on its single event loop`;
  if (u.elu >= 0.85) return `${base}: busy but not on a CPU — it waited for one (the machine was loaded; load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} CPUs), so these figures understate it`;
  return base;
}

/** `1.23` cores → `123%`. */
export const pct = (x: number | undefined) => (x === undefined ? '–' : `${Math.round(x * 100)}%`);

/** Errors of a phase as `code ×n, …` (or `none`). */
export const errors = (r: PhaseResult) =>
  Object.entries(r.failed)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ') || 'none';
