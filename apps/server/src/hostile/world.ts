import { sql } from 'drizzle-orm';
import { api, call, connectAgent, connectVisitor, createVisitor, login, type ClientSocket, type Session, type TestVisitor } from '../test/clients';
import { buildAgent, buildSite, buildWorkspace } from '../test/factories';
import { startTestServer, type TestServer } from '../test/server';

/**
 * The cast of the hostile-input suites: two sites of one workspace and one site of another,
 * every kind of actor, and credentials for each. Visitors connect from `VISITOR_ORIGIN`.
 */
export const VISITOR_ORIGIN = 'http://127.0.0.1:5555';
export const OWNER = { email: 'owner@example.com', password: 'owner password' };

export type Site = Awaited<ReturnType<typeof buildSite>>;

export interface World {
  server: TestServer;
  siteA: Site;
  siteB: Site;
  /** A site of another workspace. */
  siteX: Site;
  owner: Session;
  admin: Session;
  manager: Session;
  /** Serves site A only. */
  agentA: Session;
  /** Serves site B only (same workspace). */
  agentB: Session;
  /** Two visitors of site A. */
  visitorA: TestVisitor;
  visitorB: TestVisitor;
  /** API tokens of this workspace and of another one. */
  apiSame: string;
  apiOther: string;
}

export async function buildWorld(env: Record<string, string> = {}): Promise<World> {
  const server = await startTestServer({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, LOGIN_RATE_LIMIT: '100000', ...env } });
  const ctx = server.ctx;
  const siteA = await buildSite(ctx, { name: 'Site A' });
  const siteB = await buildSite(ctx, { name: 'Site B' });
  const otherWs = await buildWorkspace(ctx);
  const siteX = await buildSite(ctx, { name: 'Site X', workspaceId: otherWs.id });
  const owner = await login(server, OWNER);
  const admin = await login(server, await buildAgent(ctx, { role: 'admin', name: 'Ada Admin', pseudoName: 'Ada' }));
  const manager = await login(server, await buildAgent(ctx, { role: 'manager', name: 'Max Manager', pseudoName: 'Max' }));
  const agentA = await login(server, await buildAgent(ctx, { siteIds: [siteA.id], name: 'Anna A', pseudoName: 'Anna' }));
  const agentB = await login(server, await buildAgent(ctx, { siteIds: [siteB.id], name: 'Bob B', pseudoName: 'Bob' }));
  const otherAdmin = await login(server, await buildAgent(ctx, { role: 'admin', workspaceId: otherWs.id, siteIds: [siteX.id] }));
  const token = async (s: Session) => {
    const r = await api(server, 'POST', '/api/tokens', { cookie: s.cookie, csrf: s.csrf, body: { name: 'hostile suite' } });
    if (r.status !== 201) throw new Error(`token: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  return {
    server,
    siteA,
    siteB,
    siteX,
    owner,
    admin,
    manager,
    agentA,
    agentB,
    visitorA: await createVisitor(server, siteA.widgetKey, VISITOR_ORIGIN),
    visitorB: await createVisitor(server, siteA.widgetKey, VISITOR_ORIGIN),
    apiSame: await token(owner),
    apiOther: await token(otherAdmin),
  };
}

/** A visitor of `siteKey` with a conversation (its first message); the socket stays open. */
export async function visitorWithChat(server: TestServer, siteKey: string, body = 'hello there') {
  const v = await createVisitor(server, siteKey, VISITOR_ORIGIN);
  const socket = await connectVisitor(server, v, VISITOR_ORIGIN);
  const sent = await call<{ conversation: { id: string } }>(socket, 'message', { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, body });
  if (!sent.ok) throw new Error(`first message: ${JSON.stringify(sent.error)}`);
  return { visitor: v, socket, conversationId: sent.data.conversation.id };
}

export { connectAgent, connectVisitor, type ClientSocket };

/**
 * Columns that change without anybody asking (last use of a token, presence), left out of
 * the fingerprint.
 */
const VOLATILE: Record<string, string[]> = {
  api_tokens: ['last_used_at'],
  sessions: ['last_seen_at', 'last_used_at', 'expires_at'],
  agents: ['last_active_at', 'last_seen_at', 'status', 'auto_away', 'updated_at'],
  visitors: ['last_seen_at'],
  visitor_sessions: ['last_seen_at', 'ended_at'],
  page_views: ['left_at'],
};
/** Tables written by background listeners after an accepted request (never by a refused one). */
const BACKGROUND = new Set(['notifications']);

const ready = new WeakSet<object>();
const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * A digest of every application table (pg-boss's own schema aside): a refused request must
 * leave it unchanged — no row added, removed or modified. The query lives in a SQL function
 * so its plan is made once (it runs twice per fuzz case).
 */
export async function fingerprint(server: TestServer): Promise<Record<string, string>> {
  const db = server.ctx.db;
  if (!ready.has(db)) {
    const tables = ((await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows: { table_name: string }[] }).rows
      .map((r) => r.table_name)
      .filter((t) => !t.startsWith('__') && !BACKGROUND.has(t));
    const parts = tables.map((t) => {
      const row = `(to_jsonb(x)${(VOLATILE[t] ?? []).map((c) => ` - '${c}'`).join('')})::text`;
      return `'${t}', (select count(*) || ':' || coalesce(sum(hashtextextended(${row}, 0)), 0) from "${t}" x)`;
    });
    await db.execute(sql.raw(`create or replace function hostile_fingerprint() returns jsonb language plpgsql stable as $fp$ declare r jsonb; begin select ${chunks(parts, 40).map((c) => `jsonb_build_object(${c.join(', ')})`).join(' || ')} into r; return r; end $fp$`));
    ready.add(db);
  }
  const r = (await db.execute(sql`select hostile_fingerprint() as f`)) as unknown as { rows: { f: Record<string, string> | string }[] };
  const f = r.rows[0]!.f;
  return typeof f === 'string' ? JSON.parse(f) : f;
}

/** Names of the tables whose digest differs. */
export function changedTables(a: Record<string, string>, b: Record<string, string>) {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
