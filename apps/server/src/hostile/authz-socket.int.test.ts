import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, connectAgent, connectVisitor, record, sleep, type ClientSocket, type Session } from '../test/clients';
import { buildAgent } from '../test/factories';
import { login } from '../test/clients';
import { buildWorld, changedTables, fingerprint, visitorWithChat, VISITOR_ORIGIN, type World } from './world';

/**
 * The authorization matrix of every client → server socket event. Cells are the ack: `ok`, or
 * the error code of the refusal; a refusal must change nothing (every table's digest is
 * compared around it). `typing` has no ack: `ok` there means the others in the chat saw it,
 * `-` that nobody did. Targets are visitor A's chat on site A (accepted by a colleague of
 * agent A, so replying needs joining first); close and rate get a fresh chat per actor.
 *
 * Actors as in authz.int.test.ts. Anonymous clients and API tokens cannot open a socket at
 * all (last test), so they have no column.
 */
const MATRIX = `
event                                   visA              visB              agA         agB         mgr         adm         own
message                                 ok                not_found         forbidden   not_found   forbidden   ok          ok
message [note]                          validation_failed validation_failed ok          not_found   ok          ok          ok
read                                    ok                not_found         ok          not_found   ok          ok          ok
sync                                    ok                not_found         ok          not_found   ok          ok          ok
typing                                  ok                -                 ok          -           ok          ok          ok
visitor:state                           ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:page                            ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:profile                         ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:identify                        ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:update                          ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:context                         ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:event                           ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:trigger                         ok                ok                forbidden   forbidden   forbidden   forbidden   forbidden
visitor:trigger [a trigger of site B]   not_found         not_found         forbidden   forbidden   forbidden   forbidden   forbidden
conversation:transcript                 ok                not_found         forbidden   forbidden   forbidden   forbidden   forbidden
agent:activity                          forbidden         forbidden         ok          ok          ok          ok          ok
conversation:close                      ok                not_found         ok          not_found   forbidden   ok          ok
conversation:rate                       ok                not_found         forbidden   forbidden   forbidden   forbidden   forbidden
`;

const ACTORS = ['visA', 'visB', 'agA', 'agB', 'mgr', 'adm', 'own'] as const;
type ActorName = (typeof ACTORS)[number];

describe('authorization matrix: every socket event × every actor', () => {
  let w: World;
  let sockets: Record<ActorName, ClientSocket>;
  let ids: Record<ActorName, string>;
  let helper: Session;
  let helperSocket: ClientSocket;
  let conv: string;
  let triggerA: string;
  let triggerB: string;
  const rows = new Map<string, Record<ActorName, string>>();
  for (const line of MATRIX.trim().split('\n').slice(1)) {
    const m = /^(\S+(?: \[[^\]]+\])?)\s+(.+)$/.exec(line.trim())!;
    const cells = m[2]!.trim().split(/\s+/);
    rows.set(m[1]!, Object.fromEntries(ACTORS.map((a, i) => [a, cells[i]!])) as Record<ActorName, string>);
  }

  const as = (s: Session) => ({ cookie: s.cookie, csrf: s.csrf });

  beforeAll(async () => {
    w = await buildWorld();
    const helperAgent = await buildAgent(w.server.ctx, { siteIds: [w.siteA.id], pseudoName: 'Helper' });
    helper = await login(w.server, helperAgent);
    helperSocket = await connectAgent(w.server, helper);
    const chat = await visitorWithChat(w.server, w.siteA.widgetKey, 'I need help');
    conv = chat.conversationId;
    expect((await api(w.server, 'POST', `/api/conversations/${conv}/accept`, as(helper))).status).toBe(200);
    const visB = await connectVisitor(w.server, w.visitorB, VISITOR_ORIGIN);
    sockets = {
      visA: chat.socket,
      visB,
      agA: await connectAgent(w.server, w.agentA),
      agB: await connectAgent(w.server, w.agentB),
      mgr: await connectAgent(w.server, w.manager),
      adm: await connectAgent(w.server, w.admin),
      own: await connectAgent(w.server, w.owner),
    };
    ids = { visA: chat.visitor.visitorId, visB: w.visitorB.visitorId, agA: w.agentA.agentId, agB: w.agentB.agentId, mgr: w.manager.agentId, adm: w.admin.agentId, own: w.owner.agentId };
    const trigger = async (siteId: string) => (await api(w.server, 'POST', `/api/sites/${siteId}/triggers`, { ...as(w.owner), body: { name: 'T', conditions: [{ type: 'exit_intent' }], message: 'Hi' } })).body.trigger.id as string;
    triggerA = await trigger(w.siteA.id);
    triggerB = await trigger(w.siteB.id);
  });
  afterAll(async () => {
    for (const s of Object.values(sockets ?? {})) s.disconnect();
    helperSocket?.disconnect();
    await w?.server.close();
  });

  it('every event a socket can send has a row', () => {
    const names = new Set<string>();
    for (const s of w.server.io.of('/').sockets.values()) for (const e of s.eventNames()) names.add(String(e));
    for (const reserved of ['disconnect', 'disconnecting', 'error']) names.delete(reserved);
    const covered = new Set([...rows.keys()].map((r) => r.replace(/ \[.*\]$/, '')));
    expect([...names].filter((e) => !covered.has(e)).sort(), 'events missing from the matrix').toEqual([]);
    expect([...covered].filter((e) => !names.has(e)).sort(), 'rows for events nobody handles').toEqual([]);
  });

  /** Visitor A's open chat, started afresh (the previous one closed by the owner). */
  async function freshChat(closed = false): Promise<string> {
    const state = await call<{ conversation: { id: string; status: string } | null }>(sockets.visA, 'visitor:state', {});
    const open = state.ok && state.data.conversation && ['queued', 'active'].includes(state.data.conversation.status) ? state.data.conversation.id : undefined;
    if (open) await api(w.server, 'POST', `/api/conversations/${open}/close`, as(w.owner));
    const sent = await call<{ conversation: { id: string } }>(sockets.visA, 'message', { clientId: `fresh-${Math.random().toString(36).slice(2, 12)}`, body: 'again' });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    if (closed) await api(w.server, 'POST', `/api/conversations/${sent.data.conversation.id}/close`, as(w.owner));
    return sent.data.conversation.id;
  }

  let n = 0;
  const payloads: Record<string, (a: ActorName) => Promise<{ event: string; payload: unknown }>> = {
    message: async () => ({ event: 'message', payload: { conversationId: conv, clientId: `m-${++n}-abcdefgh`, body: 'hello' } }),
    'message [note]': async () => ({ event: 'message', payload: { conversationId: conv, clientId: `n-${++n}-abcdefgh`, body: 'a note', kind: 'note' } }),
    read: async () => ({ event: 'read', payload: { conversationId: conv, seq: 1 } }),
    sync: async () => ({ event: 'sync', payload: { conversations: [{ conversationId: conv, afterSeq: 0 }] } }),
    typing: async () => ({ event: 'typing', payload: { conversationId: conv, isTyping: true } }),
    'visitor:state': async () => ({ event: 'visitor:state', payload: {} }),
    'visitor:page': async () => ({ event: 'visitor:page', payload: { url: 'https://shop.example.com/', title: 'Shop' } }),
    'visitor:profile': async () => ({ event: 'visitor:profile', payload: { fields: { name: 'Val', email: 'val@example.com' } } }),
    'visitor:identify': async () => ({ event: 'visitor:identify', payload: { id: `user-${++n}`, name: 'Val' } }),
    'visitor:update': async () => ({ event: 'visitor:update', payload: { attributes: { plan: 'pro' } } }),
    'visitor:context': async () => ({ event: 'visitor:context', payload: { step: 'checkout' } }),
    'visitor:event': async () => ({ event: 'visitor:event', payload: { name: 'signup' } }),
    'visitor:trigger': async () => ({ event: 'visitor:trigger', payload: { triggerId: triggerA, action: 'shown' } }),
    'visitor:trigger [a trigger of site B]': async () => ({ event: 'visitor:trigger', payload: { triggerId: triggerB, action: 'shown' } }),
    'conversation:transcript': async () => ({ event: 'conversation:transcript', payload: { conversationId: conv, email: 'val@example.com' } }),
    'agent:activity': async () => ({ event: 'agent:activity', payload: {} }),
    'conversation:close': async () => ({ event: 'conversation:close', payload: { conversationId: await freshChat() } }),
    'conversation:rate': async () => ({ event: 'conversation:rate', payload: { conversationId: await freshChat(true), score: 5 } }),
  };

  it('each actor gets exactly the answer the matrix gives it, and a refusal changes nothing', async () => {
    const mismatches: string[] = [];
    const seen = [...ACTORS.map((a) => record(sockets[a], ['typing'])), record(helperSocket, ['typing'])];
    for (const [row, expected] of rows) {
      for (const a of ACTORS) {
        const { event, payload } = await payloads[row]!(a);
        await w.server.routing.idle();
        const before = await fingerprint(w.server);
        let got: string;
        if (event === 'typing') {
          for (const s of seen) s.length = 0;
          sockets[a].emit('typing', payload as never);
          await sleep(150);
          got = seen.some((s) => s.some((e) => e.e.data.userId === ids[a])) ? 'ok' : '-';
        } else {
          const ack = await Promise.race([call<unknown>(sockets[a], event as 'message', payload), sleep(5000).then(() => undefined)]);
          got = !ack ? 'no ack' : ack.ok ? 'ok' : ack.error.code;
        }
        if (got !== 'ok') {
          const changed = changedTables(before, await fingerprint(w.server));
          if (changed.length) mismatches.push(`${row} ${a}: refused (${got}) but changed ${changed.join(', ')}`);
        }
        if (got !== expected[a]) mismatches.push(`${row.padEnd(40)} ${a.padEnd(5)} expected ${expected[a]}, got ${got}`);
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  }, 120_000);

  it('anonymous clients, API tokens and visitors of another origin cannot open a socket', async () => {
    const refusal = (opts: Parameters<typeof connect>[1]) =>
      new Promise<string>((resolve) => {
        const s = connect(w.server.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
        s.once('connect', () => {
          s.disconnect();
          resolve('connected');
        });
        s.once('connect_error', (err) => {
          s.disconnect();
          resolve((err as Error & { data?: { code: string } }).data?.code ?? err.message);
        });
      });
    expect(await refusal({})).toBe('unauthenticated');
    expect(await refusal({ extraHeaders: { authorization: `Bearer ${w.apiSame}` } })).toBe('unauthenticated');
    expect(await refusal({ extraHeaders: { authorization: `Bearer ${w.apiOther}` } })).toBe('unauthenticated');
    expect(await refusal({ auth: { siteKey: w.siteA.widgetKey, visitorId: w.visitorB.visitorId, token: w.visitorA.token }, extraHeaders: { origin: VISITOR_ORIGIN } })).toBe('unauthenticated');
    expect(await refusal({ auth: { siteKey: w.siteB.widgetKey, visitorId: w.visitorA.visitorId, token: w.visitorA.token }, extraHeaders: { origin: VISITOR_ORIGIN } })).toBe('unauthenticated');
    expect(await refusal({ auth: { siteKey: w.siteA.widgetKey, visitorId: w.visitorA.visitorId, token: w.visitorA.token }, extraHeaders: { origin: 'https://evil.example' } })).toBe('origin_not_allowed');
    // An agent's cookie from a page that is not the dashboard (cross-site WebSocket hijacking).
    expect(await refusal({ extraHeaders: { cookie: w.agentA.cookie, origin: 'https://evil.example' } })).toBe('origin_not_allowed');
  });
});
