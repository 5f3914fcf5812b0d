/**
 * Multi-node: two Parley nodes sharing PostgreSQL and Redis (Socket.IO Redis adapter), visitors
 * connected to node A and agents to node B, so every message crosses nodes through Redis —
 * against one node in the same run: delivery latency at a fixed rate, and the highest rate of
 * acknowledged messages (as in delivery.ts and throughput.ts).
 *
 * Configurations, each with fresh server processes on the same data:
 *   1. one node, no Redis (a single-node install);
 *   2. one node with the Redis adapter (what Redis costs by itself; BENCH_SINGLE_REDIS=0 skips it);
 *   3. two nodes, visitors on A, agents on B.
 *
 * Usage: `npm run multinode -w bench`. Environment: BENCH_VISITORS 2000, BENCH_AGENTS 50,
 * BENCH_SITES 10, BENCH_RATE 500, BENCH_SECONDS 30 (each measurement), BENCH_WARMUP 5,
 * BENCH_CONCURRENCY 50 (closed-loop senders; a list measures each), BENCH_PG_URL,
 * BENCH_REDIS_URL (else TEST_REDIS_URL, else redis://127.0.0.1:6379; keys under a unique
 * prefix, deleted at the end).
 */
import os from 'node:os';
import type { PhaseResult } from './lib/chat-load';
import { runBench } from './lib/cleanup';
import { envFlag, envInt, envInts, envNumber } from './lib/env';
import { prepareChats } from './lib/fixtures';
import { createDatabase, redisPrefix } from './lib/infra';
import { printReport, type Verdict } from './lib/report';
import { errors, measure, pct, runRate, runSaturate, startChatLoad, startParley, type Measured, type Server } from './lib/servers';
import { int, ms, ratio, type Summary } from './lib/stats';

interface ConfigResult {
  name: string;
  latency: Measured<PhaseResult>;
  throughput: (Measured<PhaseResult> & { concurrency: number })[];
}

runBench(async () => {
  const visitors = envInt('BENCH_VISITORS', 2000);
  const agents = envInt('BENCH_AGENTS', 50);
  const sites = envInt('BENCH_SITES', 10);
  const rate = envNumber('BENCH_RATE', 500);
  const seconds = envNumber('BENCH_SECONDS', 30);
  const warmup = envNumber('BENCH_WARMUP', 5);
  const levels = envInts('BENCH_CONCURRENCY', [50]);
  const singleRedis = envFlag('BENCH_SINGLE_REDIS', true);

  const redis = await redisPrefix();
  const db = await createDatabase('multinode');
  const fixture = await prepareChats(db.url, { visitors, agents, sites });

  const run = async (name: string, start: () => Promise<Server[]>): Promise<ConfigResult> => {
    const nodes = await start();
    const a = nodes[0]!;
    const b = nodes.at(-1)!;
    console.log(`${name}: visitors on ${a.name}, agents on ${b.name}; connecting…`);
    const load = await startChatLoad('parley', a.url, b.url, fixture);
    console.log(`  ${rate} msg/s for ${warmup} + ${seconds} s…`);
    const latency = await measure(nodes, () => runRate(load, { rate, seconds, warmup, tag: `${name.replace(/\W+/g, '')}-r` }));
    const throughput: ConfigResult['throughput'] = [];
    for (const concurrency of levels) {
      console.log(`  ${concurrency} concurrent senders for ${warmup} + ${seconds} s…`);
      throughput.push({ concurrency, ...(await measure(nodes, () => runSaturate(load, { concurrency, seconds, warmup, tag: `${name.replace(/\W+/g, '')}-c${concurrency}` }))) });
    }
    await load.stop();
    await Promise.all(nodes.map((n) => n.child.stop()));
    return { name, latency, throughput };
  };

  const configs: ConfigResult[] = [];
  configs.push(await run('one node', async () => [await startParley('node A', db.url)]));
  if (singleRedis) configs.push(await run('one node + Redis adapter', async () => [await startParley('node A', db.url, { redis })]));
  configs.push(await run('two nodes (A: visitors, B: agents)', () => Promise.all([startParley('node A', db.url, { redis }), startParley('node B', db.url, { redis })])));

  const one = configs[0]!;
  const two = configs.at(-1)!;
  const bestOf = (c: ConfigResult) => c.throughput.reduce((x, y) => (y.result.ackRate > x.result.ackRate ? y : x));
  const lat = (c: ConfigResult, dir: string, s: Summary | undefined) => [c.name, dir, ms(s?.p50), ms(s?.p95), ms(s?.p99), ms(s?.max), `${c.latency.result.sendRate.toFixed(0)}/s`, c.latency.servers.map((u) => pct(u.cpu)).join(' + ')];
  const verdicts: Verdict[] = configs.map((c) => {
    const all = [c.latency.result, ...c.throughput.map((t) => t.result)];
    const lost = all.reduce((s, r) => s + r.lost, 0);
    return { pass: lost === 0 && all.every((r) => !Object.keys(r.failed).length), text: `${c.name}: every acknowledged message reached the other side (${lost} lost; errors: ${all.map(errors).join(' / ')})` };
  });
  const notes: string[] = [];
  if (configs.some((c) => c.latency.result.sendRate < rate * 0.95)) notes.push('the load generator did not keep the schedule in every configuration: compare latencies with care');
  notes.push(`each node is its own process, but the nodes, PostgreSQL, Redis and the load generator share this machine's ${os.availableParallelism()} CPUs: a second node adds no hardware here, so the comparison shows what crossing nodes costs, not scale-out.`);

  return printReport(
    {
      bench: 'multinode',
      title: 'Multi-node (bench/multinode.ts)',
      params: { visitors, agents, sites, rate: `${rate} msg/s`, seconds, warmup, concurrency: levels.join(','), 'Redis prefix': redis.prefix },
      tables: [
        {
          title: `Delivery latency at ${rate} msg/s (send → the other side's receipt)`,
          columns: ['configuration', 'direction', 'p50', 'p95', 'p99', 'max', 'send rate', 'node CPU'],
          rows: [
            ...configs.flatMap((c) => [lat(c, 'visitor → agent', c.latency.result.visitorToAgent), lat(c, 'agent → visitor', c.latency.result.agentToVisitor)]),
            [`two nodes ÷ one node`, 'visitor → agent', ...(['p50', 'p95', 'p99', 'max'] as const).map((k) => ratio(two.latency.result.visitorToAgent?.[k], one.latency.result.visitorToAgent?.[k])), '', ''],
            [`two nodes ÷ one node`, 'agent → visitor', ...(['p50', 'p95', 'p99', 'max'] as const).map((k) => ratio(two.latency.result.agentToVisitor?.[k], one.latency.result.agentToVisitor?.[k])), '', ''],
          ],
        },
        {
          title: 'Highest rate of acknowledged (committed) messages',
          columns: ['configuration', 'senders', 'msgs/s', 'ack p50', 'ack p99', 'node CPU / event loop', 'postgres CPU (machine)'],
          rows: [
            ...configs.flatMap((c) =>
              c.throughput.map((t) => [c.name, String(t.concurrency), int(t.result.ackRate), ms(t.result.ack?.p50), ms(t.result.ack?.p99), t.servers.map((u) => `${pct(u.cpu)} / ${pct(u.elu)}`).join(' + '), pct(t.postgresCores)]),
            ),
            ['two nodes ÷ one node (best)', '', ratio(bestOf(two).result.ackRate, bestOf(one).result.ackRate), '', '', '', ''],
          ],
        },
      ],
      verdicts,
      notes,
    },
    [db.version],
  );
});
