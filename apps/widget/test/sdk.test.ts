import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { WidgetSettings, type WidgetConfigDto } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';
import { fakeBrowser } from './fake-browser';
import { FakeSocket } from './fake-socket';

/** `window.Parley(...)`: commands, argument checks, visitor calls waiting for a visitor, events. */
let sockets: FakeSocket[];
let config: WidgetConfigDto;
let nextVisitor = 1;

vi.mock('../src/app/transport', () => ({
  HttpError: class extends Error {},
  fetchConfig: async () => config,
  createVisitor: async () => ({ visitorId: `v${nextVisitor}`, token: `t${nextVisitor++}` }),
  openSocket: () => {
    const s = new FakeSocket();
    sockets.push(s);
    return s;
  },
}));

const { Store } = await import('../src/app/store');
const { Tracker } = await import('../src/app/tracking');
const { createSdk } = await import('../src/app/sdk');

const SITE = 'site-key-1';
const flush = () => new Promise((r) => setTimeout(r, 0));
const socket = () => sockets.at(-1)!;

function siteConfig(tracking: boolean): WidgetConfigDto {
  return {
    siteId: 's1',
    name: 'Shop',
    settings: WidgetSettings.parse({ tracking: { enabled: tracking } }),
    agentsOnline: 1,
    departments: [],
    availability: { available: true, reason: 'open', nextOpenAt: null },
    triggers: [],
  };
}

/** Connects the newest socket and answers its sync. */
function connect(conversation: unknown = null, messages: unknown[] = []) {
  socket().connect();
  socket().last('visitor:state').ack!({ ok: true, data: { conversation, messages, agent: null, queue: null } });
}

async function load(tracking = true) {
  config = siteConfig(tracking);
  const store = new Store('http://parley.test', SITE);
  const tracker = new Tracker(store);
  const run = createSdk({ store, tracker, siteKey: SITE });
  const parley = (...args: unknown[]) => run(args);
  return {
    store,
    parley,
    /** Starts the app (the queued calls above ran first, as in mount()). */
    start: async () => {
      tracker.start();
      store.start();
      await flush();
      await flush();
    },
  };
}

let browser: ReturnType<typeof fakeBrowser>;
let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  sockets = [];
  browser = fakeBrowser({ url: 'https://shop.test/' });
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  warn.mockRestore();
});

describe('SDK commands', () => {
  it('open, close, toggle, show, hide', async () => {
    const { store, parley, start } = await load();
    await start();
    parley('open');
    expect(store.state.open).toBe(true);
    parley('toggle');
    expect(store.state.open).toBe(false);
    parley('toggle');
    parley('close');
    expect(store.state.open).toBe(false);
    parley('hide');
    expect(store.state.visible).toBe(false);
    parley('show');
    expect(store.state.visible).toBe(true);
  });

  it('unknown commands warn once; bad arguments warn clearly and do nothing', async () => {
    const { parley, start } = await load();
    await start();
    connect();
    const before = socket().sent.length;
    parley('fly');
    parley('fly');
    parley('identify', { name: 'No id' });
    parley('identify', { id: 'u1', hash: 'nothex' });
    parley('update', { name: 'Ada', shoeSize: 42 });
    parley('update', { email: 'not-an-email' });
    parley('setAttributes', { plan: { nested: true } });
    parley('setContext', { cart: { total: 'lots' } });
    parley('trackEvent', '');
    parley('sendMessage', '   ');
    parley('on', 'nope', () => {});
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      'Parley: unknown command "fly"',
      'Parley: identify needs { id } (a non-empty string of at most 200 characters)',
      'Parley: identify: hash must be the hex HMAC-SHA256 of the user id (64 hex characters)',
      'Parley: update: unknown field "shoeSize" (expected name, email, phone, attributes)',
      'Parley: update: email "not-an-email" is not an email address',
      'Parley: setAttributes needs an object of strings, numbers, booleans or null',
      'Parley: setContext: cart.total must be a number ≥ 0',
      'Parley: trackEvent needs a name (a non-empty string of at most 100 characters)',
      'Parley: sendMessage needs a non-empty string',
      'Parley: on needs an event (ready, open, close, message:received, message:sent, unread, availability) and a function',
    ]);
    expect(socket().sent.length).toBe(before);
  });

  it('visitor calls made before any visitor exists wait for one, in order (tracking off: none is created for them)', async () => {
    const { store, parley, start } = await load(false);
    parley('boot', { user: { id: 'u_42', name: 'Ada', email: 'ada@example.com', attributes: { plan: 'pro' } } });
    parley('setContext', { cart: { total: 129.9, currency: 'EUR', items: [] } });
    parley('trackEvent', 'viewed_plan', { plan: 'pro' });
    await start();
    expect(sockets).toEqual([]);

    parley('sendMessage', 'Hello from the SDK');
    expect(store.state.outbox.map((i) => i.body)).toEqual(['Hello from the SDK']);
    await flush();
    connect();
    expect(socket().sent.map((e) => e.event)).toEqual(['visitor:state', 'visitor:identify', 'visitor:update', 'visitor:context', 'visitor:event', 'message']);
    expect(socket().last('visitor:identify').payload).toEqual({ id: 'u_42', name: 'Ada', email: 'ada@example.com' });
    expect(socket().last('visitor:update').payload).toEqual({ attributes: { plan: 'pro' } });
    expect(socket().last('visitor:event').payload).toEqual({ name: 'viewed_plan', properties: { plan: 'pro' } });
  });

  it('with tracking on the visitor exists from load: calls go out at once; update re-reports an SPA page', async () => {
    const { parley, start } = await load(true);
    await start();
    connect();
    parley('setAttributes', { plan: 'pro' });
    expect(socket().last('visitor:update').payload).toEqual({ attributes: { plan: 'pro' } });
    history.replaceState({}, '', '/pricing'); // patched: reported
    await new Promise((r) => setTimeout(r, 200));
    const pages = socket().all('visitor:page').length;
    browser.location.href = 'https://shop.test/pricing/team'; // a router that bypasses history
    parley('update', { name: 'Ada' });
    await new Promise((r) => setTimeout(r, 200));
    expect(socket().last('visitor:update').payload).toEqual({ name: 'Ada' });
    expect(socket().all('visitor:page').length).toBe(pages + 1);
    expect(socket().last('visitor:page').payload.url).toBe('https://shop.test/pricing/team');
  });

  it('identify: a merge hands over another visitor; the widget becomes it, stores it and reconnects', async () => {
    const { store, parley, start } = await load(true);
    await start();
    store.send('hi');
    await flush();
    connect();
    parley('identify', { id: 'u_42', hash: 'a'.repeat(64) });
    socket().last('visitor:identify').ack!({ ok: true, data: { visitorId: 'v-known', token: 'tok-known', verified: true } });
    expect(sockets).toHaveLength(2);
    expect(JSON.parse(browser.storage.get(`parley:${SITE}`)!)).toMatchObject({ visitorId: 'v-known', token: 'tok-known' });
  });

  it('shutdown forgets the visitor: record erased, socket closed, state reset; the next message is a new visitor', async () => {
    const { store, parley, start } = await load(false);
    await start();
    store.send('first');
    await flush();
    connect();
    const first = socket();
    expect(browser.storage.has(`parley:${SITE}`)).toBe(true);
    parley('shutdown');
    expect(browser.storage.has(`parley:${SITE}`)).toBe(false);
    expect(first.connected).toBe(false);
    expect(store.state.messages).toEqual([]);
    expect(store.visitorSocket).toBe(null);

    store.send('second');
    await flush();
    expect(socket()).not.toBe(first);
    expect(JSON.parse(browser.storage.get(`parley:${SITE}`)!).visitorId).toBe(`v${nextVisitor - 1}`);
  });
});

describe('SDK events', () => {
  it('ready, open/close, unread, message:received, message:sent, availability; off unsubscribes; a throwing handler is contained', async () => {
    const { store, parley, start } = await load(false);
    const seen: unknown[][] = [];
    const on = (name: string) => parley('on', name, (d?: unknown) => seen.push(d === undefined ? [name] : [name, d]));
    for (const name of ['ready', 'open', 'close', 'unread', 'message:received', 'message:sent', 'availability']) on(name);
    parley('on', 'open', () => {
      throw new Error('host bug');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await start();
    expect(seen).toEqual([['ready'], ['availability', { available: true, reason: 'open', nextOpenAt: null }]]);

    store.send('Hello');
    await flush();
    connect();
    const sent = socket().last('message');
    sent.ack!({ ok: true, data: { conversation: { id: 'c1', status: 'queued' }, message: buildMessage(1, { clientId: sent.payload.clientId as string, body: 'Hello' }) } });
    socket().fire('message', { type: 'message', conversationId: 'c1', data: buildMessage(2, { senderType: 'agent', body: 'Hi there', senderName: 'Alice' }), timestamp: '' });
    parley('open');
    parley('close');
    const late: string[] = [];
    parley('on', 'ready', () => late.push('ready'));
    await flush();

    expect(seen.slice(2).map((e) => e[0])).toEqual(['message:sent', 'unread', 'message:received', 'open', 'unread', 'close']);
    expect(seen[2][1]).toMatchObject({ body: 'Hello', senderType: 'visitor', conversationId: 'c1' });
    expect(seen[3]).toEqual(['unread', 1]);
    expect(seen[4][1]).toMatchObject({ body: 'Hi there', senderType: 'agent', senderName: 'Alice' });
    expect(seen[6]).toEqual(['unread', 0]);
    expect(late).toEqual(['ready']);
    expect(error).toHaveBeenCalledWith('Parley: a "open" handler threw', expect.any(Error));

    const count = seen.length;
    const handler = () => seen.push(['again']);
    parley('on', 'open', handler);
    parley('off', 'open', handler);
    parley('open');
    expect(seen.slice(count).map((e) => e[0])).toEqual(['open']);
    error.mockRestore();
  });
});
