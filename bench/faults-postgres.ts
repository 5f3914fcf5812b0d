/**
 * PostgreSQL stops and starts again under a running node (the long variant of
 * apps/server/src/faults/postgres-restart.int.test.ts): a private cluster is created with
 * initdb (as the postgres user when run as root) on a free port; the machine's server is never touched.
 * Usage: `npm run faults-postgres -w bench` — FAULT_VISITORS (20), FAULT_DOWN_MS (30000), FAULT_RUNS (1).
 */
import { runPostgresRestart } from '../apps/server/src/faults/postgres-restart';
import { num, verdict, type RunSummary } from './lib/faults';

const runs: RunSummary[] = [];
for (let run = 1; run <= num('FAULT_RUNS', 1); run++) {
  const r = await runPostgresRestart({ visitors: num('FAULT_VISITORS', 20), downMs: num('FAULT_DOWN_MS', 30_000), settleMs: num('FAULT_SETTLE_MS', 120_000), scope: `postgres-restart#${run}` });
  const not503 = r.during.filter((a) => a.what !== 'GET /healthz' && a.status !== 503).map((a) => `${a.what} answered ${a.status}`);
  const failures = [
    ...(r.nodeAlive ? [] : ['the node died']),
    ...not503,
    ...(r.visitorSendDuring.code !== 'unavailable' || r.agentSendDuring.code !== 'unavailable' ? ['a socket send was not refused as unavailable'] : []),
    ...(r.readyAfterMs === undefined || r.drainedAfterMs === undefined || r.lateConnectedAfterMs === undefined ? ['did not resume'] : []),
  ];
  runs.push({
    run,
    seconds: r.seconds,
    tally: r.tally,
    problems: r.problems,
    failures,
    figures: {
      'slowest answer while down ms': Math.max(...r.during.map((a) => a.ms)),
      'ready after ms': r.readyAfterMs ?? 'never',
      'queued stored after ms': r.drainedAfterMs ?? 'never',
      'refused widget in after ms': r.lateConnectedAfterMs ?? 'never',
    },
  });
}
process.exit(verdict('postgres-restart', runs));
