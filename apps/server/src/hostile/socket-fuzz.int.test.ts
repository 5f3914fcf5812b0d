import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, type ClientSocket } from '../test/clients';
import { FUZZ_RUNS, FUZZ_SEED, hostileString, payloadFor } from './arbitraries';
import { buildWorld, changedTables, fingerprint, sleep, visitorWithChat, VISITOR_ORIGIN, type World } from './world';

/**
 * Property-based fuzzing of every client → server socket event, as a visitor and as an
 * agent: every event is acked (typing aside) with `{ ok: true, data }` or a coded
 * `{ ok: false, error }` that is never `internal`, the connection stays up, and a refused
 * event changes nothing. The events come from the server's own sockets: a new handler
 * without an entry here fails the suite. Then raw, malformed Socket.IO frames.
 */

const RESERVED = new Set(['disconnect', 'disconnecting', 'error']);
/** Socket.IO closes a connection whose packet is over maxHttpBufferSize (256 KB): a separate case below. */
const MAX_PACKET = 200_000;

describe('fuzzing every socket event', () => {
  let w: World;
  let visitor: ClientSocket;
  let agent: ClientSocket;
  let visitorEntries: Record<string, unknown>;
  let agentEntries: Record<string, unknown>;
  let visitorId: string;

  beforeAll(async () => {
    w = await buildWorld();
    const chat = await visitorWithChat(w.server, w.siteA.widgetKey);
    visitor = chat.socket;
    visitorId = chat.visitor.visitorId;
    agent = await connectAgent(w.server, w.owner);
    const conv = chat.conversationId;
    const trigger = await api(w.server, 'POST', `/api/sites/${w.siteA.id}/triggers`, { cookie: w.owner.cookie, csrf: w.owner.csrf, body: { name: 'T', conditions: [{ type: 'exit_intent' }], message: 'Hi' } });
    visitorEntries = {
      message: { conversationId: conv, clientId: 'sock-fuzz-0001', body: 'hello' },
      read: { conversationId: conv, seq: 1 },
      sync: { conversations: [{ conversationId: conv, afterSeq: 0 }] },
      typing: { conversationId: conv, isTyping: true },
      'visitor:state': { afterSeq: 0 },
      'conversation:close': { conversationId: conv },
      'conversation:rate': { conversationId: conv, score: 4, comment: 'quick answer' },
      'conversation:transcript': { conversationId: conv, email: 'val@example.com' },
      'visitor:page': { url: 'https://shop.example.com/boots?size=44', title: 'Boots', referrer: 'https://search.example/?q=boots' },
      'visitor:profile': { fields: { name: 'Val', email: 'val@example.com' } },
      'visitor:identify': { id: 'user-1', name: 'Val', email: 'val@example.com', phone: '+33 1 23 45 67 89' },
      'visitor:update': { name: 'Val', email: 'val@example.com', phone: '+1 555 0100', attributes: { plan: 'pro', seats: 3, trial: false, gone: null } },
      'visitor:context': { cart: { total: 42.5, currency: 'EUR', items: [{ name: 'Boots', quantity: 1, price: 42.5 }] }, step: 'checkout' },
      'visitor:event': { name: 'signup', properties: { plan: 'pro' } },
      'visitor:trigger': { triggerId: trigger.body.trigger.id, action: 'shown' },
    };
    agentEntries = {
      message: { conversationId: conv, clientId: 'agent-fuzz-001', body: 'an internal note', kind: 'note' },
      read: { conversationId: conv, seq: 1 },
      sync: { conversations: [{ conversationId: conv, afterSeq: 0 }] },
      typing: { conversationId: conv, isTyping: false },
      'conversation:close': { conversationId: conv },
      'agent:activity': {},
    };
  });
  afterAll(async () => {
    visitor?.disconnect();
    agent?.disconnect();
    await w?.server.close();
  });

  const serverEvents = (kind: 'visitor' | 'agent') => {
    const s = [...w.server.io.of('/').sockets.values()].find((x) => x.data.actor?.kind === kind && (kind === 'agent' || (x.data.actor as { visitorId: string }).visitorId === visitorId));
    return (s?.eventNames() ?? []).map(String).filter((e) => !RESERVED.has(e));
  };

  it('every event a visitor or an agent can send is fuzzed', () => {
    expect(serverEvents('visitor').sort()).toEqual(Object.keys(visitorEntries).sort());
    expect(serverEvents('agent').sort()).toEqual(Object.keys(agentEntries).sort());
  });

  const ackOf = (socket: ClientSocket, event: string, payload: unknown) =>
    Promise.race([call<unknown>(socket, event as 'message', payload), sleep(5000).then(() => 'no ack' as const)]);

  async function fuzz(kind: 'visitor' | 'agent', socket: ClientSocket, entries: Record<string, unknown>) {
    const failures: string[] = [];
    let last = await fingerprint(w.server);
    for (const [event, valid] of Object.entries(entries)) {
      const payloads = payloadFor(valid).filter((p) => (JSON.stringify(p) ?? '').length < MAX_PACKET);
      const r = await fc.check(
        fc.asyncProperty(payloads, async (payload) => {
          const before = last;
          const what = `${kind} ${event}`;
          if (event === 'typing') {
            socket.emit('typing', payload as never);
            // The next acked event runs after it: the connection survived and nothing was stored.
            const probe = await ackOf(socket, kind === 'visitor' ? 'visitor:state' : 'agent:activity', {});
            expect(probe, `${what}: still answering`).not.toBe('no ack');
            last = await fingerprint(w.server);
            expect(changedTables(before, last), `${what} changed`).toEqual([]);
            return;
          }
          const ack = await ackOf(socket, event, payload);
          expect(ack, `${what}: acked`).not.toBe('no ack');
          const a = ack as { ok: boolean; data?: unknown; error?: { code?: unknown; message?: unknown } };
          expect(typeof a.ok, `${what}: ack shape ${JSON.stringify(a).slice(0, 200)}`).toBe('boolean');
          if (a.ok) {
            await w.server.routing.idle();
            await sleep(10);
            last = await fingerprint(w.server);
          } else {
            expect(typeof a.error?.code, `${what}: coded error`).toBe('string');
            expect(typeof a.error?.message, `${what}: error message`).toBe('string');
            expect(a.error?.code, `${what}: ${a.error?.message}`).not.toBe('internal');
            last = await fingerprint(w.server);
            expect(changedTables(before, last), `${what} refused (${a.error?.code}) but changed`).toEqual([]);
          }
          expect(socket.connected, `${what}: still connected`).toBe(true);
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS ?? 30, endOnFailure: true },
      );
      if (r.failed) {
        failures.push(`${kind} ${event} — FUZZ_SEED=${r.seed} (case ${r.counterexamplePath}): ${String((r.errorInstance as Error | undefined)?.message ?? r.errorInstance).slice(0, 500)}\n  input: ${JSON.stringify(r.counterexample?.[0])?.slice(0, 600)}`);
        if (!socket.connected) await eventually(() => socket.connected, 'reconnected', 5000).catch(() => {});
      }
    }
    return failures;
  }

  it('visitor events: always a coded ack, never internal, nothing stored when refused', async () => {
    const failures = await fuzz('visitor', visitor, visitorEntries);
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 180_000);

  it('agent events: always a coded ack, never internal, nothing stored when refused', async () => {
    const failures = await fuzz('agent', agent, agentEntries);
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 180_000);

  it('an event the connection has no handler for is refused with an ack, not left hanging', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom('agent:activity', 'visitor:nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty'), hostileString.filter((s) => s.length > 0 && s.length < 1000 && !RESERVED.has(s) && !(s in visitorEntries))), async (event) => {
        const before = await fingerprint(w.server);
        const ack = (await ackOf(visitor, event, {})) as { ok: boolean; error?: { code: string } };
        expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(changedTables(before, await fingerprint(w.server))).toEqual([]);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS ?? 15 },
    );
    for (const event of Object.keys(visitorEntries).filter((e) => !(e in agentEntries))) {
      expect(await ackOf(agent, event, visitorEntries[event]), `agent sending ${event}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('malformed Socket.IO frames and oversized packets close that connection only; the server goes on', async () => {
    const v = await createVisitor(w.server, w.siteA.widgetKey, VISITOR_ORIGIN);
    const auth = JSON.stringify({ siteKey: v.siteKey, visitorId: v.visitorId, token: v.token });
    const frames: (string | Buffer)[] = [
      '42',
      '42[',
      '42["message"',
      '42[]',
      '42[1]',
      '42[null]',
      '42{"a":1}',
      '421["message"]',
      '42["message",{"clientId":"abcdefgh1","body":"x"},"not a function"]',
      '42["__proto__",{}]',
      '42["constructor"]',
      '42["hasOwnProperty",1]',
      '43',
      '431[]',
      '44garbage',
      '45-["message",{"_placeholder":true,"num":0}]',
      '451-["message",{"_placeholder":true,"num":99}]',
      '49',
      '4',
      '6',
      '1',
      'x',
      '',
      Buffer.from([0xff, 0x00, 0xfe, 0x42]),
      `42["message",{"clientId":"abcdefgh2","body":"${'x'.repeat(300_000)}"}]`,
      `42["visitor:context",${'['.repeat(50_000)}${']'.repeat(50_000)}]`,
    ];
    for (const frame of frames) {
      const ws = new WebSocket(`${w.server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { origin: VISITOR_ORIGIN } });
      const got: string[] = [];
      ws.on('message', (d) => got.push(d.toString()));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      ws.send(`40${auth}`);
      await eventually(() => got.some((m) => m.startsWith('40')), 'namespace connect');
      ws.send(frame);
      await sleep(30);
      ws.terminate();
    }
    expect((await api(w.server, 'GET', '/healthz')).status).toBe(200);
    const fresh = await connectVisitor(w.server, v, VISITOR_ORIGIN);
    const sent = await call(fresh, 'message', { clientId: 'after-garbage-1', body: 'still here?' });
    expect(sent.ok).toBe(true);
    fresh.disconnect();
    expect(visitor.connected && agent.connected).toBe(true);
  });
});
