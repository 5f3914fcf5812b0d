/**
 * Delivery latency: N visitors in active conversations with M agents on PostgreSQL, sending at
 * a fixed total rate; time from a visitor's send to the assigned agent's receipt and from an
 * agent's send to the visitor's receipt (p50/p95/p99/max), through Parley and, in the same run,
 * through a bare `ws` relay with the same rooms, sockets and traffic (the baseline).
 *
 * Usage: `npm run delivery -w bench`. Environment (defaults = the goal's scale):
 *   BENCH_VISITORS 2000, BENCH_AGENTS 50, BENCH_SITES 10 (each agent serves one site; a
 *   message reaches every agent of its site, as in Parley), BENCH_RATE 500 (messages/s, both
 *   directions together), BENCH_SECONDS 60, BENCH_WARMUP 5, BENCH_PG_URL.
 * Goal (issue 6): p99 < 50 ms at 500 messages/s with 2,000 visitors and 50 agents.
 */
import { runBench } from './lib/cleanup';
import { envInt, envNumber } from './lib/env';
import { prepareChats } from './lib/fixtures';
import { createDatabase } from './lib/infra';
import { printReport, type Verdict } from './lib/report';
import { cpuVerdict, errors, measure, pct, runRate, startChatLoad, startParley, startWsServer, type Server } from './lib/servers';
import { int, ms, ratio, type Summary } from './lib/stats';
import type { PhaseResult } from './lib/chat-load';

const GOAL = { p99: 50, rate: 500, visitors: 2000, agents: 50 };

runBench(async () => {
  const visitors = envInt('BENCH_VISITORS', GOAL.visitors);
  const agents = envInt('BENCH_AGENTS', GOAL.agents);
  const sites = envInt('BENCH_SITES', 10);
  const rate = envNumber('BENCH_RATE', GOAL.rate);
  const seconds = envNumber('BENCH_SECONDS', 60);
  const warmup = envNumber('BENCH_WARMUP', 5);

  const db = await createDatabase('delivery');
  const fixture = await prepareChats(db.url, { visitors, agents, sites });

  const run = async (target: 'relay' | 'parley', server: Server) => {
    console.log(`${server.name}: connecting clients, then ${rate} msg/s for ${warmup} + ${seconds} s…`);
    const load = await startChatLoad(target, server.url, server.url, fixture);
    const m = await measure([server], () => runRate(load, { rate, seconds, warmup, tag: target }));
    await load.stop();
    await server.child.stop();
    return m;
  };
  // Baseline first, on its own; then Parley. Each server stops before the next starts.
  const relay = await run('relay', await startWsServer('ws relay'));
  const parley = await run('parley', await startParley('Parley', db.url));

  const lat = (name: string, dir: string, s: Summary | undefined) => [name, dir, ms(s?.p50), ms(s?.p95), ms(s?.p99), ms(s?.max), int(s?.n ?? 0)];
  const rel = (dir: string, a: Summary | undefined, b: Summary | undefined) => ['Parley ÷ ws relay', dir, ratio(a?.p50, b?.p50), ratio(a?.p95, b?.p95), ratio(a?.p99, b?.p99), ratio(a?.max, b?.max), ''];
  const R = relay.result;
  const P = parley.result;
  const runRow = (name: string, r: PhaseResult, server: { cpu: number; elu: number }, pgCores?: number) => [
    name,
    int(r.sent),
    `${r.sendRate.toFixed(0)}/s`,
    ms(r.lag?.p99),
    int(r.acked),
    String(r.lost),
    errors(r),
    int(r.deliveries),
    ms(r.ack?.p99),
    `${pct(server.cpu)} / ${pct(server.elu)}`,
    pct(pgCores),
    pct(r.generator.cpu),
  ];

  const atGoalScale = visitors >= GOAL.visitors && agents >= GOAL.agents && rate >= GOAL.rate;
  const worstP99 = Math.max(P.visitorToAgent?.p99 ?? Infinity, P.agentToVisitor?.p99 ?? Infinity);
  const verdicts: Verdict[] = [
    {
      pass: atGoalScale ? worstP99 < GOAL.p99 : null,
      text:
        `Parley delivery p99 ${ms(worstP99)} (worst direction) vs goal < ${GOAL.p99} ms at ${GOAL.rate} msg/s, ${GOAL.visitors} visitors, ${GOAL.agents} agents` +
        (atGoalScale ? '' : ` — this run used ${rate} msg/s, ${visitors} visitors, ${agents} agents: below the goal's scale, not a verdict`),
    },
    { pass: P.lost === 0 && !Object.keys(P.failed).length, text: `every acknowledged message reached the other side: ${P.lost} lost, errors: ${errors(P)}` },
  ];
  const notes: string[] = [];
  if (P.sendRate < rate * 0.95 || R.sendRate < rate * 0.95) notes.push(`the load generator did not keep the schedule (sent ${P.sendRate.toFixed(0)}/s and ${R.sendRate.toFixed(0)}/s of ${rate}/s): figures are not valid for this rate`);
  for (const [name, r] of [['ws relay', R], ['Parley', P]] as const) {
    if (r.generator.cpu > 0.85) notes.push(`the load generator used ${pct(r.generator.cpu)} of a core during the ${name} run: its own queueing is part of those latencies`);
  }
  if (parley.servers[0]!.elu > 0.85) notes.push(`${cpuVerdict("Parley's process", parley.servers[0]!)} (\`npm run throughput -w bench\` shows what it spends per message)`);

  return printReport(
    {
      bench: 'delivery',
      title: 'Delivery latency (bench/delivery.ts)',
      params: { visitors, agents, sites, 'fan-out per message': `${Math.ceil(agents / sites)} agents + the visitor`, rate: `${rate} msg/s`, seconds, warmup },
      tables: [
        {
          title: 'Latency from send to receipt by the other side (counted messages only)',
          columns: ['server', 'direction', 'p50', 'p95', 'p99', 'max', 'messages'],
          rows: [
            lat('ws relay', 'visitor → agent', R.visitorToAgent),
            lat('ws relay', 'agent → visitor', R.agentToVisitor),
            lat('Parley', 'visitor → agent', P.visitorToAgent),
            lat('Parley', 'agent → visitor', P.agentToVisitor),
            lat('Parley', 'ack (committed)', P.ack),
            rel('visitor → agent', P.visitorToAgent, R.visitorToAgent),
            rel('agent → visitor', P.agentToVisitor, R.agentToVisitor),
          ],
        },
        {
          title: 'The runs',
          columns: ['server', 'sent', 'send rate', 'send lag p99', 'acked', 'lost', 'errors', 'events received', 'ack p99', 'server CPU / event loop', 'postgres CPU (machine)', 'generator CPU'],
          rows: [runRow('ws relay', R, relay.servers[0]!), runRow('Parley', P, parley.servers[0]!, parley.postgresCores)],
        },
      ],
      verdicts,
      notes,
    },
    [db.version],
  );
});
