/**
 * A share of the clients lose their network mid-conversation (the long variant of
 * apps/server/src/faults/network-drop.int.test.ts). Needs PostgreSQL.
 * Usage: `npm run faults-network -w bench` — FAULT_VISITORS (200), FAULT_AGENTS (10),
 * FAULT_DROP_FRACTION (0.1), FAULT_DROP_MS (5000), FAULT_ATTEMPTS (`hold`: attempts hang while
 * down, or `refuse`: they fail at once), FAULT_SEND_EVERY_MS (3000), FAULT_REPLY_EVERY_MS (4000), FAULT_RUNS (1).
 */
import { runNetworkDrop } from '../apps/server/src/faults/network-drop';
import { stats } from '../apps/server/src/faults/ledger';
import { num, pgUrl, verdict, type RunSummary } from './lib/faults';

const attempts = process.env.FAULT_ATTEMPTS === 'refuse' ? 'refuse' : 'hold';
const runs: RunSummary[] = [];
for (let run = 1; run <= num('FAULT_RUNS', 1); run++) {
  const r = await runNetworkDrop(pgUrl, {
    visitors: num('FAULT_VISITORS', 200),
    agents: num('FAULT_AGENTS', 10),
    dropFraction: num('FAULT_DROP_FRACTION', 0.1),
    dropMs: num('FAULT_DROP_MS', 5000),
    attempts,
    sendEveryMs: num('FAULT_SEND_EVERY_MS', 3000),
    replyEveryMs: num('FAULT_REPLY_EVERY_MS', 4000),
    beforeMs: num('FAULT_BEFORE_MS', 5000),
    afterMs: num('FAULT_AFTER_MS', 10_000),
    settleMs: num('FAULT_SETTLE_MS', 120_000),
    scope: `network-drop#${run}`,
  });
  const slow = r.recoveries.filter((x) => x.recoveredMs > 5000).map((x) => `${x.name} recovered in ${x.recoveredMs} ms (> 5 s)`);
  runs.push({
    run,
    seconds: r.seconds,
    tally: r.tally,
    problems: r.problems,
    failures: [...slow, ...r.notRecovered.map((n) => `${n} never recovered`), ...(r.bystandersReconnected ? [`${r.bystandersReconnected} clients that kept their network reconnected`] : [])],
    figures: {
      dropped: `${r.dropped}/${r.clients}`,
      attempts,
      'reconnect p95 ms': stats(r.recoveries.map((x) => x.reconnectMs)).p95,
      'recovered p50 ms': stats(r.recoveries.map((x) => x.recoveredMs)).p50,
      'recovered max ms': stats(r.recoveries.map((x) => x.recoveredMs)).max,
    },
  });
}
process.exit(verdict('network-drop', runs));
