/**
 * Benchmark data, written through Parley's own services (the ones the API calls), in this
 * process, before any server starts: migrations and the first-start bootstrap, sites, agents
 * with a session each, visitors with their credentials, and conversations that are already
 * active with an assigned agent, so that both sides can send from the first second.
 *
 * Why services and not `POST /api/widget/visitors`: that endpoint is rate-limited to 300
 * visitors per minute per address (as it should be), which would make 20,000 visitors take over
 * an hour from one machine. `createVisitor` is exactly what the endpoint runs after its checks
 * (the same insert, the same token hashing), so the rows are the real thing.
 *
 * The services run with an event bus nobody listens to: setting up emits no fan-out, routing
 * or notifications (sites use manual routing, so nothing is assigned behind our back later).
 */
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from '../../apps/server/src/config';
import type { Ctx } from '../../apps/server/src/context';
import { openDatabase, type Database } from '../../apps/server/src/db/client';
import { EventBus } from '../../apps/server/src/events/bus';
import { JobQueue } from '../../apps/server/src/jobs/queue';
import { agentFromSession, createSession, SESSION_COOKIE } from '../../apps/server/src/modules/auth/sessions';
import { acceptConversation } from '../../apps/server/src/modules/conversations/service';
import { sendMessage } from '../../apps/server/src/modules/messages/service';
import { bootstrap } from '../../apps/server/src/modules/setup/service';
import { noGeo } from '../../apps/server/src/modules/tracking/geoip';
import { createVisitor } from '../../apps/server/src/modules/visitors/service';
import { buildAgent, buildSite } from '../../apps/server/src/test/factories';
import { BenchError } from './cleanup';
import { mapLimit } from './stats';

/** The Origin visitors' sockets send: one of the benchmark sites' domains. */
export const VISITOR_ORIGIN = 'http://127.0.0.1:5555';
const PARALLEL = 8;

export interface Chat {
  visitorId: string;
  token: string;
  /** Index into `sites`. */
  site: number;
  conversationId: string;
  /** Index into `agents`: the assigned agent. */
  agent: number;
}

export interface ChatFixture {
  sites: { id: string; key: string }[];
  agents: { id: string; cookie: string; site: number }[];
  chats: Chat[];
  /** Extra conversations no client touches (the raw `pg` baseline inserts into these). */
  spare: { workspaceId: string; conversationId: string; visitorId: string }[];
}

const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, level: 'silent' } as unknown as FastifyBaseLogger;
(silent as unknown as { child: () => FastifyBaseLogger }).child = () => silent;

async function open(url: string): Promise<{ ctx: Ctx; database: Database }> {
  const config = loadConfig({ DATABASE_URL: url, DEMO_PAGE: 'false', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
  const database = await openDatabase({ url, poolSize: PARALLEL + 2 });
  await bootstrap(database.db, config);
  return { database, ctx: { db: database.db, bus: new EventBus(), config, geo: noGeo, jobs: new JobQueue(database, silent) } };
}

const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`  ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
};

/**
 * `visitors` visitors spread over `sites` sites, each in an active conversation assigned to
 * one of the site's agents (`agents` in all, one site each, chats dealt round robin).
 */
export async function prepareChats(url: string, opts: { visitors: number; agents: number; sites: number; spare?: number }): Promise<ChatFixture> {
  if (opts.agents < opts.sites) throw new BenchError(`BENCH_AGENTS (${opts.agents}) must be at least BENCH_SITES (${opts.sites}): every site needs an agent`);
  console.log(`Preparing ${opts.visitors} chats with ${opts.agents} agents on ${opts.sites} site(s) through Parley's services…`);
  const { ctx, database } = await open(url);
  try {
    const sites = await timed('migrations, workspace and sites', () =>
      mapLimit(Array.from({ length: opts.sites }), 1, (_, i) => buildSite(ctx, { name: `Bench site ${i + 1}`, domains: ['127.0.0.1', 'localhost'], routing: { mode: 'manual' } })),
    );
    const perChat = Math.ceil(opts.visitors / opts.agents) + 1;
    const agents = await timed(`${opts.agents} agents (argon2id) and their sessions`, () =>
      mapLimit(Array.from({ length: opts.agents }), PARALLEL, async (_, i) => {
        const site = i % opts.sites;
        const a = await buildAgent(ctx, { siteIds: [sites[site]!.id], pseudoName: `Agent${i + 1}`, email: `agent${i + 1}@bench.parley.test`, maxChats: perChat });
        const session = await createSession(ctx.db, a, { ttlMs: 24 * 3600_000 });
        const actor = await agentFromSession(ctx.db, session.token);
        if (!actor) throw new Error('a fresh session did not authenticate');
        return { id: a.id, cookie: `${SESSION_COOKIE}=${session.token}`, site, actor };
      }),
    );
    const bySite = sites.map((_, s) => agents.flatMap((a, i) => (a.site === s ? [i] : [])));
    const total = opts.visitors + (opts.spare ?? 0);
    const chats = await timed(`${total} visitors, each with a conversation accepted by an agent`, () =>
      mapLimit(Array.from({ length: total }), PARALLEL, async (_, i) => {
        const site = i % opts.sites;
        const siteRow = sites[site]!;
        const v = await createVisitor(ctx, siteRow, { userAgent: 'parley-bench', ip: '127.0.0.1' });
        const actor = { kind: 'visitor' as const, workspaceId: siteRow.workspaceId, siteId: siteRow.id, visitorId: v.visitorId, name: null };
        const first = await sendMessage(ctx, actor, { clientId: `setup-${String(i).padStart(7, '0')}`, body: 'Hello! I have a question about my order.' });
        const candidates = bySite[site]!;
        const agent = candidates[Math.floor(i / opts.sites) % candidates.length]!;
        await acceptConversation(ctx, agents[agent]!.actor, first.conversation.id);
        return { visitorId: v.visitorId, token: v.token, site, conversationId: first.conversation.id, agent, workspaceId: siteRow.workspaceId };
      }),
    );
    return {
      sites: sites.map((s) => ({ id: s.id, key: s.widgetKey })),
      agents: agents.map((a) => ({ id: a.id, cookie: a.cookie, site: a.site })),
      chats: chats.slice(0, opts.visitors).map(({ workspaceId: _, ...c }) => c),
      spare: chats.slice(opts.visitors).map((c) => ({ workspaceId: c.workspaceId, conversationId: c.conversationId, visitorId: c.visitorId })),
    };
  } finally {
    await database.close();
  }
}

export interface VisitorFixture {
  siteKey: string;
  visitors: { visitorId: string; token: string }[];
}

/** `count` visitors of one site with their credentials (what the widget holds), no conversations. */
export async function prepareVisitors(url: string, count: number): Promise<VisitorFixture> {
  console.log(`Preparing ${count} visitors through Parley's createVisitor service…`);
  const { ctx, database } = await open(url);
  try {
    const site = await buildSite(ctx, { name: 'Bench site', domains: ['127.0.0.1', 'localhost'], routing: { mode: 'manual' } });
    const visitors = await timed(`${count} visitors`, () => mapLimit(Array.from({ length: count }), PARALLEL, () => createVisitor(ctx, site, { userAgent: 'parley-bench', ip: '127.0.0.1' })));
    return { siteKey: site.widgetKey, visitors };
  } finally {
    await database.close();
  }
}
