import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetSettings, type ConversationDto, type WidgetConfigDto } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';
import { FakeSocket } from './fake-socket';

/**
 * The widget's side of the fault tests (apps/server/src/faults): what it asks for after a
 * reconnect, and what it does with a send the server cannot store right now.
 */
let socket: FakeSocket;
const config: WidgetConfigDto = {
  siteId: 's1',
  name: 'Shop',
  settings: WidgetSettings.parse({ color: '#2563eb', title: 'Chat', welcomeText: 'Hi' }),
  agentsOnline: 1,
  departments: [],
  availability: { available: true, reason: 'open', nextOpenAt: null },
  triggers: [],
};

vi.mock('../src/app/transport', () => ({
  HttpError: class extends Error {},
  fetchConfig: async () => config,
  createVisitor: async () => ({ visitorId: 'v1', token: 't1' }),
  openSocket: () => socket,
}));

const { Store } = await import('../src/app/store');

const conversation = { id: 'c1', status: 'active', agentReadSeq: 0, visitorReadSeq: 0 } as ConversationDto;
const flush = () => new Promise((r) => setTimeout(r, 0));
const agentMessage = (seq: number) => buildMessage(seq, { senderType: 'agent', body: `reply ${seq}` });

beforeEach(() => {
  socket = new FakeSocket();
  const storage = new Map<string, string>();
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('document', { visibilityState: 'visible', addEventListener() {} });
  vi.stubGlobal('addEventListener', () => {});
  vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) });
  vi.stubGlobal('window', globalThis);
});
afterEach(() => vi.unstubAllGlobals());

async function reconnect() {
  socket.fire('disconnect', 'transport close');
  socket.connected = false;
  await flush();
  socket.connect();
  await flush();
  return socket.last('visitor:state');
}

async function opened() {
  const store = new Store('http://parley.test', 'site-key-1');
  store.start();
  await flush();
  store.send('Hello');
  await flush();
  socket.connect();
  socket.last('visitor:state').ack!({ ok: true, data: { conversation: null, messages: [], agent: null, queue: null } });
  await flush();
  const first = socket.last('message');
  first.ack!({ ok: true, data: { conversation, message: buildMessage(1, { clientId: first.payload.clientId as string, body: 'Hello' }) } });
  await flush();
  return store;
}

describe('widget store: resync after a reconnect', () => {
  // A reply missed live (Redis away, a node killed before its fan-out) while later messages did
  // arrive leaves a hole; asking from the last seq held would never fill it.
  it('asks from the end of the last answer, so a reply missed live while later messages arrived is fetched', async () => {
    const store = await opened();

    // A reconnect: everything after seq 1 is asked for, and there is nothing yet.
    const state = await reconnect();
    expect(state.payload).toEqual({ afterSeq: 1 });
    state.ack!({ ok: true, data: { conversation, messages: [], agent: null, queue: null } });
    await flush();

    // The agent's reply (seq 2) is never heard live; the visitor's next message (seq 3) and
    // another reply (seq 4) are.
    store.send('Still there?');
    await flush();
    const second = socket.last('message');
    second.ack!({ ok: true, data: { conversation, message: buildMessage(3, { clientId: second.payload.clientId as string, body: 'Still there?' }) } });
    socket.fire('message', { type: 'message', conversationId: 'c1', data: agentMessage(4), timestamp: new Date().toISOString() });
    await flush();
    expect(store.state.messages.map((m) => m.seq)).toEqual([1, 3, 4]);

    const again = await reconnect();
    expect(again.payload).toEqual({ afterSeq: 1 });
    again.ack!({ ok: true, data: { conversation, messages: [agentMessage(2), buildMessage(3, { body: 'Still there?' }), agentMessage(4)], agent: null, queue: null } });
    await flush();
    expect(store.state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);

    // That answer is complete up to seq 4: the next reconnect asks from there.
    expect((await reconnect()).payload).toEqual({ afterSeq: 4 });
  });
});

describe('widget store: a send the server cannot store right now', () => {
  afterEach(() => vi.useRealTimers());

  it('stays queued when refused as unavailable (database down, server overloaded) and goes again with the same clientId', async () => {
    const store = await opened();
    vi.useFakeTimers();
    store.send('Are you there?');
    await vi.advanceTimersByTimeAsync(0);
    const refused = socket.last('message');
    refused.ack!({ ok: false, error: { code: 'unavailable', message: 'The service is temporarily unavailable; retrying will work once it is back' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.state.outbox).toMatchObject([{ clientId: refused.payload.clientId }]);
    expect(store.state.outbox[0]!.error).toBeUndefined();

    await vi.advanceTimersByTimeAsync(5_000);
    const again = socket.last('message');
    expect(again).not.toBe(refused);
    expect(again.payload.clientId).toBe(refused.payload.clientId);
    again.ack!({ ok: true, data: { conversation, message: buildMessage(2, { clientId: again.payload.clientId as string, body: 'Are you there?' }) } });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.state.outbox).toEqual([]);
    expect(store.state.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('is marked failed (for the visitor to retry) when refused for any other reason', async () => {
    const store = await opened();
    store.send('spam');
    await flush();
    socket.last('message').ack!({ ok: false, error: { code: 'rate_limited', message: 'You are sending messages too fast; wait a moment and try again' } });
    await flush();
    expect(store.state.outbox).toMatchObject([{ error: 'You are sending messages too fast; wait a moment and try again' }]);
  });
});
