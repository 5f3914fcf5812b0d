/**
 * Fault: 10 % of the clients lose their network for 5 s in the middle of conversations.
 *
 * One node (a child process) on PostgreSQL. Visitors
 * and agents chat both ways. A dropped client talks through its own TCP proxy: the drop resets
 * the client's side of its connection at once (as a phone losing its network) while the
 * server's side stays open and silent (the server notices only at its ping timeout, and what it
 * sends there meanwhile is lost); connection attempts fail until the network is back. Clients
 * keep the widget's reconnect schedule (at once, 2 s, 5 s, …). Then: each recovers (resync and
 * outbox flushed) within 5 s of reconnecting, and every message either side wrote before,
 * during and after the drop is held exactly once, in seq order, by everyone who should hold it.
 */
import { AgentClient, DropProxy, WidgetClient } from './clients';
import { Cleanup, freshDatabase, log, openCtx, sleep, startNode, waitFor } from './cluster';
import { fmtStats, report, tally, type Tally } from './ledger';
import { accept, buildFixture, Chatter, settled, VISITOR_ORIGIN } from './setup';

export interface NetworkDropOptions {
  visitors: number;
  agents: number;
  /** Share of the visitors and of the agents that drop (each rounded up). */
  dropFraction: number;
  dropMs: number;
  /** While the network is down, connection attempts hang until it is back (`hold`) or fail at once (`refuse`). */
  attempts: 'hold' | 'refuse';
  /** Each visitor writes this often; each agent to each of its chats this often (± 20 %). */
  sendEveryMs: number;
  replyEveryMs: number;
  beforeMs: number;
  afterMs: number;
  settleMs: number;
  scope?: string;
}

// 30 visitors and 3 agents: 3 visitors and 1 agent drop. Rates stay under the per-visitor
// message limit (VISITOR_MESSAGES_PER_MINUTE, 30 by default).
export const networkDropDefaults: NetworkDropOptions = { visitors: 30, agents: 3, dropFraction: 0.1, dropMs: 5000, attempts: 'hold', sendEveryMs: 3000, replyEveryMs: 4000, beforeMs: 3000, afterMs: 8000, settleMs: 30_000 };

export interface Recovery {
  name: string;
  /** ms from the network coming back to the client reconnecting (the reconnect schedule). */
  reconnectMs: number;
  /** ms from reconnecting to resynced, and to its outbox drained: recovered. */
  resyncMs: number;
  drainMs: number;
  recoveredMs: number;
  /** Messages it wrote while its network was down. */
  wroteWhileDown: number;
}

export interface NetworkDropResult {
  tally: Tally;
  problems: string[];
  dropped: number;
  clients: number;
  recoveries: Recovery[];
  /** Clients that never came back (should be none). */
  notRecovered: string[];
  /** Clients that were not dropped but reconnected anyway (should be none). */
  bystandersReconnected: number;
  seconds: number;
}

export async function runNetworkDrop(databaseBaseUrl: string, opts: NetworkDropOptions = networkDropDefaults): Promise<NetworkDropResult> {
  const scope = opts.scope ?? 'network-drop';
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
    const databaseUrl = await freshDatabase(cleanup, databaseBaseUrl);
    const server = await startNode(cleanup, { name: 'n', databaseUrl });
    const { ctx, pool } = await openCtx(cleanup, databaseUrl);
    log(scope, `node ${server.url} up in ${Date.now() - started} ms`);

    const fx = await buildFixture(ctx, () => server.url, { agents: opts.agents, visitors: opts.visitors });
    const dropVisitors = Math.ceil(opts.visitors * opts.dropFraction);
    const dropAgents = Math.ceil(opts.agents * opts.dropFraction);
    const proxies: DropProxy[] = [];
    const via = async (drop: boolean) => {
      if (!drop) return server.url;
      const p = await new DropProxy(server.port, opts.attempts).start();
      cleanup.add('proxy', () => p.close());
      proxies.push(p);
      return p.url;
    };
    const agents: AgentClient[] = [];
    for (const [i, ag] of fx.agents.entries()) agents.push(new AgentClient(`agent${i}${i < dropAgents ? '(drops)' : ''}`, { urls: [await via(i < dropAgents)], cookie: ag.cookie }));
    const visitors: WidgetClient[] = [];
    for (const [i, v] of fx.visitors.entries()) visitors.push(new WidgetClient(`v${i}${i < dropVisitors ? '(drops)' : ''}`, { urls: [await via(i < dropVisitors)], visitor: v, origin: VISITOR_ORIGIN }));
    const dropped = [...agents.slice(0, dropAgents), ...visitors.slice(0, dropVisitors)];
    clients.push(...agents, ...visitors);
    for (const c of clients) c.start();
    await settled(clients, 'everyone connected', 60_000);

    for (const v of visitors) v.send(`${v.name} hello`);
    await settled(clients, 'first messages stored', 30_000);
    // Chats are spread over the agents; each agent's dropped share holds some of each kind.
    const assigned = visitors.map((v, i) => ({ v, i: i % opts.agents }));
    for (const { v, i } of assigned) await accept(server.url, fx.agents[i]!, v.conversationId!);
    for (const v of visitors) chatter.add((n) => v.send(`${v.name} message ${n}`));
    for (const { v, i } of assigned) replies.add((n) => agents[i]!.reply(v.conversationId!, `${agents[i]!.name} to ${v.name}: reply ${n}`));
    await sleep(opts.beforeMs);

    const downAt = Date.now();
    for (const p of proxies) p.drop();
    log(scope, `network of ${dropped.length} of ${clients.length} clients dropped: ${dropped.map((c) => c.name).join(', ')}`);
    await sleep(opts.dropMs);
    const upAt = Date.now();
    for (const p of proxies) p.restore();
    log(scope, `network back after ${upAt - downAt} ms`);
    await sleep(opts.afterMs);
    chatter.stop();
    replies.stop();
    await settled(clients, 'everyone connected, synced and drained', opts.settleMs);
    let last: Awaited<ReturnType<typeof tally>> | undefined;
    const conversationIds = visitors.map((v) => v.conversationId!);
    await waitFor(
      async () => {
        last = await tally({ pool, visitors, agents, conversationIds });
        return last.tally.missingInViews === 0 && last.tally.wrongInViews === 0;
      },
      'every view to hold every stored message',
      10_000,
      250,
    ).catch(() => undefined);

    const recoveries: Recovery[] = [];
    const notRecovered: string[] = [];
    for (const c of dropped) {
      const ep = c.episodes.find((e) => e.upAt !== undefined && e.upAt >= upAt);
      if (!ep?.syncedAt || !ep.drainedAt) {
        notRecovered.push(c.name);
        continue;
      }
      recoveries.push({
        name: c.name,
        reconnectMs: ep.upAt! - upAt,
        resyncMs: ep.syncedAt - ep.upAt!,
        drainMs: ep.drainedAt - ep.upAt!,
        recoveredMs: Math.max(ep.syncedAt, ep.drainedAt) - ep.upAt!,
        wroteWhileDown: [...c.sends.values()].filter((s) => s.createdAt >= downAt && s.createdAt < upAt).length,
      });
    }
    const bystanders = clients.filter((c) => !dropped.includes(c));
    const result: NetworkDropResult = {
      tally: last!.tally,
      problems: last!.problems,
      dropped: dropped.length,
      clients: clients.length,
      recoveries,
      notRecovered,
      bystandersReconnected: bystanders.filter((c) => c.episodes.length > 1).length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    report(
      scope,
      result.tally,
      { clients: clients.length, dropped: dropped.length, 'drop ms': upAt - downAt, 'attempts while down': opts.attempts, 'not recovered': notRecovered.length, 'bystanders reconnected': result.bystandersReconnected },
      [
        ...recoveries.map((r) => `${r.name}: wrote ${r.wroteWhileDown} while down; reconnected ${r.reconnectMs} ms after the network came back; resynced ${r.resyncMs} ms, outbox drained ${r.drainMs} ms after reconnecting → recovered in ${r.recoveredMs} ms`),
        fmtStats('recovered, after reconnecting', recoveries.map((r) => r.recoveredMs)),
        fmtStats('reconnected, after the network came back', recoveries.map((r) => r.reconnectMs)),
        `run took ${result.seconds} s`,
        ...result.problems.slice(0, 20).map((p) => `problem: ${p}`),
      ],
    );
    return result;
  } finally {
    await cleanup.run();
  }
}
