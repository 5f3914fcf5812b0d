import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

export interface RedisPair {
  pub: Redis;
  sub: Redis;
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
  let warned = false;
  for (const c of [pub, sub]) {
    c.on('error', (err) => {
      if (!warned) log.warn({ err: err.message }, 'redis unavailable; cross-node delivery paused');
      warned = true;
    });
    c.on('ready', () => {
      if (warned) log.info('redis connection restored');
      warned = false;
    });
  }
  return {
    pub,
    sub,
    prefix,
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
