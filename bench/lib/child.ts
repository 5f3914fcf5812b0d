/**
 * Benchmark processes: servers and load generators each run in their own Node process (so they
 * never share an event loop), started with `startChild()` and driven over the IPC channel with
 * request/response calls. The child side is `serve()`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BenchError, onCleanup } from './cleanup';

type FromChild = { kind: 'ready'; data: unknown } | { kind: 'reply'; id: number; ok: true; data: unknown } | { kind: 'reply'; id: number; ok: false; error: string } | { kind: 'event'; name: string; data: unknown };
type ToChild = { kind: 'call'; id: number; method: string; params: unknown };

export interface Child<R = unknown> {
  name: string;
  pid: number;
  /** What the child sent with `ready()`. */
  ready: Promise<R>;
  call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  onEvent(fn: (name: string, data: unknown) => void): void;
  /** Asks the child to stop (`stop` method), then kills it if it has not exited within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** A module next to the caller, as a path for `startChild`. */
export const entry = (url: string, rel: string) => fileURLToPath(new URL(rel, url));

/**
 * Forks `file` (TypeScript, through the tsx loader this process runs under) with an IPC
 * channel. The child is stopped by cleanup if the benchmark ends first.
 */
export function startChild<R = unknown>(name: string, file: string, opts: { env?: Record<string, string>; execArgv?: string[] } = {}): Child<R> {
  const proc = fork(file, [], {
    env: { ...process.env, ...opts.env },
    execArgv: [...process.execArgv, ...(opts.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let exited = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout }>();
  const listeners: ((name: string, data: unknown) => void)[] = [];
  let markReady!: (v: R) => void;
  let failReady!: (e: Error) => void;
  const ready = new Promise<R>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  const exitedPromise = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      exited = true;
      const why = new BenchError(`${name} (pid ${proc.pid}) exited${signal ? ` on ${signal}` : ` with code ${code}`}`);
      failReady(why);
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(why);
      }
      pending.clear();
      resolve();
    }),
  );
  proc.on('message', (raw) => {
    const m = raw as FromChild;
    if (m.kind === 'ready') markReady(m.data as R);
    else if (m.kind === 'event') for (const fn of listeners) fn(m.name, m.data);
    else {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.data);
      else p.reject(new BenchError(`${name}: ${m.error}`));
    }
  });

  const stop = async (timeoutMs = 20_000) => {
    if (exited) return;
    const kill = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    try {
      proc.send({ kind: 'call', id: 0, method: 'stop', params: null } satisfies ToChild);
    } catch {
      proc.kill('SIGKILL');
    }
    await exitedPromise;
    clearTimeout(kill);
  };
  const unregister = onCleanup(`stop ${name}`, () => stop());
  // Last resort if this process dies without running cleanup: never leave a child behind.
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exitedPromise.then(() => {
    unregister();
    process.off('exit', killOnExit);
  });

  return {
    name,
    pid: proc.pid!,
    ready,
    onEvent: (fn) => void listeners.push(fn),
    stop,
    call<T>(method: string, params?: unknown, timeoutMs = 0): Promise<T> {
      if (exited) return Promise.reject(new BenchError(`${name} is not running`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const entry: { resolve: (v: unknown) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout } = { resolve: resolve as (v: unknown) => void, reject };
        if (timeoutMs) entry.timer = setTimeout(() => (pending.delete(id), reject(new BenchError(`${name}: ${method} did not answer within ${timeoutMs / 1000} s`))), timeoutMs);
        pending.set(id, entry);
        proc.send({ kind: 'call', id, method, params: params ?? null } satisfies ToChild);
      });
    },
  };
}

// ---- child side -----------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Methods = Record<string, (params: any) => unknown>;

/**
 * Answers the parent's calls with `methods`; `stop` runs `onStop` and exits. The child ignores
 * Ctrl+C (the parent, which gets it too, stops it in order) and exits if the parent goes away.
 */
export function serve(methods: Methods, onStop: () => Promise<void> | void): void {
  if (!process.send) throw new Error('this module runs as a benchmark child process (see bench/lib/child.ts)');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await onStop();
    } catch (err) {
      console.error('stopping failed:', err);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => {});
  process.on('disconnect', () => void stop());
  process.on('message', (raw) => {
    const m = raw as ToChild;
    if (m.kind !== 'call') return;
    if (m.method === 'stop') return void stop();
    const fn = methods[m.method];
    Promise.resolve()
      .then(() => {
        if (!fn) throw new Error(`unknown method ${m.method}`);
        return fn(m.params);
      })
      .then(
        (data) => process.send?.({ kind: 'reply', id: m.id, ok: true, data } satisfies FromChild),
        (err: unknown) => process.send?.({ kind: 'reply', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies FromChild),
      );
  });
}

export function ready(data: unknown = null): void {
  process.send?.({ kind: 'ready', data } satisfies FromChild);
}

export function emit(name: string, data: unknown = null): void {
  process.send?.({ kind: 'event', name, data } satisfies FromChild);
}
