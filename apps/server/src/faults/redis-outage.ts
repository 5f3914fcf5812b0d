/**
 * Fault: Redis (the cross-node fan-out) stops for 10 s and comes back.
 *
 * Two nodes on one PostgreSQL database and a PRIVATE redis-server (never the machine's shared
 * one). Visitors and agents on both nodes chat both ways; agents reply across nodes. While
 * Redis is down, delivery between clients of the same node goes on, /readyz turns red, nothing
 * crashes and nothing hangs; when it is back, cross-node delivery resumes and every client ends
 * up holding every message (what it missed live comes from its resync by seq).
 */
import { AgentClient, WidgetClient, type SendRecord } from './clients';
import { Cleanup, freshDatabase, log, openCtx, sleep, startNode, startPrivateRedis, waitFor, type ParleyNode } from './cluster';
import { fmtStats, report, tally, type Tally } from './ledger';
import { accept, buildFixture, Chatter, settled, VISITOR_ORIGIN } from './setup';

export interface RedisOutageOptions {
  visitors: number;
  outageMs: number;
  /** Each visitor writes this often, each agent to each of its chats this often (± 20 %). */
  sendEveryMs: number;
  replyEveryMs: number;
  beforeMs: number;
  afterMs: number;
  settleMs: number;
  scope?: string;
}

export const redisOutageDefaults: RedisOutageOptions = { visitors: 20, outageMs: 10_000, sendEveryMs: 2000, replyEveryMs: 3000, beforeMs: 2000, afterMs: 3000, settleMs: 30_000 };

interface Probe {
  status: number | 'timeout' | 'error';
  ms: number;
  body?: unknown;
}

async function probe(url: string, init: RequestInit = {}, timeoutMs = 8000): Promise<Probe> {
  const t = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.json().catch(() => undefined);
    return { status: res.status, ms: Date.now() - t, body };
  } catch (err) {
    return { status: (err as Error).name === 'TimeoutError' ? 'timeout' : 'error', ms: Date.now() - t };
  }
}

/** Polls a node's /readyz; `since(t, pred)` is the first sample at or after t matching. */
function readyzPoller(node: ParleyNode) {
  const samples: { at: number; status: number | string; body?: unknown }[] = [];
  let stop = false;
  void (async () => {
    while (!stop) {
      const at = Date.now();
      const p = await probe(`${node.url}/readyz`, {}, 3000);
      samples.push({ at, status: p.status, body: p.body });
      await sleep(200);
    }
  })();
  return {
    samples,
    stop: () => void (stop = true),
    since: (t: number, pred: (s: { status: number | string; body?: unknown }) => boolean) => samples.find((s) => s.at >= t && pred(s)),
  };
}

export interface RedisOutageResult {
  tally: Tally;
  problems: string[];
  nodesAlive: boolean;
  nodeErrors: string[];
  /** ms after Redis stopped until each node's /readyz answered 503 with redis down, and after it restarted until 200. */
  readyRed: (number | undefined)[];
  readyGreen: (number | undefined)[];
  readyBodyDuringOutage: unknown;
  /** Requests made during the outage. */
  duringOutage: { widgetConfig: Probe; createVisitor: Probe; handshakeMs: number | undefined; sendAck: Probe };
  /** Messages acked while Redis was down, and how their receivers first got them. */
  sameNode: { live: number; total: number };
  crossNode: { live: number; total: number };
  /** ms after Redis restarted until a probe message crossed nodes live again. */
  crossNodeResumedMs: number | undefined;
  /** ms after Redis restarted until every client held every message. */
  convergedMs: number | undefined;
  seconds: number;
}

export async function runRedisOutage(databaseBaseUrl: string, opts: RedisOutageOptions = redisOutageDefaults): Promise<RedisOutageResult> {
  const scope = opts.scope ?? 'redis-outage';
  const started = Date.now();
  const cleanup = new Cleanup();
  const clients: (WidgetClient | AgentClient)[] = [];
  cleanup.add('clients', () => clients.forEach((c) => c.stop()));
  const chatter = new Chatter(opts.sendEveryMs);
  const replies = new Chatter(opts.replyEveryMs);
  cleanup.add('chatter', () => {
    chatter.stop();
    replies.stop();
  });
  try {
    const redis = await startPrivateRedis(cleanup);
    const databaseUrl = await freshDatabase(cleanup, databaseBaseUrl);
    const [a, b] = await Promise.all([startNode(cleanup, { name: 'a', databaseUrl, redisUrl: redis.url }), startNode(cleanup, { name: 'b', databaseUrl, redisUrl: redis.url })]);
    const nodes = [a, b];
    log(scope, `private redis-server on ${redis.port}; nodes a=${a.url} b=${b.url} up in ${Date.now() - started} ms`);
    const { ctx, pool } = await openCtx(cleanup, databaseUrl);
    // One more visitor than asked: the probe, on node a, that times when cross-node delivery resumes.
    const fx = await buildFixture(ctx, (i) => nodes[i % 2]!.url, { agents: 2, visitors: opts.visitors + 2 });
    const agents = fx.agents.map((ag, i) => new AgentClient(`agent${i}@${i ? 'b' : 'a'}`, { urls: [nodes[i]!.url], cookie: ag.cookie }));
    const visitors = fx.visitors.slice(0, opts.visitors + 1).map((v, i) => new WidgetClient(`v${i}@${i % 2 ? 'b' : 'a'}`, { urls: [nodes[i % 2]!.url], visitor: v, origin: VISITOR_ORIGIN }));
    const probeVisitor = visitors.at(-1)!.name.endsWith('@a') ? visitors.at(-1)! : visitors.at(-2)!;
    clients.push(...agents, ...visitors);
    for (const c of clients) c.start();
    await settled(clients, 'everyone connected', 60_000);

    // Every visitor opens a chat; the agents split them so that replies cross nodes too.
    for (const v of visitors) v.send(`${v.name} hello`);
    await settled(clients, 'first messages acked', 30_000);
    const conversationIds = visitors.map((v) => v.conversationId!);
    for (const [i, v] of visitors.entries()) await accept(nodes[Math.floor(i / 2) % 2]!.url, fx.agents[Math.floor(i / 2) % 2]!, v.conversationId!);
    const assigned = visitors.map((v, i) => ({ v, agent: agents[Math.floor(i / 2) % 2]! }));
    await waitFor(() => agents.every((ag) => conversationIds.every((c) => ag.held.get(c)?.has(1))), 'both agents hold every first message (cross-node works)', 20_000);

    for (const v of visitors) if (v !== probeVisitor) chatter.add((n) => v.send(`${v.name} message ${n}`));
    for (const { v, agent } of assigned) if (v !== probeVisitor) replies.add((n) => agent.reply(v.conversationId!, `${agent.name} to ${v.name}: reply ${n}`));
    const pollers = nodes.map(readyzPoller);
    cleanup.add('readyz pollers', () => pollers.forEach((p) => p.stop()));
    await sleep(opts.beforeMs);

    const downAt = Date.now();
    await redis.stop();
    log(scope, `redis-server stopped`);
    // While it is down: a few requests a widget makes, and a new widget connection.
    await sleep(1000);
    const [widgetConfig, createVisitor] = await Promise.all([
      probe(`${a.url}/api/widget/config?siteKey=${fx.site.widgetKey}`, { headers: { origin: VISITOR_ORIGIN } }),
      probe(`${a.url}/api/widget/visitors`, { method: 'POST', headers: { 'content-type': 'application/json', origin: VISITOR_ORIGIN }, body: JSON.stringify({ siteKey: fx.site.widgetKey }) }),
    ]);
    const late = new WidgetClient('late@b', { urls: [b.url], visitor: fx.visitors.at(-1)!, origin: VISITOR_ORIGIN });
    clients.push(late);
    const lateStart = Date.now();
    late.start();
    const handshakeMs = await waitFor(() => late.settled && Date.now() - lateStart, 'a new widget connecting during the outage', 8000).catch(() => undefined);
    const sendStart = Date.now();
    late.send('late@b writes during the outage');
    const sendAck = await waitFor(() => late.outbox.length === 0, 'its first message acked', 8000).then(
      () => ({ status: 200, ms: Date.now() - sendStart }) as Probe,
      () => ({ status: 'timeout', ms: Date.now() - sendStart }) as Probe,
    );
    visitors.push(late);
    await sleep(Math.max(0, downAt + opts.outageMs - Date.now()));

    const upAt = Date.now();
    await redis.start();
    log(scope, `redis-server restarted after ${upAt - downAt} ms`);
    // The probe writes until one of its messages reaches agent b live.
    const agentB = agents[1]!;
    const probeConv = probeVisitor.conversationId!;
    let crossNodeResumedMs: number | undefined;
    for (let n = 0; Date.now() - upAt < 20_000; n++) {
      probeVisitor.send(`probe ${n}`);
      await sleep(250);
      const found = [...probeVisitor.sends.values()].find((s) => s.createdAt >= upAt && s.seq !== undefined && agentB.arrivals.get(`${probeConv}:${s.seq}`)?.via === 'live');
      if (found) {
        crossNodeResumedMs = agentB.arrivals.get(`${probeConv}:${found.seq}`)!.at - upAt;
        break;
      }
    }
    await sleep(opts.afterMs);
    chatter.stop();
    replies.stop();
    await settled(clients, 'everyone connected, synced and drained', opts.settleMs);
    let last: Awaited<ReturnType<typeof tally>> | undefined;
    let convergedMs: number | undefined;
    await waitFor(
      async () => {
        last = await tally({ pool, visitors, agents, conversationIds: [...conversationIds, ...(late.conversationId ? [late.conversationId] : [])] });
        return last.tally.missingInViews === 0 && last.tally.wrongInViews === 0;
      },
      'every view to hold every stored message',
      15_000,
      250,
    ).then(
      () => (convergedMs = Date.now() - upAt),
      () => undefined,
    );
    for (const p of pollers) p.stop();

    // How the messages acked while Redis was down first reached each of their receivers.
    const sends = new Map<string, SendRecord>();
    for (const c of clients) for (const s of c.sends.values()) sends.set(s.clientId, s);
    const sameNode = { live: 0, total: 0 };
    const crossNode = { live: 0, total: 0 };
    for (const row of last!.rows) {
      const s = row.clientId ? sends.get(row.clientId) : undefined;
      if (!s?.ackedAt || s.ackedAt < downAt || s.ackedAt > upAt || !s.ackUrl) continue;
      const receivers = [...agents, ...visitors.filter((v) => v.conversationId === row.conversationId)].filter((c) => !c.sends.has(s.clientId));
      for (const r of receivers) {
        const arrival = r.arrivals.get(`${row.conversationId}:${row.seq}`);
        if (!arrival) continue;
        const bucket = arrival.url === s.ackUrl ? sameNode : crossNode;
        bucket.total++;
        if (arrival.via === 'live' && arrival.at <= upAt) bucket.live++;
      }
    }
    const readyRed = pollers.map((p) => p.since(downAt, (s) => s.status === 503 && (s.body as { checks?: { redis?: string } })?.checks?.redis === 'down')?.at).map((t) => (t ? t - downAt : undefined));
    const readyGreen = pollers.map((p) => p.since(upAt, (s) => s.status === 200)?.at).map((t) => (t ? t - upAt : undefined));
    const result: RedisOutageResult = {
      tally: last!.tally,
      problems: last!.problems,
      nodesAlive: nodes.every((n) => n.alive()),
      nodeErrors: nodes.flatMap((n) => n.errors()),
      readyRed,
      readyGreen,
      readyBodyDuringOutage: pollers[0]!.since(downAt + 500, () => true)?.body,
      duringOutage: { widgetConfig, createVisitor, handshakeMs: handshakeMs || undefined, sendAck },
      sameNode,
      crossNode,
      crossNodeResumedMs,
      convergedMs,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    const reconnects = clients.flatMap((c) => c.episodes.filter((e) => e.downAt !== undefined && e.downAt >= upAt && e.syncedAt).map((e) => e.syncedAt! - upAt));
    report(
      scope,
      result.tally,
      {
        visitors: visitors.length,
        agents: agents.length,
        'outage ms': upAt - downAt,
        'nodes alive': String(result.nodesAlive),
        'node error lines': result.nodeErrors.length,
        'agent gap refetches': agents.reduce((n, x) => n + x.gapSyncs, 0),
      },
      [
        `during the outage: same-node deliveries live ${sameNode.live}/${sameNode.total}, cross-node live ${crossNode.live}/${crossNode.total} (the rest came by resync after)`,
        `readyz red after ${readyRed.join(' / ')} ms (a / b), body ${JSON.stringify(result.readyBodyDuringOutage)}; green again ${readyGreen.join(' / ')} ms after the restart`,
        `during the outage: GET /api/widget/config ${widgetConfig.status} in ${widgetConfig.ms} ms; POST /api/widget/visitors ${createVisitor.status} in ${createVisitor.ms} ms; new widget connected+synced in ${handshakeMs ?? 'n/a'} ms, its send acked ${sendAck.status} in ${sendAck.ms} ms`,
        `cross-node delivery resumed ${crossNodeResumedMs ?? 'never'} ms after the restart; every client held every message ${convergedMs ?? 'never (see problems)'} ms after it`,
        fmtStats('clients reconnected after the restart, resynced at (ms after the restart)', reconnects),
        `run took ${result.seconds} s`,
        ...result.problems.slice(0, 20).map((p) => `problem: ${p}`),
        ...result.nodeErrors.slice(0, 5).map((l) => `node error: ${l.slice(0, 300)}`),
      ],
    );
    return result;
  } finally {
    await cleanup.run();
  }
}
