/**
 * Durable throughput: the highest rate of acknowledged (= committed) messages per second
 * through Parley with fan-out (every agent connected, each message reaching its site's agents
 * and the visitor), against the rate of the same row inserts done by a plain `pg` script on
 * the same PostgreSQL server in the same run: single-row autocommit, and batched multi-row.
 *
 * Usage: `npm run throughput -w bench`. Environment:
 *   BENCH_VISITORS 1000, BENCH_AGENTS 50, BENCH_SITES 10,
 *   BENCH_CONCURRENCY 10,50,200 (Parley: senders each waiting for their ack before the next
 *   message; the best level counts), BENCH_SECONDS 20 per measurement, BENCH_WARMUP 3,
 *   BENCH_PG_CONNECTIONS (raw script's connections; default = Parley's pool, DATABASE_POOL_SIZE or 10),
 *   BENCH_BATCH 100 (rows per batched insert), BENCH_PG_URL.
 * Goals (issue 6): at least 3× the single-row autocommit rate and 0.5× the batched rate.
 * Server code is not changed here; when a goal is missed the report says what limits it.
 */
import { runBench } from './lib/cleanup';
import { envInt, envInts, envNumber } from './lib/env';
import { prepareChats } from './lib/fixtures';
import { createDatabase } from './lib/infra';
import { rawInserts } from './lib/raw-inserts';
import { printReport, type Verdict } from './lib/report';
import type { PhaseResult } from './lib/chat-load';
import { cpuVerdict, errors, measure, pct, runSaturate, startChatLoad, startParley, type Measured } from './lib/servers';
import { int, ms } from './lib/stats';

const GOAL = { single: 3, batched: 0.5 };

runBench(async () => {
  const visitors = envInt('BENCH_VISITORS', 1000);
  const agents = envInt('BENCH_AGENTS', 50);
  const sites = envInt('BENCH_SITES', 10);
  const levels = envInts('BENCH_CONCURRENCY', [10, 50, 200]);
  const seconds = envNumber('BENCH_SECONDS', 20);
  const warmup = envNumber('BENCH_WARMUP', 3);
  const pool = envInt('DATABASE_POOL_SIZE', 10);
  const connections = envInt('BENCH_PG_CONNECTIONS', pool);
  const batch = envInt('BENCH_BATCH', 100);

  const db = await createDatabase('throughput');
  const fixture = await prepareChats(db.url, { visitors, agents, sites, spare: connections });

  console.log(`plain pg: single-row autocommit inserts on ${connections} connections for ${warmup} + ${seconds} s…`);
  const single = await rawInserts(db.url, fixture.spare, { connections, rows: 1, seconds, warmup });
  console.log(`plain pg: ${batch}-row inserts on ${connections} connections…`);
  const batched = await rawInserts(db.url, fixture.spare, { connections, rows: batch, seconds, warmup });

  const node = await startParley('Parley', db.url);
  console.log('Parley: connecting clients…');
  const load = await startChatLoad('parley', node.url, node.url, fixture);
  const runs: (Measured<PhaseResult> & { concurrency: number })[] = [];
  for (const concurrency of levels) {
    console.log(`Parley: ${concurrency} concurrent senders for ${warmup} + ${seconds} s…`);
    runs.push({ concurrency, ...(await measure([node], () => runSaturate(load, { concurrency, seconds, warmup, tag: `c${concurrency}` }))) });
  }
  await load.stop();
  await node.child.stop();

  const best = runs.reduce((a, b) => (b.result.ackRate > a.result.ackRate ? b : a));
  const perMessage = (r: (typeof runs)[number], key: string) => (r.servers[0]!.counters[key] ?? 0) / Math.max(1, r.result.ackedAll);
  const vsSingle = best.result.ackRate / single.rate;
  const vsBatched = best.result.ackRate / batched.rate;

  const verdicts: Verdict[] = [
    { pass: vsSingle >= GOAL.single, text: `Parley ${int(best.result.ackRate)} msg/s = ${vsSingle.toFixed(2)}× plain pg single-row autocommit (${int(single.rate)} rows/s); goal ≥ ${GOAL.single}×` },
    { pass: vsBatched >= GOAL.batched, text: `Parley ${int(best.result.ackRate)} msg/s = ${vsBatched.toFixed(2)}× plain pg ${batch}-row batches (${int(batched.rate)} rows/s); goal ≥ ${GOAL.batched}×` },
    { pass: runs.every((r) => r.result.lost === 0 && !Object.keys(r.result.failed).length), text: `no message lost or refused: ${runs.map((r) => `c=${r.concurrency}: ${r.result.lost} lost, errors ${errors(r.result)}`).join('; ')}` },
  ];
  const commits = perMessage(best, 'commits');
  const statements = perMessage(best, 'statements');
  const server = best.servers[0]!;
  const cpuMs = (server.cpu * server.seconds * 1000) / Math.max(1, best.result.ackedAll);
  const notes: string[] = [];
  if (vsSingle < GOAL.single || vsBatched < GOAL.batched) {
    notes.push(
      `what limits Parley: ${commits.toFixed(2)} COMMITs and ${statements.toFixed(1)} SQL statements per acknowledged message (counted on Parley's pg clients at c=${best.concurrency}). ` +
        'Every send is its own transaction (apps/server/src/modules/messages/service.ts, sendOnce → ctx.db.transaction: lock the visitor or conversation, idempotency lookup, conversation update, insert, commit), ' +
        'followed by the sender’s conversation read and, for visitor messages, the notification listener’s queries (modules/notifications). ' +
        `So Parley commits at most one message per commit, with at most DATABASE_POOL_SIZE=${pool} transactions in flight; beating ${GOAL.single}× single-row autocommit needs several messages per commit (group commit in the message path).`,
    );
    notes.push(
      `Parley's process spent ${cpuMs.toFixed(2)} ms of CPU per acknowledged message (handler, SQL through drizzle/pg, fan-out, notifications): one core caps one node near ${int(1000 / cpuMs)} msg/s.`,
    );
    notes.push(`at c=${best.concurrency}: ${cpuVerdict("Parley's process", server)}; PostgreSQL processes used ${pct(best.postgresCores)} of a core (whole machine), the load generator ${pct(best.result.generator.cpu)}.`);
  }

  return printReport(
    {
      bench: 'throughput',
      title: 'Durable throughput (bench/throughput.ts)',
      params: { visitors, agents, sites, 'fan-out per message': `${Math.ceil(agents / sites)} agents + the visitor`, concurrency: levels.join(','), seconds, warmup, 'pg connections': connections, batch, 'Parley pool': pool },
      tables: [
        {
          title: 'Committed messages (rows) per second; latency = per statement (pg) or send → ack (Parley)',
          columns: ['writer', 'concurrency', 'msgs/s', 'latency p50', 'p99', 'events received/s', 'statements/msg', 'commits/msg', 'server CPU ms/msg', 'server CPU / event loop', 'postgres CPU (machine)'],
          rows: [
            ['plain pg, single-row autocommit', `${connections} conns`, int(single.rate), ms(single.statement?.p50), ms(single.statement?.p99), '', '1', '1', '', '', ''],
            ['plain pg, batched', `${connections} conns × ${batch} rows`, int(batched.rate), ms(batched.statement?.p50), ms(batched.statement?.p99), '', '1', String(1 / batch), '', '', ''],
            ...runs.map((r) => [
              `Parley${r === best ? ' (best)' : ''}`,
              `${r.concurrency} senders`,
              int(r.result.ackRate),
              ms(r.result.ack?.p50),
              ms(r.result.ack?.p99),
              int(r.result.deliveries / (seconds + warmup)),
              perMessage(r, 'statements').toFixed(1),
              perMessage(r, 'commits').toFixed(2),
              ((r.servers[0]!.cpu * r.servers[0]!.seconds * 1000) / Math.max(1, r.result.ackedAll)).toFixed(2),
              `${pct(r.servers[0]!.cpu)} / ${pct(r.servers[0]!.elu)}`,
              pct(r.postgresCores),
            ]),
          ],
        },
      ],
      verdicts,
      notes,
    },
    [db.version],
  );
});
