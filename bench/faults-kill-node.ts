/**
 * SIGKILL one of two Parley nodes while visitors write continuously (the long variant of
 * apps/server/src/faults/kill-node.int.test.ts). Needs PostgreSQL and Redis.
 * Usage: `npm run faults-kill-node -w bench` — FAULT_VISITORS (500), FAULT_AGENTS_PER_NODE (2),
 * FAULT_SEND_EVERY_MS (2500), FAULT_BEFORE_MS (10000), FAULT_AFTER_MS (10000), FAULT_RUNS (3).
 */
import { runKillNode } from '../apps/server/src/faults/kill-node';
import { stats } from '../apps/server/src/faults/ledger';
import { num, pgUrl, redisUrl, verdict, type RunSummary } from './lib/faults';

const runs: RunSummary[] = [];
for (let run = 1; run <= num('FAULT_RUNS', 3); run++) {
  const r = await runKillNode(
    { database: pgUrl, redis: redisUrl },
    {
      visitors: num('FAULT_VISITORS', 500),
      agentsPerNode: num('FAULT_AGENTS_PER_NODE', 2),
      sendEveryMs: num('FAULT_SEND_EVERY_MS', 2500),
      beforeKillMs: num('FAULT_BEFORE_MS', 10_000),
      afterKillMs: num('FAULT_AFTER_MS', 10_000),
      settleMs: num('FAULT_SETTLE_MS', 180_000),
      scope: `kill-node#${run}`,
    },
  );
  const failures = [
    ...(r.survivorAlive ? [] : ['the surviving node died']),
    ...(r.ackedBeforeKill.lost || r.ackedBeforeKill.duplicated ? [`acked before the kill: lost ${r.ackedBeforeKill.lost}, duplicated ${r.ackedBeforeKill.duplicated}`] : []),
    ...(r.unackedAtKill.lost || r.unackedAtKill.duplicated ? [`unacknowledged at the kill: lost ${r.unackedAtKill.lost}, duplicated ${r.unackedAtKill.duplicated}`] : []),
    ...(r.visitorsWithTwoConversations ? [`${r.visitorsWithTwoConversations} visitors with two conversations`] : []),
  ];
  runs.push({
    run,
    seconds: r.seconds,
    tally: r.tally,
    problems: r.problems,
    failures,
    figures: {
      'acked before kill': r.ackedBeforeKill.count,
      'in flight at kill': r.unackedAtKill.count,
      retried: r.tally.retried,
      'reconnect p95 ms': stats(r.reconnect).p95,
      'resynced p95 ms': stats(r.resynced).p95,
      'drained max ms': stats(r.drained).max,
    },
  });
}
process.exit(verdict('kill-node', runs));
