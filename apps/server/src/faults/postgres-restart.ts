/**
 * Fault: PostgreSQL stops and starts again under a running Parley node.
 *
 * A PRIVATE cluster (initdb into a temp dir, pg_ctl on a free port; as root through
 * `runuser -u postgres`, since initdb refuses root) — never the machine's shared server. While
 * it is down: REST answers 503 `{ error: { code: 'unavailable' } }` quickly (no crash, no
 * hang), socket sends are answered `{ ok: false, error: { code: 'unavailable' } }`, new socket
 * connections are refused with `unavailable`, /readyz is red and /healthz stays green. When it
 * is back, without restarting Parley: readiness turns green, the clients' retried sends are
 * stored exactly once, new messages flow both ways, refused connections get in.
 */
import { AgentClient, WidgetClient } from './clients';
import { Cleanup, log, openCtx, sleep, startNode, startPrivatePostgres, waitFor } from './cluster';
import { fmtStats, report, tally, type Tally } from './ledger';
import { accept, buildFixture, settled, VISITOR_ORIGIN } from './setup';

export interface PostgresRestartOptions {
  visitors: number;
  /** How long the database stays down. */
  downMs: number;
  settleMs: number;
  scope?: string;
}

export const postgresRestartDefaults: PostgresRestartOptions = { visitors: 6, downMs: 8000, settleMs: 30_000 };

export interface Answer {
  what: string;
  status: number | string;
  ms: number;
  body?: unknown;
}

async function ask(what: string, url: string, init: RequestInit = {}): Promise<Answer> {
  const t = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { what, status: res.status, ms: Date.now() - t, body };
  } catch (err) {
    return { what, status: (err as Error).name === 'TimeoutError' ? 'timeout (20 s)' : `error ${(err as Error).message}`, ms: Date.now() - t };
  }
}

export interface PostgresRestartResult {
  tally: Tally;
  problems: string[];
  nodeAlive: boolean;
  /** Answers while the database was down. */
  during: Answer[];
  /** Acks of socket sends while it was down. */
  visitorSendDuring: { code: string | undefined; ms: number };
  agentSendDuring: { code: string | undefined; ms: number };
  /** A new widget connecting while it was down: handshake refusals by code. */
  refusedHandshakes: Record<string, number>;
  /** ms after `pg_ctl start` returned: /readyz green, every queued send stored, the refused widget connected. */
  readyAfterMs: number | undefined;
  drainedAfterMs: number | undefined;
  lateConnectedAfterMs: number | undefined;
  seconds: number;
}

export async function runPostgresRestart(opts: PostgresRestartOptions = postgresRestartDefaults): Promise<PostgresRestartResult> {
  const scope = opts.scope ?? 'postgres-restart';
  const started = Date.now();
  const cleanup = new Cleanup();
  const clients: (WidgetClient | AgentClient)[] = [];
  cleanup.add('clients', () => clients.forEach((c) => c.stop()));
  try {
    const pgc = await startPrivatePostgres(cleanup);
    // Sweeps every 2 s, so the background work meets the outage too.
    const node = await startNode(cleanup, { name: 'pg', databaseUrl: pgc.url, env: { SWEEP_INTERVAL_SECONDS: '2' } });
    log(scope, `private PostgreSQL on ${pgc.port}${process.getuid?.() === 0 ? ' (run as the postgres user: initdb refuses root)' : ''}; node ${node.url} up in ${Date.now() - started} ms`);
    const { ctx, pool } = await openCtx(cleanup, pgc.url);
    const fx = await buildFixture(ctx, () => node.url, { agents: 1, visitors: opts.visitors + 1 });
    const urls = [node.url];
    // A send refused as unavailable: the widget keeps it queued and sends it again every 5 s;
    // the dashboard shows it "not sent" with a Retry button, which this agent presses every second.
    const agent = new AgentClient('agent', { urls, cookie: fx.agents[0]!.cookie, retryCodes: ['unavailable'] });
    const visitors = fx.visitors.slice(0, opts.visitors).map((v, i) => new WidgetClient(`v${i}`, { urls, visitor: v, origin: VISITOR_ORIGIN }));
    clients.push(agent, ...visitors);
    for (const c of clients) c.start();
    await settled(clients, 'everyone connected', 30_000);
    for (const v of visitors) v.send(`${v.name} hello`);
    await settled(clients, 'first messages stored', 30_000);
    for (const v of visitors) await accept(node.url, fx.agents[0]!, v.conversationId!);
    for (const v of visitors) agent.reply(v.conversationId!, `hello ${v.name}`);
    await settled(clients, 'first replies stored', 30_000);
    const before = await ask('readyz before', `${node.url}/readyz`);

    const downAt = Date.now();
    await pgc.stop();
    log(scope, `PostgreSQL stopped (pg_ctl stop -m fast) in ${Date.now() - downAt} ms`);
    const agentHeaders = { cookie: fx.agents[0]!.cookie };
    const widget = { origin: VISITOR_ORIGIN, 'content-type': 'application/json' };
    const [during, visitorSendDuring, agentSendDuring] = await Promise.all([
      Promise.all([
        ask('GET /readyz', `${node.url}/readyz`),
        ask('GET /healthz', `${node.url}/healthz`),
        ask('GET /api/widget/config', `${node.url}/api/widget/config?siteKey=${fx.site.widgetKey}`, { headers: { origin: VISITOR_ORIGIN } }),
        ask('POST /api/widget/visitors', `${node.url}/api/widget/visitors`, { method: 'POST', headers: widget, body: JSON.stringify({ siteKey: fx.site.widgetKey }) }),
        ask('GET /api/conversations (agent)', `${node.url}/api/conversations?status=all`, { headers: agentHeaders }),
        ask('GET /api/auth/me (agent)', `${node.url}/api/auth/me`, { headers: agentHeaders }),
        ask('POST /api/auth/login', `${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: fx.agents[0]!.email, password: fx.agents[0]!.password }) }),
      ]),
      (async () => {
        const t = Date.now();
        const id = visitors[0]!.send('v0 writes while the database is down');
        await waitFor(() => visitors[0]!.sends.get(id)!.refused || visitors[0]!.sends.get(id)!.ackedAt, 'an answer to a send', 20_000).catch(() => undefined);
        return { code: visitors[0]!.sends.get(id)!.refused, ms: Date.now() - t };
      })(),
      (async () => {
        const t = Date.now();
        const id = agent.reply(visitors[1]!.conversationId!, 'the agent writes while the database is down');
        await waitFor(() => agent.sends.get(id)!.refused || agent.sends.get(id)!.ackedAt, 'an answer to a reply', 20_000).catch(() => undefined);
        return { code: agent.sends.get(id)!.refused, ms: Date.now() - t };
      })(),
    ]);
    // Everyone else writes too; a widget opens meanwhile (its handshake is refused, it retries).
    for (const v of visitors.slice(1)) v.send(`${v.name} writes while the database is down`);
    const late = new WidgetClient('late', { urls, visitor: fx.visitors.at(-1)!, origin: VISITOR_ORIGIN });
    clients.push(late);
    late.start();
    await sleep(Math.max(0, downAt + opts.downMs - Date.now()));
    const nodeAliveDuring = node.alive();

    await pgc.start();
    const upAt = Date.now();
    log(scope, `PostgreSQL started again after ${upAt - downAt} ms down`);
    const readyAfterMs = await waitFor(async () => (await ask('readyz', `${node.url}/readyz`)).status === 200 && Date.now() - upAt, '/readyz green again', 30_000, 100).catch(() => undefined);
    const drainedAfterMs = await waitFor(() => [agent, ...visitors].every((c) => c.outbox.length === 0) && Date.now() - upAt, 'every queued send stored', opts.settleMs, 100).catch(() => undefined);
    const lateConnectedAfterMs = await waitFor(() => late.settled && Date.now() - upAt, 'the refused widget connected', opts.settleMs, 100).catch(() => undefined);
    // New messages flow both ways.
    late.send('late: hello once the database is back');
    for (const v of visitors) v.send(`${v.name} after the restart`);
    for (const v of visitors) agent.reply(v.conversationId!, `after the restart, ${v.name}`);
    visitors.push(late);
    await settled(clients, 'everyone synced and drained after the restart', opts.settleMs);
    let last: Awaited<ReturnType<typeof tally>> | undefined;
    await waitFor(
      async () => {
        last = await tally({ pool, visitors, agents: [agent] });
        return last.tally.missingInViews === 0 && last.tally.wrongInViews === 0;
      },
      'every view to hold every stored message',
      10_000,
      250,
    ).catch(() => undefined);

    const result: PostgresRestartResult = {
      tally: last!.tally,
      problems: last!.problems,
      nodeAlive: nodeAliveDuring && node.alive(),
      during,
      visitorSendDuring,
      agentSendDuring,
      refusedHandshakes: Object.fromEntries(late.refusals),
      readyAfterMs: readyAfterMs || undefined,
      drainedAfterMs: drainedAfterMs || undefined,
      lateConnectedAfterMs: lateConnectedAfterMs || undefined,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    const short = (b: unknown) => JSON.stringify(b)?.slice(0, 160);
    report(
      scope,
      result.tally,
      { visitors: visitors.length, agents: 1, 'down ms': upAt - downAt, 'node alive': String(result.nodeAlive), 'node error lines': node.errors().length },
      [
        `before: readyz ${before.status} ${short(before.body)}`,
        ...during.map((a) => `while down: ${a.what} → ${a.status} in ${a.ms} ms ${short(a.body)}`),
        `while down: visitor send → ${visitorSendDuring.code ?? 'ok'} in ${visitorSendDuring.ms} ms; agent reply → ${agentSendDuring.code ?? 'ok'} in ${agentSendDuring.ms} ms; new widget handshakes refused: ${JSON.stringify(result.refusedHandshakes)}`,
        `after the restart: readyz green in ${readyAfterMs ?? 'never'} ms, queued sends stored in ${drainedAfterMs ?? 'never'} ms, the refused widget connected in ${lateConnectedAfterMs ?? 'never'} ms (its schedule: at once, 2 s, 5 s, 10 s…)`,
        fmtStats('sends refused while down then stored: first refusal to ack', [agent, ...visitors].flatMap((c) => [...c.sends.values()].filter((s) => s.refused && s.ackedAt).map((s) => s.ackedAt! - s.emits[0]!))),
        `run took ${result.seconds} s`,
        ...result.problems.slice(0, 20).map((p) => `problem: ${p}`),
        ...node.errors().slice(0, 5).map((l) => `node error: ${l.slice(0, 300)}`),
      ],
    );
    return result;
  } finally {
    await cleanup.run();
  }
}
