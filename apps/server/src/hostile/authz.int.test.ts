import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type ClientSocket, type Session, type TestVisitor } from '../test/clients';
import { buildAgent } from '../test/factories';
import { visitorHeaders, widgetUpload } from '../modules/files/testing';
import { buildWorld, visitorWithChat, VISITOR_ORIGIN, type World } from './world';

/**
 * The authorization matrix of every HTTP route: for each actor, exactly the access it should
 * have (DESIGN.md §5, docs/API.md, modules/auth/policy.ts). Read a row as "who may do this":
 *
 *   anon  nobody signed in (widget routes: the site key from an allowed page, nothing more)
 *   visA  visitor A of site A (their token; on agent routes sent as a Bearer token)
 *   visB  visitor B, another visitor of site A
 *   agA   an agent serving site A        agB  an agent serving site B only (same workspace)
 *   mgr   a manager (reads every site, does not chat)
 *   adm   an admin                        own  the owner
 *   apiX  an API token of another workspace      apiS  an API token of this workspace
 *
 * `ok` is a 2xx answer; 401/403/404 are the refusals (404 where admitting the resource exists
 * would leak it). Targets belong to site A unless the row says otherwise; rows that change
 * state get a fresh target per actor. A route that exists but has no row fails the suite.
 *
 * Judgement calls, as the code decides them today: a manager may register a customer's chat
 * through `POST /api/chat/start` (it creates a waiting chat; taking and answering it stays
 * refused), a manager leaving a chat they cannot have joined is a 409, and an agent of
 * another site starting a chat with a visitor of site A is a 403 (the id is unguessable).
 */
const MATRIX = `
route                                                  anon visA visB agA  agB  mgr  adm  own  apiX apiS
GET /healthz                                           ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /readyz                                            ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /api/setup                                         ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
POST /api/setup                                        409  409  409  409  409  409  409  409  409  409
POST /api/auth/login                                   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
POST /api/auth/logout                                  401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/auth/me                                       401  401  401  ok   ok   ok   ok   ok   401  401
PUT /api/me/status                                     401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/agents                                        401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/agents                                       401  401  401  403  403  403  ok   ok   401  401
PUT /api/agents/:id                                    401  401  401  403  403  403  ok   ok   401  401
PUT /api/agents/:id [self: own name]                   401  401  401  ok   ok   ok   ok   ok   401  401
PUT /api/agents/:id [self: own sites]                  401  401  401  403  403  403  ok   ok   401  401
DELETE /api/agents/:id                                 401  401  401  403  403  403  ok   ok   401  401
GET /api/sites                                         401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/sites                                        401  401  401  403  403  403  ok   ok   401  401
GET /api/sites/:id                                     401  401  401  ok   404  ok   ok   ok   401  401
PUT /api/sites/:id                                     401  401  401  403  403  403  ok   ok   401  401
GET /api/sites/:siteId/triggers                        401  401  401  ok   404  ok   ok   ok   401  401
POST /api/sites/:siteId/triggers                       401  401  401  403  403  403  ok   ok   401  401
GET /api/sites/:siteId/triggers/stats                  401  401  401  ok   404  ok   ok   ok   401  401
PATCH /api/triggers/:id                                401  401  401  403  403  403  ok   ok   401  401
DELETE /api/triggers/:id                               401  401  401  403  403  403  ok   ok   401  401
GET /api/tokens                                        401  401  401  403  403  403  ok   ok   401  401
POST /api/tokens                                       401  401  401  403  403  403  ok   ok   401  401
DELETE /api/tokens/:id                                 401  401  401  403  403  403  ok   ok   401  401
GET /api/tags                                          401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/search                                        401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/conversations                                 401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/conversations/export.csv                      401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/conversations/next                           401  401  401  ok   ok   403  ok   ok   401  401
GET /api/conversations/:id                             401  401  401  ok   404  ok   ok   ok   401  401
PATCH /api/conversations/:id                           401  401  401  ok   404  403  ok   ok   401  401
GET /api/conversations/:id/messages                    401  401  401  ok   404  ok   ok   ok   401  401
POST /api/conversations/:id/accept                     401  401  401  ok   404  403  ok   ok   401  401
POST /api/conversations/:id/close                      401  401  401  ok   404  403  ok   ok   401  401
POST /api/conversations/:id/join                       401  401  401  ok   404  403  ok   ok   401  401
POST /api/conversations/:id/leave                      401  401  401  ok   404  409  ok   ok   401  401
POST /api/conversations/:id/transfer                   401  401  401  ok   404  403  ok   ok   401  401
GET /api/conversations/:id/transfers                   401  401  401  ok   404  ok   ok   ok   401  401
POST /api/conversations/:id/files                      401  401  401  ok   404  403  ok   ok   404  ok
GET /api/conversations/:id/files                       401  401  401  ok   404  ok   ok   ok   404  ok
POST /api/chat/start                                   401  401  401  ok   404  ok   ok   ok   404  ok
GET /api/chat/queue                                    401  401  401  ok   ok   ok   ok   ok   ok   ok
GET /api/chat/:conversationId                          401  401  401  ok   404  ok   ok   ok   404  ok
PUT /api/chat/:conversationId                          401  401  401  ok   404  403  ok   ok   404  ok
POST /api/chat/:conversationId/message                 401  401  401  ok   404  403  ok   ok   404  ok
GET /api/chat/:conversationId/messages                 401  401  401  ok   404  ok   ok   ok   404  ok
GET /api/canned-responses                              401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/canned-responses                             401  401  401  ok   ok   ok   ok   ok   401  401
PATCH /api/canned-responses/:id                        401  401  401  403  403  ok   ok   ok   401  401
PATCH /api/canned-responses/:id [agent A's own]        401  401  401  ok   404  404  404  404  401  401
DELETE /api/canned-responses/:id                       401  401  401  403  403  ok   ok   ok   401  401
POST /api/canned-responses/:id/use                     401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/widget/config                                 ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /api/widget/config [from another origin]           403  403  403  403  403  403  403  403  403  403
POST /api/widget/visitors                              ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
POST /api/widget/offline-messages                      ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
POST /api/widget/offline-messages [as visitor A]       401  ok   401  401  401  401  401  401  401  401
POST /api/widget/files                                 401  ok   404  401  401  401  401  401  401  401
GET /api/widget/files/:id/link                         401  ok   404  401  401  401  401  401  401  401
GET /api/files/:id/link                                401  401  401  ok   404  ok   ok   ok   404  ok
GET /files/:id/:variant                                ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /files/:id/:variant [tampered signature]           404  404  404  404  404  404  404  404  404  404
GET /api/sites/:id/files/report                        401  401  401  403  403  ok   ok   ok   401  401
GET /api/workspace/settings                            401  401  401  ok   ok   ok   ok   ok   401  401
PUT /api/workspace/settings                            401  401  401  403  403  403  ok   ok   401  401
GET /api/views                                         401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/views                                        401  401  401  ok   ok   ok   ok   ok   401  401
DELETE /api/views/:id                                  401  401  401  ok   404  404  404  404  401  401
GET /api/visitors/live                                 401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/visitors/live [site A]                        401  401  401  ok   404  ok   ok   ok   401  401
GET /api/visitors/:id                                  401  401  401  ok   404  ok   ok   ok   401  401
POST /api/visitors/:id/conversations                   401  401  401  ok   403  403  ok   ok   401  401
GET /api/notifications                                 401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/notifications/read                           401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/push/public-key                               401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/push/subscriptions                           401  401  401  ok   ok   ok   ok   ok   401  401
DELETE /api/push/subscriptions                         401  401  401  ok   ok   ok   ok   ok   401  401
GET /api/departments                                   401  401  401  ok   ok   ok   ok   ok   401  401
POST /api/departments                                  401  401  401  403  403  403  ok   ok   401  401
PATCH /api/departments/:id                             401  401  401  403  403  403  ok   ok   401  401
DELETE /api/departments/:id                            401  401  401  403  403  403  ok   ok   401  401
OPTIONS /api/widget/*                                  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /widget.js                                         ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /widget/*                                          ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /demo                                              ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
GET /*                                                 ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
`;

const ACTORS = ['anon', 'visA', 'visB', 'agA', 'agB', 'mgr', 'adm', 'own', 'apiX', 'apiS'] as const;
type ActorName = (typeof ACTORS)[number];
const AGENTS = ['agA', 'agB', 'mgr', 'adm', 'own'] as const;
type AgentName = (typeof AGENTS)[number];
const isAgent = (a: ActorName): a is AgentName => (AGENTS as readonly string[]).includes(a);

function parseMatrix(text: string) {
  const rows = new Map<string, Record<ActorName, string>>();
  for (const line of text.trim().split('\n').slice(1)) {
    const m = /^(\S+ \S+(?: \[[^\]]+\])?)\s+(.+)$/.exec(line.trim());
    if (!m) throw new Error(`bad matrix line: ${line}`);
    const cells = m[2]!.trim().split(/\s+/);
    if (cells.length !== ACTORS.length) throw new Error(`${m[1]}: ${cells.length} cells`);
    rows.set(m[1]!, Object.fromEntries(ACTORS.map((a, i) => [a, cells[i]!])) as Record<ActorName, string>);
  }
  return rows;
}

/** What a row sends: its path and body may depend on the actor and on a target made for it. */
interface Spec {
  path: (t: Target) => string;
  body?: (t: Target, a: ActorName) => unknown;
  /** A fresh target for this actor (rows that change state). */
  prepare?: (a: ActorName) => Promise<Target>;
  /** Widget file routes: visitors identify with headers, not a Bearer token. */
  visitorHeaders?: boolean;
  origin?: string;
  multipart?: boolean;
  /** Static files: only when the dashboard/widget are built. */
  optional?: boolean;
}
type Target = Record<string, string>;

describe('authorization matrix: every HTTP route × every actor', () => {
  let w: World;
  let helper: Session;
  let shared: Target;
  let n = 0;
  const sockets: ClientSocket[] = [];
  const rows = parseMatrix(MATRIX);
  let specs: Record<string, Spec>;
  let sessions: Record<AgentName, Session>;
  let visitorsByName: Record<'visA' | 'visB', TestVisitor>;
  let creds: Record<AgentName, { email: string; password: string; id: string }>;

  const inject = (method: string, url: string, headers: Record<string, string>, payload?: unknown, raw?: { body: Buffer; type: string }) =>
    w.server.app.inject({
      method: method as 'GET',
      url,
      // A different address per request: these are access decisions, not rate limits.
      remoteAddress: `10.${(++n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      headers: { ...headers, ...(raw ? { 'content-type': raw.type } : payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(raw ? { payload: raw.body } : payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const ok = async (r: Promise<{ statusCode: number; body: string }>, what: string) => {
    const res = await r;
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body || '{}');
  };

  /** A queued chat of site A (through the integrations API: no socket needed); optionally accepted. */
  async function conversation(acceptedBy?: Session): Promise<string> {
    const r = await ok(inject('POST', '/api/chat/start', { authorization: `Bearer ${w.apiSame}` }, { customerId: `c-${randomUUID()}`, customerName: 'Cora', siteId: w.siteA.id }), 'chat start');
    if (acceptedBy) await ok(inject('POST', `/api/conversations/${r.conversation.id}/accept`, as(acceptedBy)), 'accept');
    return r.conversation.id;
  }
  /** A chat the actor may work in: accepted by them when they can take chats, else by a colleague. */
  const workable = async (a: ActorName) => ({ conv: await conversation(isAgent(a) && a !== 'mgr' && a !== 'agB' ? sessions[a] : helper) });
  const multipart = (fields: Record<string, string>) => {
    const b = 'authzBoundary';
    const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    parts.push(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nsome notes\r\n--${b}--\r\n`);
    return { body: Buffer.from(parts.join('')), type: `multipart/form-data; boundary=${b}` };
  };

  beforeAll(async () => {
    w = await buildWorld();
    const { server, owner } = w;
    sessions = { agA: w.agentA, agB: w.agentB, mgr: w.manager, adm: w.admin, own: owner };
    visitorsByName = { visA: w.visitorA, visB: w.visitorB };
    const helperAgent = await buildAgent(server.ctx, { siteIds: [w.siteA.id], pseudoName: 'Helper', maxChats: 100 });
    helper = await login(server, helperAgent);
    // Agents sign in again in some rows (logout): keep their credentials.
    creds = {} as typeof creds;
    for (const a of AGENTS) {
      const me = await ok(inject('GET', '/api/auth/me', { cookie: sessions[a].cookie }), 'me');
      creds[a] = { email: me.agent.email, password: a === 'own' ? 'owner password' : 'correct horse battery', id: me.agent.id };
    }
    // Visitor A's chat with a file in it; visitor A stays online (start chat needs online visitors).
    const chat = await visitorWithChat(server, w.siteA.widgetKey, 'I need help');
    sockets.push(chat.socket);
    visitorsByName.visA = chat.visitor;
    const up = await widgetUpload(server, chat.visitor, { name: 'notes.txt', bytes: Buffer.from('notes') }, { conversationId: chat.conversationId });
    if (up.status !== 201) throw new Error(`upload ${up.status} ${JSON.stringify(up.body)}`);
    const fileId = up.body.message.attachments[0].id as string;
    await ok(inject('POST', `/api/conversations/${chat.conversationId}/accept`, as(helper)), 'accept shared');
    const link = await ok(inject('GET', `/api/files/${fileId}/link`, as(owner)), 'link');
    const trigger = await ok(inject('POST', `/api/sites/${w.siteA.id}/triggers`, as(owner), { name: 'T', conditions: [{ type: 'exit_intent' }], message: 'Hi' }), 'trigger');
    const canned = await ok(inject('POST', '/api/canned-responses', as(owner), { title: 'Hi', shortcut: 'hi', body: 'Hello!', shared: true }), 'canned');
    const dept = await ok(inject('POST', '/api/departments', as(owner), { name: 'Sales' }), 'dept');
    shared = {
      site: w.siteA.id,
      conv: chat.conversationId,
      visitor: chat.visitor.visitorId,
      file: fileId,
      fileUrl: new URL(link.url).pathname + new URL(link.url).search,
      trigger: trigger.trigger.id,
      canned: canned.response.id,
      dept: dept.department.id,
      helper: helperAgent.id,
    };

    const fresh = (fn: (a: ActorName) => Promise<Record<string, string | undefined>>) => fn as (a: ActorName) => Promise<Target>;
    const byOwner = async (path: string, body: unknown, pick: (r: any) => string) => pick(await ok(inject('POST', path, as(owner), body), path)); // eslint-disable-line @typescript-eslint/no-explicit-any
    specs = {
      'GET /healthz': { path: () => '/healthz' },
      'GET /readyz': { path: () => '/readyz' },
      'GET /api/setup': { path: () => '/api/setup' },
      'POST /api/setup': { path: () => '/api/setup', body: () => ({ name: 'Eve', email: 'eve@example.com', password: 'long enough', siteName: 'Evil' }) },
      'POST /api/auth/login': { path: () => '/api/auth/login', body: () => ({ email: creds.agA.email, password: creds.agA.password }) },
      'POST /api/auth/logout': { path: () => '/api/auth/logout', prepare: fresh(async (a) => (isAgent(a) ? { session: JSON.stringify(await login(server, creds[a])) } : {})) },
      'GET /api/auth/me': { path: () => '/api/auth/me' },
      'PUT /api/me/status': { path: () => '/api/me/status', body: () => ({ status: 'away' }) },
      'GET /api/agents': { path: () => '/api/agents' },
      'POST /api/agents': { path: () => '/api/agents', body: () => ({ name: 'New', email: `new-${randomUUID()}@example.com`, password: 'long enough' }) },
      'PUT /api/agents/:id': { path: (t) => `/api/agents/${t.helper}`, body: () => ({ name: 'Helper' }) },
      'PUT /api/agents/:id [self: own name]': { path: (t) => `/api/agents/${t.self ?? t.helper}`, body: () => ({ name: 'Same Name' }), prepare: fresh(async (a) => (isAgent(a) ? { self: creds[a].id } : {})) },
      'PUT /api/agents/:id [self: own sites]': { path: (t) => `/api/agents/${t.self ?? t.helper}`, body: (_t, a) => ({ siteIds: a === 'agB' ? [w.siteB.id] : [w.siteA.id, w.siteB.id] }), prepare: fresh(async (a) => (isAgent(a) ? { self: creds[a].id } : {})) },
      'DELETE /api/agents/:id': { path: (t) => `/api/agents/${t.victim}`, prepare: fresh(async () => ({ victim: (await buildAgent(server.ctx, { siteIds: [w.siteA.id] })).id })) },
      'GET /api/sites': { path: () => '/api/sites' },
      'POST /api/sites': { path: () => '/api/sites', body: () => ({ name: 'Another', domains: ['example.com'] }) },
      'GET /api/sites/:id': { path: (t) => `/api/sites/${t.site}` },
      'PUT /api/sites/:id': { path: (t) => `/api/sites/${t.site}`, body: () => ({ name: 'Site A' }) },
      'GET /api/sites/:siteId/triggers': { path: (t) => `/api/sites/${t.site}/triggers` },
      'POST /api/sites/:siteId/triggers': { path: (t) => `/api/sites/${t.site}/triggers`, body: () => ({ name: 'New', conditions: [{ type: 'exit_intent' }], message: 'Hey' }) },
      'GET /api/sites/:siteId/triggers/stats': { path: (t) => `/api/sites/${t.site}/triggers/stats` },
      'PATCH /api/triggers/:id': { path: (t) => `/api/triggers/${t.trigger}`, body: () => ({ priority: 5 }) },
      'DELETE /api/triggers/:id': {
        path: (t) => `/api/triggers/${t.victim}`,
        prepare: fresh(async () => ({ victim: await byOwner(`/api/sites/${w.siteA.id}/triggers`, { name: 'X', conditions: [{ type: 'exit_intent' }], message: 'x' }, (r) => r.trigger.id) })),
      },
      'GET /api/tokens': { path: () => '/api/tokens' },
      'POST /api/tokens': { path: () => '/api/tokens', body: () => ({ name: 'ci' }) },
      'DELETE /api/tokens/:id': { path: (t) => `/api/tokens/${t.victim}`, prepare: fresh(async () => ({ victim: await byOwner('/api/tokens', { name: 'x' }, (r) => r.apiToken.id) })) },
      'GET /api/tags': { path: () => '/api/tags' },
      'GET /api/search': { path: () => '/api/search?q=help' },
      'GET /api/conversations': { path: () => '/api/conversations?status=all' },
      'GET /api/conversations/export.csv': { path: () => '/api/conversations/export.csv?status=all' },
      'POST /api/conversations/next': { path: () => '/api/conversations/next', prepare: fresh(async () => ({ conv: await conversation() })) },
      'GET /api/conversations/:id': { path: (t) => `/api/conversations/${t.conv}` },
      'PATCH /api/conversations/:id': { path: (t) => `/api/conversations/${t.conv}`, body: () => ({ tags: ['vip'], priority: 'high' }), prepare: fresh(async () => ({ conv: await conversation() })) },
      'GET /api/conversations/:id/messages': { path: (t) => `/api/conversations/${t.conv}/messages` },
      'POST /api/conversations/:id/accept': { path: (t) => `/api/conversations/${t.conv}/accept`, prepare: fresh(async () => ({ conv: await conversation() })) },
      'POST /api/conversations/:id/close': { path: (t) => `/api/conversations/${t.conv}/close`, prepare: fresh(async () => ({ conv: await conversation() })) },
      'POST /api/conversations/:id/join': { path: (t) => `/api/conversations/${t.conv}/join`, prepare: fresh(async () => ({ conv: await conversation(helper) })) },
      'POST /api/conversations/:id/leave': {
        path: (t) => `/api/conversations/${t.conv}/leave`,
        prepare: fresh(async (a) => {
          const conv = await conversation(helper);
          if (isAgent(a)) await inject('POST', `/api/conversations/${conv}/join`, as(sessions[a]));
          return { conv };
        }),
      },
      'POST /api/conversations/:id/transfer': { path: (t) => `/api/conversations/${t.conv}/transfer`, body: (t) => ({ toDepartmentId: t.dept, mode: 'leave' }), prepare: fresh(workable) },
      'GET /api/conversations/:id/transfers': { path: (t) => `/api/conversations/${t.conv}/transfers` },
      'POST /api/conversations/:id/files': { path: (t) => `/api/conversations/${t.conv}/files`, multipart: true, body: () => ({ clientId: `f-${randomUUID()}`, kind: 'text' }), prepare: fresh(workable) },
      'GET /api/conversations/:id/files': { path: (t) => `/api/conversations/${t.conv}/files` },
      'POST /api/chat/start': { path: () => '/api/chat/start', body: (t) => ({ customerId: `c-${randomUUID()}`, customerName: 'Cora', siteId: t.site }) },
      'GET /api/chat/queue': { path: () => '/api/chat/queue' },
      'GET /api/chat/:conversationId': { path: (t) => `/api/chat/${t.conv}` },
      'PUT /api/chat/:conversationId': { path: (t) => `/api/chat/${t.conv}`, body: () => ({ subject: 'Order 42' }), prepare: fresh(workable) },
      'POST /api/chat/:conversationId/message': {
        path: (t) => `/api/chat/${t.conv}/message`,
        body: (_t, a) => ({ senderId: 'x', senderName: 'X', senderType: a.startsWith('api') ? 'system' : 'agent', content: 'Hello' }),
        prepare: fresh(workable),
      },
      'GET /api/chat/:conversationId/messages': { path: (t) => `/api/chat/${t.conv}/messages` },
      'GET /api/canned-responses': { path: () => '/api/canned-responses' },
      'POST /api/canned-responses': { path: () => '/api/canned-responses', body: () => ({ title: 'Mine', shortcut: `m${randomUUID().slice(0, 8)}`, body: 'Mine!' }) },
      'PATCH /api/canned-responses/:id': { path: (t) => `/api/canned-responses/${t.canned}`, body: () => ({ title: 'Hi' }) },
      'PATCH /api/canned-responses/:id [agent A\'s own]': {
        path: (t) => `/api/canned-responses/${t.mine}`,
        body: () => ({ title: 'Mine' }),
        prepare: fresh(async () => ({ mine: (await ok(inject('POST', '/api/canned-responses', as(w.agentA), { title: 'Mine', shortcut: `p${randomUUID().slice(0, 8)}`, body: 'Mine!' }), 'own canned')).response.id })),
      },
      'DELETE /api/canned-responses/:id': {
        path: (t) => `/api/canned-responses/${t.victim}`,
        prepare: fresh(async () => ({ victim: await byOwner('/api/canned-responses', { title: 'X', shortcut: `x${randomUUID().slice(0, 8)}`, body: 'x', shared: true }, (r) => r.response.id) })),
      },
      'POST /api/canned-responses/:id/use': { path: (t) => `/api/canned-responses/${t.canned}/use` },
      'GET /api/widget/config': { path: () => `/api/widget/config?siteKey=${w.siteA.widgetKey}` },
      'GET /api/widget/config [from another origin]': { path: () => `/api/widget/config?siteKey=${w.siteA.widgetKey}`, origin: 'https://evil.example' },
      'POST /api/widget/visitors': { path: () => '/api/widget/visitors', body: () => ({ siteKey: w.siteA.widgetKey }) },
      'POST /api/widget/offline-messages': {
        path: () => '/api/widget/offline-messages',
        body: (_t, a) => ({ siteKey: w.siteA.widgetKey, name: 'Val', email: 'val@example.com', message: 'Call me', clientId: `o-${randomUUID()}`, ...(a === 'visA' || a === 'visB' ? { visitorId: visitorsByName[a].visitorId, token: visitorsByName[a].token } : {}) }),
      },
      'POST /api/widget/offline-messages [as visitor A]': {
        path: () => '/api/widget/offline-messages',
        // Everyone claims to be visitor A, each with their own token (or none that fits).
        body: (_t, a) => ({ siteKey: w.siteA.widgetKey, name: 'Val', email: 'val@example.com', message: 'Call me', clientId: `o-${randomUUID()}`, visitorId: visitorsByName.visA.visitorId, token: a === 'visA' || a === 'visB' ? visitorsByName[a].token : 'x'.repeat(32) }),
      },
      'POST /api/widget/files': { path: () => '/api/widget/files', visitorHeaders: true, multipart: true, body: (t) => ({ clientId: `f-${randomUUID()}`, conversationId: t.conv }) },
      'GET /api/widget/files/:id/link': { path: (t) => `/api/widget/files/${t.file}/link`, visitorHeaders: true },
      'GET /api/files/:id/link': { path: (t) => `/api/files/${t.file}/link` },
      'GET /files/:id/:variant': { path: (t) => t.fileUrl! },
      'GET /files/:id/:variant [tampered signature]': { path: (t) => t.fileUrl!.replace(/s=([0-9a-f])/, (_m, c: string) => `s=${c === '0' ? '1' : '0'}`) },
      'GET /api/sites/:id/files/report': { path: (t) => `/api/sites/${t.site}/files/report` },
      'GET /api/workspace/settings': { path: () => '/api/workspace/settings' },
      'PUT /api/workspace/settings': { path: () => '/api/workspace/settings', body: () => ({ autoAwayMinutes: 15 }) },
      'GET /api/views': { path: () => '/api/views' },
      'POST /api/views': { path: () => '/api/views', body: () => ({ name: 'Mine', filters: { status: 'active' } }) },
      'DELETE /api/views/:id': { path: (t) => `/api/views/${t.victim}`, prepare: fresh(async () => ({ victim: (await ok(inject('POST', '/api/views', as(w.agentA), { name: 'A', filters: {} }), 'view')).view.id })) },
      'GET /api/visitors/live': { path: () => '/api/visitors/live' },
      'GET /api/visitors/live [site A]': { path: (t) => `/api/visitors/live?siteId=${t.site}` },
      'GET /api/visitors/:id': { path: (t) => `/api/visitors/${t.visitor}` },
      'POST /api/visitors/:id/conversations': {
        path: (t) => `/api/visitors/${t.online}/conversations`,
        body: () => ({ body: 'Can I help?', clientId: `s-${randomUUID()}` }),
        prepare: fresh(async () => {
          const v = await visitorWithChat(server, w.siteA.widgetKey);
          sockets.push(v.socket);
          await call(v.socket, 'visitor:page', { url: 'https://shop.example.com/', title: 'Shop' });
          // Their chat is closed: an online visitor without a chat.
          await ok(inject('POST', `/api/conversations/${v.conversationId}/close`, as(owner)), 'close');
          return { online: v.visitor.visitorId };
        }),
      },
      'GET /api/notifications': { path: () => '/api/notifications' },
      'POST /api/notifications/read': { path: () => '/api/notifications/read', body: () => ({ all: true }) },
      'GET /api/push/public-key': { path: () => '/api/push/public-key' },
      'POST /api/push/subscriptions': {
        path: () => '/api/push/subscriptions',
        body: () => ({ endpoint: `https://fcm.googleapis.com/fcm/send/${randomUUID()}`, keys: { p256dh: createECDH('prime256v1').generateKeys('base64url'), auth: randomBytes(16).toString('base64url') } }),
      },
      'DELETE /api/push/subscriptions': { path: () => '/api/push/subscriptions', body: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/none' }) },
      'GET /api/departments': { path: () => '/api/departments' },
      'POST /api/departments': { path: () => '/api/departments', body: () => ({ name: 'Support' }) },
      'PATCH /api/departments/:id': { path: (t) => `/api/departments/${t.dept}`, body: () => ({ name: 'Sales' }) },
      'DELETE /api/departments/:id': { path: (t) => `/api/departments/${t.victim}`, prepare: fresh(async () => ({ victim: await byOwner('/api/departments', { name: 'X' }, (r) => r.department.id) })) },
      'OPTIONS /api/widget/*': { path: () => '/api/widget/visitors' },
      'GET /widget.js': { path: () => '/widget.js', optional: true },
      'GET /widget/*': { path: () => '/widget/app.js', optional: true },
      'GET /demo': { path: () => '/demo' },
      'GET /*': { path: () => '/settings', optional: true },
    };
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await w?.server.close();
  });

  const routeOf = (row: string) => row.replace(/ \[.*\]$/, '');

  it('every route has a row (and every row a route and a request)', () => {
    const registered = [...new Set(w.server.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
    const covered = new Set([...rows.keys()].map(routeOf));
    expect(registered.filter((r) => !covered.has(r)), 'routes missing from the matrix').toEqual([]);
    expect([...covered].filter((r) => !registered.includes(r) && !specs[r]?.optional), 'rows for routes that do not exist').toEqual([]);
    expect([...rows.keys()].filter((r) => !specs[r]), 'rows without a request').toEqual([]);
  });

  function headersFor(a: ActorName, spec: Spec, t: Target): Record<string, string> {
    const origin = spec.origin ?? VISITOR_ORIGIN;
    if (a === 'visA' || a === 'visB') {
      const v = visitorsByName[a];
      return spec.visitorHeaders ? visitorHeaders(v, origin) : { origin, authorization: `Bearer ${v.token}` };
    }
    const site: Record<string, string> = spec.visitorHeaders ? { 'x-parley-site': w.siteA.widgetKey } : {};
    if (a === 'anon') return { origin, ...site };
    if (a === 'apiX' || a === 'apiS') return { origin, ...site, authorization: `Bearer ${a === 'apiX' ? w.apiOther : w.apiSame}` };
    const s: Session = t.session ? JSON.parse(t.session) : sessions[a];
    return { origin, ...site, ...as(s) };
  }

  it('each actor gets exactly the access the matrix gives it', async () => {
    const mismatches: string[] = [];
    for (const [row, expected] of rows) {
      const spec = specs[row]!;
      const [method] = row.split(' ') as [string];
      if (spec.optional && !w.server.routes.some((r) => `${r.method} ${r.url}` === routeOf(row))) continue;
      for (const a of ACTORS) {
        const t: Target = { ...shared, ...(spec.prepare ? await spec.prepare(a) : {}) };
        const body = spec.body?.(t, a);
        const headers = headersFor(a, spec, t);
        const res = spec.multipart ? await inject(method, spec.path(t), headers, undefined, multipart(body as Record<string, string>)) : await inject(method, spec.path(t), headers, body);
        const got = res.statusCode < 300 ? 'ok' : String(res.statusCode);
        if (got !== expected[a]) mismatches.push(`${row.padEnd(52)} ${a.padEnd(5)} expected ${expected[a]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  }, 120_000);
});
