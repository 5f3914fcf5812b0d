/**
 * Redis stops and comes back under two nodes (the long variant of
 * apps/server/src/faults/redis-outage.int.test.ts). Needs PostgreSQL and a redis-server binary
 * (a private one is started on a free port; the machine's Redis is never touched).
 * Usage: `npm run faults-redis -w bench` — FAULT_VISITORS (60), FAULT_OUTAGE_MS (30000),
 * FAULT_SEND_EVERY_MS (2500), FAULT_REPLY_EVERY_MS (3000), FAULT_RUNS (1).
 */
import { runRedisOutage } from '../apps/server/src/faults/redis-outage';
import { num, pgUrl, verdict, type RunSummary } from './lib/faults';

const runs: RunSummary[] = [];
for (let run = 1; run <= num('FAULT_RUNS', 1); run++) {
  const r = await runRedisOutage(pgUrl, {
    visitors: num('FAULT_VISITORS', 60),
    outageMs: num('FAULT_OUTAGE_MS', 30_000),
    sendEveryMs: num('FAULT_SEND_EVERY_MS', 2500),
    replyEveryMs: num('FAULT_REPLY_EVERY_MS', 3000),
    beforeMs: num('FAULT_BEFORE_MS', 5000),
    afterMs: num('FAULT_AFTER_MS', 5000),
    settleMs: num('FAULT_SETTLE_MS', 120_000),
    scope: `redis-outage#${run}`,
  });
  const d = r.duringOutage;
  const failures = [
    ...(r.nodesAlive ? [] : ['a node died']),
    ...(r.sameNode.live < r.sameNode.total ? [`same-node delivery stopped: ${r.sameNode.live}/${r.sameNode.total} live`] : []),
    ...(d.widgetConfig.status !== 200 || d.createVisitor.status !== 201 || d.sendAck.status !== 200 || d.handshakeMs === undefined ? ['a widget request failed or hung during the outage'] : []),
    ...(r.readyRed.includes(undefined) || r.readyGreen.includes(undefined) ? ['/readyz did not follow Redis'] : []),
    ...(r.crossNodeResumedMs === undefined ? ['cross-node delivery did not resume'] : []),
  ];
  runs.push({
    run,
    seconds: r.seconds,
    tally: r.tally,
    problems: r.problems,
    failures,
    figures: {
      'same-node live': `${r.sameNode.live}/${r.sameNode.total}`,
      'cross-node live': `${r.crossNode.live}/${r.crossNode.total}`,
      'cross-node resumed ms': r.crossNodeResumedMs ?? 'never',
      'all held ms': r.convergedMs ?? 'never',
    },
  });
}
process.exit(verdict('redis-outage', runs));
