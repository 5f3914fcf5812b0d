import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiter } from './limits';
import { connectRedis, type RedisPair } from './redis';

const log = pino({ level: 'silent' });
const rule = { name: 'test', perMinute: 6 };

async function takeN(l: RateLimiter, key: string, n: number) {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push(await l.take(rule, key));
  return out;
}

describe('RateLimiter (in memory)', () => {
  it('allows a minute’s worth at once, then one more per 1/perMinute of a minute', async () => {
    let now = 1_000_000;
    const l = new RateLimiter(undefined, log, () => now);
    expect(await takeN(l, 'v1', 8)).toEqual([true, true, true, true, true, true, false, false]);
    now += 9_999; // 6 a minute: one token every 10 s
    expect(await l.take(rule, 'v1')).toBe(false);
    now += 1;
    expect(await takeN(l, 'v1', 2)).toEqual([true, false]);
    now += 120_000; // refills to the burst, not beyond
    expect((await takeN(l, 'v1', 7)).filter(Boolean)).toHaveLength(6);
  });

  it('keeps one bucket per key: a flooding visitor does not limit another', async () => {
    const l = new RateLimiter(undefined, log, () => 5);
    await takeN(l, 'flood', 20);
    expect(await takeN(l, 'calm', 3)).toEqual([true, true, true]);
  });
});

// Shared through Redis (REDIS_URL): two nodes draw from one bucket.
describe.skipIf(!process.env.TEST_REDIS_URL)('RateLimiter (Redis)', () => {
  const pairs: RedisPair[] = [];
  afterAll(async () => {
    for (const p of pairs) await p.close();
  });

  it('two nodes share one bucket per key', async () => {
    const prefix = `limits-test-${Date.now()}`;
    const node = () => {
      const p = connectRedis(process.env.TEST_REDIS_URL!, log, prefix);
      pairs.push(p);
      return new RateLimiter(p, log);
    };
    const a = node();
    const b = node();
    await new Promise<void>((resolve) => (pairs[0]!.limiter.status === 'ready' ? resolve() : pairs[0]!.limiter.once('ready', () => resolve())));
    await new Promise<void>((resolve) => (pairs[1]!.limiter.status === 'ready' ? resolve() : pairs[1]!.limiter.once('ready', () => resolve())));
    const results = [...(await takeN(a, 'v', 3)), ...(await takeN(b, 'v', 3)), ...(await takeN(a, 'v', 2))];
    expect(results).toEqual([true, true, true, true, true, true, false, false]);
    expect(await b.take(rule, 'other')).toBe(true);
  });
});
