import type { FastifyBaseLogger } from 'fastify';
import type { RedisPair } from './redis';

/** A token bucket: `perMinute` tokens refilled evenly over a minute, at most `perMinute` saved up (the burst). */
export interface Rule {
  name: string;
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

// Same arithmetic as the in-memory bucket, atomically in Redis so every node shares it.
const TAKE = `
local cap = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * per_ms)
local ok = 0
if tokens >= 1 then tokens = tokens - 1 ok = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / per_ms))
return ok`;

/** How long a Redis answer may take before this node decides alone. */
const REDIS_TIMEOUT_MS = 250;

/**
 * Rate limits keyed by who is acting (a visitor id, an IP address), not by connection, so a
 * reconnect does not refill the bucket. With REDIS_URL the buckets live in Redis and hold
 * across nodes; while Redis is away (or slow) each node counts on its own rather than
 * blocking or refusing chats.
 */
export class RateLimiter {
  private readonly local = new Map<string, Bucket>();
  private lastSweep = Date.now();

  constructor(
    private readonly redis: RedisPair | undefined,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; false when the bucket is empty (the action must be refused). */
  async take(rule: Rule, key: string): Promise<boolean> {
    const full = `${rule.name}:${key}`;
    const r = this.redis;
    if (r && r.limiter.status === 'ready') {
      try {
        const ok = await Promise.race([
          r.limiter.eval(TAKE, 1, `${r.prefix}:limit:${full}`, rule.perMinute, rule.perMinute / 60_000, this.now()),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), REDIS_TIMEOUT_MS).unref()),
        ]);
        if (ok !== null) return ok === 1;
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'rate limit check in redis failed; counting locally');
      }
    }
    return this.takeLocal(rule, full);
  }

  private takeLocal(rule: Rule, key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const b = this.local.get(key) ?? { tokens: rule.perMinute, at: now };
    b.tokens = Math.min(rule.perMinute, b.tokens + (Math.max(0, now - b.at) * rule.perMinute) / 60_000);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.local.set(key, b);
    return ok;
  }

  /** Forgets buckets untouched for two minutes (a full bucket is the same as none). */
  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [k, b] of this.local) if (now - b.at > 120_000) this.local.delete(k);
  }
}
