import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetSettings, type ConversationDto, type QueueInfo, type WidgetConfigDto } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';

/**
 * The store against a fake socket: what it sends on a first message (the picked team) and
 * how it follows the visitor's place in line.
 */
type Handler = (...args: unknown[]) => void;

class FakeSocket {
  connected = false;
  active = true;
  handlers = new Map<string, Handler>();
  sent: { event: string; payload: Record<string, unknown>; ack?: Handler }[] = [];
  on(event: string, fn: Handler) {
    this.handlers.set(event, fn);
    return this;
  }
  emit(event: string, payload: Record<string, unknown>, ack?: Handler) {
    this.sent.push({ event, payload, ack });
    return this;
  }
  timeout() {
    // The store's acks take (err, answer); ours answer without an error.
    return { emit: (event: string, payload: Record<string, unknown>, ack: Handler) => this.emit(event, payload, (answer: unknown) => ack(null, answer)) };
  }
  fire(event: string, data: unknown) {
    this.handlers.get(event)?.(data);
  }
  connect() {
    this.connected = true;
    this.fire('connect', undefined);
  }
  removeAllListeners() {}
  disconnect() {}
  last(event: string) {
    return this.sent.filter((s) => s.event === event).at(-1)!;
  }
}

let socket: FakeSocket;
const config: WidgetConfigDto = {
  siteId: 's1',
  name: 'Shop',
  settings: WidgetSettings.parse({ color: '#2563eb', title: 'Chat', welcomeText: 'Hi' }),
  agentsOnline: 1,
  departments: [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Sales' },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Support' },
  ],
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

const conversation = (over: Partial<ConversationDto> = {}) => ({ id: 'c1', status: 'queued', agentReadSeq: 0, visitorReadSeq: 0, ...over }) as ConversationDto;
const envelope = <T>(type: string, data: T, conversationId = 'c1') => ({ type, conversationId, data, timestamp: new Date().toISOString() });
const flush = () => new Promise((r) => setTimeout(r, 0));

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

/** A store whose visitor has connected and synced with no conversation yet. */
async function connected() {
  const store = new Store('http://parley.test', 'site-key-1');
  store.start();
  await flush();
  return store;
}

async function firstSend(store: InstanceType<typeof Store>, text: string) {
  store.send(text);
  await flush();
  socket.connect();
  socket.last('visitor:state').ack!({ ok: true, data: { conversation: null, messages: [], agent: null, queue: null } });
  await flush();
  return socket.last('message');
}

describe('widget store: teams and the queue', () => {
  it('sends the picked team with the first message only', async () => {
    const store = await connected();
    expect(store.state.config?.departments).toHaveLength(2);
    store.chooseDepartment(config.departments[1].id);
    const first = await firstSend(store, 'Hello');
    expect(first.payload).toMatchObject({ body: 'Hello', departmentId: config.departments[1].id });
    expect(first.payload.conversationId).toBeUndefined();
    first.ack!({ ok: true, data: { conversation: conversation(), message: buildMessage(1, { clientId: first.payload.clientId as string }) } });
    await flush();

    store.send('Second');
    await flush();
    const second = socket.last('message');
    expect(second.payload).toMatchObject({ conversationId: 'c1', body: 'Second' });
    expect(second.payload.departmentId).toBeUndefined();
  });

  it('shows its first message once when the message event beats the ack', async () => {
    const store = await connected();
    const first = await firstSend(store, 'Hello');
    const stored = buildMessage(1, { conversationId: 'c1', senderType: 'visitor', clientId: first.payload.clientId as string, body: 'Hello' });
    socket.fire('message', envelope('message', stored));
    expect(store.state.messages.map((m) => m.body)).toEqual(['Hello']);
    expect(store.state.outbox).toHaveLength(0);
  });

  it('picking the same team again un-picks it, and no team is sent then', async () => {
    const store = await connected();
    store.chooseDepartment(config.departments[0].id);
    store.chooseDepartment(config.departments[0].id);
    expect(store.state.departmentId).toBe(null);
    const first = await firstSend(store, 'Hello');
    expect(first.payload.departmentId).toBeUndefined();
  });

  it('follows the place in line from the sync and live events, and drops it once an agent has the chat', async () => {
    const store = await connected();
    const first = await firstSend(store, 'Hello');
    first.ack!({ ok: true, data: { conversation: conversation(), message: buildMessage(1, { clientId: first.payload.clientId as string }) } });
    await flush();
    // A new queued conversation asks for its place in line (it may have been announced before the answer).
    const state = socket.last('visitor:state');
    const place: QueueInfo = { position: 2, estimatedWaitSeconds: null };
    state.ack!({ ok: true, data: { conversation: conversation({ lastSeq: 1 }), messages: [], agent: null, queue: place } });
    expect(store.state.queue).toEqual(place);

    socket.fire('queue', envelope('queue', { position: 1, estimatedWaitSeconds: 90 }));
    expect(store.state.queue).toEqual({ position: 1, estimatedWaitSeconds: 90 });
    socket.fire('queue', envelope('queue', { position: 5, estimatedWaitSeconds: 90 }, 'another'));
    expect(store.state.queue?.position).toBe(1);

    socket.fire('queue', envelope('queue', null));
    expect(store.state.queue).toBe(null);
    socket.fire('queue', envelope('queue', { position: 1, estimatedWaitSeconds: 60 }));
    socket.fire('status_change', envelope('status_change', { status: 'active', by: 'agent' }));
    expect(store.state.queue).toBe(null);
  });
});
