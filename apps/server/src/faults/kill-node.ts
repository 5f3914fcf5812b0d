/**
 * Fault: SIGKILL one of two nodes while visitors write continuously.
 *
 * Two Parley processes share one PostgreSQL database and one Redis (own key prefix). Visitors
 * (widget clients) and agents (dashboard clients) are spread over both, each knowing both
 * URLs. Node A is killed mid-stream; its clients fail over to B, resync by seq and flush
 * their outboxes. Then: every message acked before the kill is stored exactly once, every
 * unacknowledged send is stored exactly once after its retry, seqs are 1..n in every
 * conversation, and every agent holds every message (counted by seq and clientId).
 */
import { randomToken } from '../ids';
import { AgentClient, WidgetClient, type SendRecord } from './clients';
import { Cleanup, dropRedisKeys, freshDatabase, log, openCtx, sleep, startNode, waitFor } from './cluster';
import { fmtStats, report, tally, type Tally } from './ledger';
import { buildFixture, Chatter, settled, VISITOR_ORIGIN } from './setup';

export interface KillNodeOptions {
  visitors: number;
  /** Agents per node. */
  agentsPerNode: number;
  /** Each visitor writes a message this often (± 20 %). */
  sendEveryMs: number;
  /** Traffic before the kill, and after it (the killed node's clients queue meanwhile). */
  beforeKillMs: number;
  afterKillMs: number;
  /** Bound for everyone to be reconnected, synced and drained once the traffic stops. */
  settleMs: number;
  scope?: string;
}

export interface KillNodeResult {
  tally: Tally;
  problems: string[];
  ackedBeforeKill: { count: number; lost: number; duplicated: number };
  unackedAtKill: { count: number; stored: number; lost: number; duplicated: number; storedByDyingNode: number };
  /** ms from the kill, per client of the killed node. */
  reconnect: number[];
  resynced: number[];
  drained: number[];
  killedBy: string | null;
  /** Conversations stored, and visitors with more than one (a retried first message opened another). */
  conversations: number;
  visitorsWithTwoConversations: number;
  survivorAlive: boolean;
  survivorErrors: string[];
  seconds: number;
}

// 200 visitors writing every 3 s (~67 messages/s offered, under the per-visitor limit of 30 a
// minute); 4 s of traffic before the kill and 3 s after it, while the killed node's half queue.
export const killNodeDefaults: KillNodeOptions = { visitors: 200, agentsPerNode: 1, sendEveryMs: 3000, beforeKillMs: 4000, afterKillMs: 3000, settleMs: 60_000 };

export async function runKillNode(urls: { database: string; redis: string }, opts: KillNodeOptions = killNodeDefaults): Promise<KillNodeResult> {
  const scope = opts.scope ?? 'kill-node';
  const started = Date.now();
  const cleanup = new Cleanup();
  const clients: (WidgetClient | AgentClient)[] = [];
  cleanup.add('clients', () => clients.forEach((c) => c.stop()));
  const chatter = new Chatter(opts.sendEveryMs);
  cleanup.add('chatter', () => chatter.stop());
  try {
    const redisUrl = urls.redis;
    const databaseUrl = await freshDatabase(cleanup, urls.database);
    const prefix = `parley-fault-${randomToken(8).replace(/[^A-Za-z0-9]/g, '')}`;
    cleanup.add('redis keys', () => dropRedisKeys(redisUrl, prefix));
    // Started together: migrations and the first-start bootstrap must not race.
    const [a, b] = await Promise.all([
      startNode(cleanup, { name: 'a', databaseUrl, redisUrl, redisPrefix: prefix }),
      startNode(cleanup, { name: 'b', databaseUrl, redisUrl, redisPrefix: prefix }),
    ]);
    const nodeUrls = [a.url, b.url];
    log(scope, `nodes up in ${Date.now() - started} ms: a=${a.url} (pid ${a.pid}) b=${b.url} (pid ${b.pid})`);

    const { ctx, pool } = await openCtx(cleanup, databaseUrl);
    const fx = await buildFixture(ctx, (i) => nodeUrls[i % 2]!, { agents: opts.agentsPerNode * 2, visitors: opts.visitors });
    const agents = fx.agents.map((ag, i) => new AgentClient(`agent${i}@${i % 2 ? 'b' : 'a'}`, { urls: nodeUrls, cookie: ag.cookie, home: i % 2 }));
    const visitors = fx.visitors.map((v, i) => new WidgetClient(`v${i}@${i % 2 ? 'b' : 'a'}`, { urls: nodeUrls, visitor: v, origin: VISITOR_ORIGIN, home: i % 2 }));
    clients.push(...agents, ...visitors);
    for (const c of clients) c.start();
    await settled(clients, 'everyone connected', 60_000);
    // Three visitors in four are in a conversation already; the others start theirs in the
    // stream, so some first messages (which create the conversation) are in flight at the kill.
    const warm = visitors.filter((_, i) => i % 4 !== 3);
    for (const v of warm) v.send(`${v.name} hello`);
    await settled(clients, 'conversations opened', 60_000);
    log(scope, `${visitors.length} visitors (${warm.length} in a conversation already) and ${agents.length} agents connected, half on each node`);

    const streamAt = Date.now();
    for (const v of visitors) chatter.add((n) => v.send(`${v.name} message ${n}`));
    await sleep(opts.beforeKillMs);

    // Kill at a moment when sends to node a are in flight (emitted, not yet acknowledged): on a
    // fast machine there may be none at a given instant. Snapshot and kill in one synchronous
    // step, so no ack can be processed in between.
    const onA = visitors.filter((v, i) => i % 2 === 0 && v.connected);
    const all = () => visitors.flatMap((v) => [...v.sends.values()]);
    const inFlightOnA = () => onA.some((v) => v.outbox.some((s) => s.emits.length > 0 && s.ackedAt === undefined));
    for (const end = Date.now() + 5000; !inFlightOnA() && Date.now() < end; ) await new Promise((r) => setImmediate(r));
    const killAt = Date.now();
    const ackedBefore = all().filter((s) => s.ackedAt !== undefined);
    const unacked = all().filter((s) => s.ackedAt === undefined && s.emits.length > 0);
    const queued = all().filter((s) => s.ackedAt === undefined && s.emits.length === 0).length;
    await a.kill('SIGKILL');
    const { signal } = await a.exit;
    log(scope, `killed node a (SIGKILL) after ${opts.beforeKillMs} ms of traffic: ${ackedBefore.length} acked, ${unacked.length} in flight (sent, unacknowledged), ${queued} queued`);

    await sleep(opts.afterKillMs);
    chatter.stop();
    await settled(clients, 'everyone reconnected to b, resynced and drained', opts.settleMs);
    const stopAt = Date.now();
    // The agents have all the messages once they stop changing; wait for the views to converge.
    const convIds = () => [...new Set(visitors.flatMap((v) => (v.conversationId ? [v.conversationId] : [])))];
    let last: Awaited<ReturnType<typeof tally>> | undefined;
    await waitFor(
      async () => {
        last = await tally({ pool, visitors, agents, conversationIds: convIds() });
        return last.tally.missingInViews === 0 && last.tally.wrongInViews === 0;
      },
      'every view to hold every stored message',
      10_000,
      250,
    ).catch(() => undefined);
    const { tally: t, byClientId, problems } = last!;
    // A retried first message must not have started a second conversation.
    const doubled = await pool.query('select visitor_id from conversations where site_id = $1 group by visitor_id having count(*) > 1', [fx.site.id]);
    const conversations = (await pool.query<{ n: number }>('select count(*)::int as n from conversations where site_id = $1', [fx.site.id])).rows[0]!.n;
    if (doubled.rowCount) problems.push(`${doubled.rowCount} visitors have more than one conversation`);
    log(scope, `settled ${stopAt - killAt - opts.afterKillMs} ms after the traffic stopped`);

    const count = (list: SendRecord[]) => {
      let lost = 0;
      let duplicated = 0;
      let stored = 0;
      for (const s of list) {
        const n = byClientId.get(s.clientId)?.length ?? 0;
        stored += n;
        if (n === 0) lost++;
        if (n > 1) duplicated += n - 1;
      }
      return { count: list.length, stored, lost, duplicated };
    };
    const before = count(ackedBefore);
    const inflight = count(unacked);
    // In flight at the kill yet committed by the dying node: their retries were answered from the stored row.
    const toA = new Set(onA.flatMap((v) => [...v.sends.keys()]));
    const unackedToA = unacked.filter((s) => toA.has(s.clientId)).map((s) => s.clientId);
    const storedByDying = (await pool.query('select 1 from messages where client_id = any($1) and created_at < $2', [unackedToA, new Date(killAt)])).rowCount ?? 0;
    const killedClients = [...onA, ...agents.filter((_, i) => i % 2 === 0)];
    const after = (c: WidgetClient | AgentClient, key: 'upAt' | 'syncedAt' | 'drainedAt') => {
      const ep = c.episodes.find((e) => e.downAt !== undefined && e.downAt >= killAt - 50);
      return ep?.[key] !== undefined ? ep[key]! - killAt : undefined;
    };
    const pick = (key: 'upAt' | 'syncedAt' | 'drainedAt') => killedClients.flatMap((c) => (after(c, key) === undefined ? [] : [after(c, key)!]));
    const result: KillNodeResult = {
      tally: t,
      problems,
      ackedBeforeKill: { count: before.count, lost: before.lost, duplicated: before.duplicated },
      unackedAtKill: { ...inflight, storedByDyingNode: storedByDying },
      reconnect: pick('upAt'),
      resynced: pick('syncedAt'),
      drained: pick('drainedAt'),
      killedBy: signal,
      conversations,
      visitorsWithTwoConversations: doubled.rowCount ?? 0,
      survivorAlive: b.alive(),
      survivorErrors: b.errors(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    report(
      scope,
      t,
      {
        visitors: visitors.length,
        agents: agents.length,
        conversations: `${conversations} (visitors with two: ${doubled.rowCount ?? 0})`,
        'acked before kill': `${before.count} (lost=${before.lost} duplicated=${before.duplicated})`,
        'unacknowledged at kill': `${inflight.count} (stored=${inflight.stored} lost=${inflight.lost} duplicated=${inflight.duplicated}; committed by the dying node before it died: ${storedByDying})`,
        'killed by': signal ?? 'exit',
        'survivor alive': String(b.alive()),
        'survivor error lines': b.errors().length,
        'agent gap refetches': agents.reduce((n, x) => n + x.gapSyncs, 0),
      },
      [
        fmtStats('ack latency in the stream before the kill (emit to ack)', ackedBefore.filter((s) => s.createdAt >= streamAt).map((s) => s.ackedAt! - s.emits.at(-1)!)),
        fmtStats(`killed node's clients (${killedClients.length}) reconnected to b, after the kill`, result.reconnect),
        fmtStats('resynced (visitor:state / sync answered), after the kill', result.resynced),
        fmtStats('outbox drained, after the kill', result.drained),
        `run took ${result.seconds} s`,
        ...problems.slice(0, 20).map((p) => `problem: ${p}`),
        ...b.errors().slice(0, 5).map((l) => `survivor error: ${l.slice(0, 300)}`),
      ],
    );
    return result;
  } finally {
    await cleanup.run();
  }
}
