/**
 * Idle connections: how many widget (visitor) connections one Parley process holds with
 * heartbeats, and its memory per connection (heap, off-heap, RSS — after a full GC, minus the
 * same figures before the first connection) against a bare `ws` server holding the same number
 * in the same run.
 *
 * Usage: `npm run connections -w bench` (the npm script raises `ulimit -n` as far as the hard
 * limit allows; the server process needs one file descriptor per connection plus ~200).
 * Environment: BENCH_CONNECTIONS 20000, BENCH_HOLD_SECONDS 60 (after the last connection;
 * Socket.IO pings every 25 s, so at least two heartbeats), BENCH_CLIENT_PROCS (default one per
 * 5,000 connections), BENCH_SOURCE_ADDRESSES (127.0.0.x source addresses per server, default
 * one per 10,000 connections), BENCH_PG_URL.
 * Goal (issue 6): 20,000 connections, under 1.5× the bare server's memory per connection.
 */
import fs from 'node:fs';
import { entry, startChild, type Child } from './lib/child';
import { BenchError, runBench } from './lib/cleanup';
import { envInt, envNumber } from './lib/env';
import { prepareVisitors } from './lib/fixtures';
import { createDatabase } from './lib/infra';
import type { Memory } from './lib/probe';
import { printReport, type Verdict } from './lib/report';
import { startParley, startWsServer, type Server } from './lib/servers';
import { int, kb, ratio, sleep } from './lib/stats';

const GOAL = { connections: 20_000, ratio: 1.5 };

/** The soft limit on open files of this process (children inherit it). */
function fileLimit(): number {
  const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const n = Number(line?.split(/\s{2,}/)[1]);
  return Number.isFinite(n) ? n : Infinity;
}

interface Held {
  before: Memory & { sockets: number };
  after: Memory & { sockets: number };
  open: number;
  dropped: Record<string, number>;
  failed: Record<string, number>;
  connectSeconds: number;
}

runBench(async () => {
  const total = envInt('BENCH_CONNECTIONS', GOAL.connections);
  const hold = envNumber('BENCH_HOLD_SECONDS', 60);
  const procs = envInt('BENCH_CLIENT_PROCS', Math.ceil(total / 5000));
  const addressesPerRun = envInt('BENCH_SOURCE_ADDRESSES', Math.ceil(total / 10_000));
  const warmup = Math.min(500, Math.max(50, Math.round(total / 100)));
  const limit = fileLimit();
  if (total + 200 > limit) {
    throw new BenchError(
      `the open-files limit is ${limit}; holding ${total} connections in one server process needs at least ${total + 200}. ` +
        `Raise it (\`ulimit -n ${Math.max(65536, total + 1000)}\`; the hard limit must allow it: nofile in /etc/security/limits.conf, LimitNOFILE for systemd, --ulimit nofile=… for a container) or lower BENCH_CONNECTIONS.`,
    );
  }

  const db = await createDatabase('connections');
  const fixture = await prepareVisitors(db.url, total);
  const slices = Array.from({ length: procs }, (_, p) => fixture.visitors.filter((_, i) => i % procs === p));

  // Each run gets its own source addresses: the first run's closed sockets linger in TIME_WAIT.
  let nextAddress = 2;
  const hold1 = async (target: 'parley' | 'ws', server: Server): Promise<Held> => {
    const localAddresses = Array.from({ length: addressesPerRun }, () => `127.0.0.${nextAddress++}`);
    const clients: Child[] = slices.map((_, p) => startChild(`client process ${p + 1}`, entry(import.meta.url, './lib/idle-clients.ts')));
    await Promise.all(clients.map((c) => c.ready));
    const connect = (c: Child, visitors: typeof fixture.visitors) =>
      c.call<{ open: number; failed: Record<string, number> }>('connect', { target, url: server.url, siteKey: fixture.siteKey, siteId: 'bench', visitors, localAddresses, parallel: 100 });
    // Warm-up: a few connections come and go first, so the baseline already holds the code paths,
    // JIT output and pools every connection uses; what grows after that is per connection.
    await connect(clients[0]!, fixture.visitors.slice(0, warmup));
    await clients[0]!.call('close');
    await sleep(1000);
    const before = await server.child.call<Held['before']>('memory');
    console.log(`${server.name}: ${total} connections from ${procs} client process(es), source addresses ${localAddresses.join(', ')}…`);
    const t0 = performance.now();
    const connected = await Promise.all(clients.map((c, p) => connect(c, slices[p]!)));
    const connectSeconds = (performance.now() - t0) / 1000;
    const failed: Record<string, number> = {};
    for (const c of connected) for (const [why, n] of Object.entries(c.failed)) failed[why] = (failed[why] ?? 0) + n;
    console.log(`  ${connected.reduce((s, c) => s + c.open, 0)} open after ${connectSeconds.toFixed(1)} s; holding for ${hold} s…`);
    await sleep(hold * 1000);
    const status = await Promise.all(clients.map((c) => c.call<{ open: number; dropped: Record<string, number> }>('status')));
    const after = await server.child.call<Held['after']>('memory');
    const dropped: Record<string, number> = {};
    for (const s of status) for (const [why, n] of Object.entries(s.dropped)) dropped[why] = (dropped[why] ?? 0) + n;
    await Promise.all(clients.map((c) => c.stop()));
    await server.child.stop(30_000);
    return { before, after, open: status.reduce((s, c) => s + c.open, 0), dropped, failed, connectSeconds };
  };

  const bare = await hold1('ws', await startWsServer('bare ws server', { exposeGc: true }));
  const parley = await hold1('parley', await startParley('Parley', db.url, { exposeGc: true }));

  const per = (h: Held, key: keyof Memory) => (h.after[key] - h.before[key]) / Math.max(1, h.after.sockets);
  const offHeap = (h: Held) => per(h, 'external') + per(h, 'arrayBuffers');
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
  const row = (name: string, h: Held) => [
    name,
    `${int(h.after.sockets)} / ${int(total)}`,
    list(h.failed),
    list(h.dropped),
    `${h.connectSeconds.toFixed(1)} s`,
    kb(per(h, 'heapUsed')),
    kb(offHeap(h)),
    kb(per(h, 'rss')),
    `${(h.after.rss / 2 ** 20).toFixed(0)} MB`,
  ];
  const rssRatio = per(parley, 'rss') / per(bare, 'rss');
  const atGoal = total >= GOAL.connections;
  const verdicts: Verdict[] = [
    {
      pass: atGoal ? parley.after.sockets >= GOAL.connections && !Object.keys(parley.dropped).length : null,
      text: `Parley held ${int(parley.after.sockets)} of ${int(total)} connections for ${hold} s (dropped: ${list(parley.dropped)}); goal ${int(GOAL.connections)}` + (atGoal ? '' : ' — fewer asked for in this run: not a verdict'),
    },
    {
      pass: atGoal ? rssRatio < GOAL.ratio : null,
      text: `Parley's RSS per connection ${kb(per(parley, 'rss'))} = ${rssRatio.toFixed(2)}× the bare ws server's ${kb(per(bare, 'rss'))}; goal < ${GOAL.ratio}×` + (atGoal ? '' : ' — below the goal\'s scale: not a verdict'),
    },
  ];

  return printReport(
    {
      bench: 'connections',
      title: 'Idle widget connections (bench/connections.ts)',
      params: { connections: total, 'hold (s)': hold, 'client processes': procs, 'source addresses per server': addressesPerRun, heartbeat: '25 s ping (both servers)', 'open-files limit': limit },
      tables: [
        {
          title: `Memory per connection = (after holding − before the first connection, after ${warmup} warm-up connections came and went) ÷ sockets held, both after a full GC`,
          columns: ['server', 'held / asked', 'refused', 'dropped', 'connect time', 'heap/conn', 'off-heap/conn', 'RSS/conn', 'RSS total'],
          rows: [
            row('bare ws', bare),
            row('Parley', parley),
            ['Parley ÷ bare ws', '', '', '', '', ratio(per(parley, 'heapUsed'), per(bare, 'heapUsed')), offHeap(bare) >= 100 ? ratio(offHeap(parley), offHeap(bare)) : '–', ratio(per(parley, 'rss'), per(bare, 'rss')), ''],
          ],
        },
      ],
      verdicts,
      notes: [
        'a Parley visitor connection is authenticated (token hash lookup, origin check), joins its two rooms and is tracked for presence; the bare server only parses the query string and joins the same two rooms.',
      ],
    },
    [db.version],
  );
});
