import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../db/client';
import { appSettings } from '../db/schema';
import { driverExecutor, transactionExecutor, type SqlExecutor } from './executors';

/**
 * A kind of job: its queue name and retry policy. `T` is the job's data (stored as jsonb, so
 * plain JSON only). Retries back off exponentially: about `delaySeconds` × 2^attempt, with jitter.
 */
export interface QueueDef<T> {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job still running after this long is failed (and retried) by maintenance. */
  expireInSeconds: number;
  /** What to log about a job (never secrets or whole bodies). */
  describe(data: T): Record<string, unknown>;
}

/** Declares a queue; `jobs.handle()` gives it a worker, `jobs.enqueue()` adds jobs. */
export function defineQueue<T>(def: QueueDef<T>): QueueDef<T> {
  return def;
}

type Handler<T> = (data: T) => Promise<void>;

interface Entry {
  def: QueueDef<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  handler: Handler<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface JobQueueOptions {
  /** How often an idle queue looks for due jobs. */
  pollIntervalMs?: number;
  /** Jobs fetched (and run concurrently) per round. */
  batchSize?: number;
  /** How often each node checks whether today's daily jobs are enqueued. */
  dailyCheckIntervalMs?: number;
}

interface Daily {
  def: QueueDef<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  data: (day: string) => unknown;
}

/** The queue's loop that enqueues daily jobs (a name no pg-boss queue can have). */
const DAILY_LOOP = '__daily__';

/**
 * pg-boss on the app's own database (PostgreSQL, or PGlite through an adapter): jobs are
 * rows in the `pgboss` schema, enqueued inside the transaction of the change that caused
 * them, fetched with SKIP LOCKED by any node, retried with backoff, archived by maintenance.
 *
 * The polling loop is ours (pg-boss `fetch`/`complete`/`fail`) rather than pg-boss `work()`:
 * `work()` settles jobs without awaiting it, so a database hiccup at that moment is an
 * unhandled rejection, and its workers can still be mid-query when `stop()` returns. Here
 * every query is awaited and tracked, so `stop()` returns only when nothing touches the
 * database any more, and `kick()` wakes a queue the moment a caller has committed a job.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly entries = new Map<string, Entry>();
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Map<string, () => void>();
  /** Kicks that arrived while a loop was busy: its next sleep is skipped. */
  private readonly kicked = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly dailies: Daily[] = [];
  private readonly dailyCheckIntervalMs: number;
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    opts: JobQueueOptions = {},
  ) {
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.batchSize = opts.batchSize ?? 10;
    this.dailyCheckIntervalMs = opts.dailyCheckIntervalMs ?? 5 * 60_000;
    const base = driverExecutor(database.driver);
    const db: SqlExecutor = {
      executeSql: (text, values) => {
        if (this.state === 'stopped') return Promise.reject(new Error('The job queue is stopped'));
        return this.track(base.executeSql(text, values));
      },
    };
    // No pg-boss cron: its timekeeper runs a pg-boss work() loop of its own (see above); daily
    // jobs are enqueued by `daily()` instead. No state monitor; maintenance (expire, archive,
    // delete) runs every 2 minutes on one node at a time.
    this.boss = new PgBoss({ db, schedule: false, supervise: true });
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  /** Gives a queue its worker on this node. Call before `start()`. */
  handle<T>(def: QueueDef<T>, handler: Handler<T>): void {
    if (this.state !== 'new') throw new Error(`Queue ${def.name}: handlers are registered before start()`);
    this.entries.set(def.name, { def, handler });
  }

  /**
   * Enqueues a job of `def` once per UTC day (`data(day)`, day as YYYY-MM-DD), on whichever
   * node first sees the day: the claim is a row in `app_settings` moved forward (never back,
   * whatever a node's clock says) in the same transaction as the enqueue, so the nodes agree
   * and a failed enqueue leaves the day unclaimed. Checked at start and every
   * `dailyCheckIntervalMs`. Call before `start()`.
   */
  daily<T>(def: QueueDef<T>, data: (day: string) => T): void {
    if (this.state !== 'new') throw new Error(`Queue ${def.name}: daily jobs are registered before start()`);
    if (!this.entries.has(def.name)) throw new Error(`Queue ${def.name} has no handler`);
    this.dailies.push({ def, data });
  }

  /** Creates pg-boss's schema (once per database, under its advisory lock) and the queues, then polls. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    await this.boss.start();
    for (const name of this.entries.keys()) await this.createQueue(name);
    this.state = 'running';
    for (const entry of this.entries.values()) this.loops.push(this.loop(entry));
    if (this.dailies.length) this.loops.push(this.dailyLoop());
  }

  /** Enqueues today's daily jobs that no node has enqueued yet; returns the queues it enqueued. */
  async enqueueDaily(now = new Date()): Promise<string[]> {
    const day = now.toISOString().slice(0, 10);
    const done: string[] = [];
    for (const d of this.dailies) {
      const key = `jobs.daily:${d.def.name}`;
      const claimed = await this.database.db.transaction(async (tx) => {
        const rows = await tx
          .insert(appSettings)
          .values({ key, value: day })
          .onConflictDoUpdate({ target: appSettings.key, set: { value: day }, setWhere: sql`${appSettings.value} < ${JSON.stringify(day)}::jsonb` })
          .returning({ key: appSettings.key });
        if (rows.length) await this.enqueue(tx, d.def, d.data(day));
        return rows.length > 0;
      });
      if (claimed) {
        this.log.info({ queue: d.def.name, day }, 'daily job enqueued');
        this.kick(d.def);
        done.push(d.def.name);
      }
    }
    return done;
  }

  private async dailyLoop(): Promise<void> {
    while (this.state === 'running') {
      try {
        await this.enqueueDaily();
      } catch (err) {
        this.log.warn({ err }, 'enqueueing daily jobs failed');
      }
      await this.sleep(DAILY_LOOP, this.dailyCheckIntervalMs);
    }
  }

  /**
   * Adds a job inside `tx`: it exists only if `tx` commits. Call `kick()` after the commit for
   * an immediate run instead of the next poll.
   */
  async enqueue<T>(tx: Executor, def: QueueDef<T>, data: T): Promise<void> {
    if (!this.entries.has(def.name)) throw new Error(`Queue ${def.name} has no handler`);
    const id = await this.boss.send(def.name, data as object, {
      db: transactionExecutor(tx),
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds,
    });
    if (!id) throw new Error(`Queue ${def.name} refused a job`);
  }

  /** Wakes a queue's loop now (after committing jobs for it). */
  kick(def: { name: string }): void {
    const wake = this.wakers.get(def.name);
    if (wake) wake();
    else this.kicked.add(def.name);
  }

  /** Stops polling, waits for running jobs and every query in flight; the database may close after. */
  async stop(): Promise<void> {
    if (this.state === 'new') this.state = 'stopped';
    if (this.state !== 'running') return;
    this.state = 'stopping';
    for (const wake of this.wakers.values()) wake();
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: false, close: false });
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
    this.state = 'stopped';
  }

  /**
   * Nodes starting together both create the queue: pg-boss's create_queue attaches a
   * partition with a foreign key to the queue table, and the two inserts can deadlock. The
   * loser retries and finds the queue there.
   */
  private async createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.boss.createQueue(name);
      } catch (err) {
        if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
      }
    }
  }

  private track<R>(p: Promise<R>): Promise<R> {
    this.inflight.add(p);
    const done = () => this.inflight.delete(p);
    p.then(done, done);
    return p;
  }

  private async loop(entry: Entry): Promise<void> {
    const { name } = entry.def;
    while (this.state === 'running') {
      let jobs: PgBoss.JobWithMetadata<unknown>[] = [];
      try {
        jobs = await this.boss.fetch(name, { batchSize: this.batchSize, includeMetadata: true });
      } catch (err) {
        this.log.warn({ err, queue: name }, 'fetching jobs failed');
      }
      await Promise.all(jobs.map((job) => this.run(entry, job)));
      if (jobs.length < this.batchSize) await this.sleep(name);
    }
  }

  private async run(entry: Entry, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const { def, handler } = entry;
    const about = { queue: def.name, jobId: job.id, attempt: job.retryCount + 1, ...def.describe(job.data) };
    try {
      await handler(job.data);
    } catch (err) {
      const last = job.retryCount >= job.retryLimit;
      this.log[last ? 'error' : 'warn']({ ...about, err }, last ? 'job failed; giving up' : 'job failed; will retry');
      await this.settle(() => this.boss.fail(def.name, job.id, { message: (err as Error).message }), about);
      return;
    }
    this.log.info(about, 'job done');
    await this.settle(() => this.boss.complete(def.name, job.id), about);
  }

  /** Completing or failing a job can meet a database outage: the job then expires and is retried. */
  private async settle(fn: () => Promise<void>, about: Record<string, unknown>) {
    try {
      await fn();
    } catch (err) {
      this.log.warn({ ...about, err }, 'could not record the job result; it will run again after it expires');
    }
  }

  private sleep(name: string, ms = this.pollIntervalMs): Promise<void> {
    if (this.kicked.delete(name) || this.state !== 'running') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(wake, ms);
      const wakers = this.wakers;
      function wake() {
        clearTimeout(timer);
        wakers.delete(name);
        resolve();
      }
      this.wakers.set(name, wake);
    });
  }
}
