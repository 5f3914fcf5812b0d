import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

export interface RedisPair {
  pub: Redis;
  sub: Redis;
  /**
   * For rate limiters: every command gives up after 500 ms, so while Redis is away a check
   * fails (and the request goes through unlimited) instead of waiting in the offline queue
   * until Redis is back. (The queue stays on: at boot, checks wait the few ms until connected.)
   */
  limiter: Redis;
  /**
   * `fn` runs each time the subscriber is back after losing Redis: events published by other
   * nodes meanwhile never reached this node's clients.
   */
  onRestored(fn: () => void): void;
  /** Channel prefix of the Socket.IO adapter (tests use their own to stay isolated). */
  prefix: string;
  close(): Promise<void>;
}

/**
 * Two connections (Redis pub/sub needs its own). They reconnect forever with backoff: while
 * Redis is away local delivery goes on, cross-node delivery resumes when it is back, and
 * clients resync what they missed by seq.
 */
export function connectRedis(url: string, log: FastifyBaseLogger, prefix = 'parley'): RedisPair {
  const opts = { maxRetriesPerRequest: null, retryStrategy: (n: number) => Math.min(n * 200, 5000), lazyConnect: false };
  const pub = new Redis(url, opts);
  // No ready check on the subscriber: its INFO would be refused once the adapter has
  // queued (p)subscribe, and ioredis would then drop and redial it forever.
  const sub = pub.duplicate({ enableReadyCheck: false });
  const limiter = pub.duplicate({ commandTimeout: 500 });
  let warned = false;
  for (const c of [pub, sub, limiter]) {
    c.on('error', (err) => {
      if (!warned) log.warn({ err: err.message }, 'redis unavailable; cross-node delivery paused');
      warned = true;
    });
    c.on('ready', () => {
      if (warned) log.info('redis connection restored');
      warned = false;
    });
  }
  const restored: (() => void)[] = [];
  let subscribed = false;
  let lost = false;
  sub.on('ready', () => {
    subscribed = true;
    if (!lost) return;
    lost = false;
    for (const fn of restored) fn();
  });
  sub.on('close', () => {
    if (subscribed) lost = true;
  });
  return {
    pub,
    sub,
    limiter,
    prefix,
    onRestored: (fn) => void restored.push(fn),
    close: async () => {
      restored.length = 0;
      await Promise.allSettled([pub.quit(), sub.quit(), limiter.quit()]);
    },
  };
}
