import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetSettings, type WidgetConfigDto } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';
import { fakeBrowser } from './fake-browser';
import { FakeSocket } from './fake-socket';

/**
 * Tracking (contract §1–2) against a fake browser and socket: who creates the visitor, what
 * lands on the device and when, and which page views are reported.
 */
let socket: FakeSocket;
let config: WidgetConfigDto;
const createVisitor = vi.fn(async (_base: string, _siteKey: string, _persistent?: boolean) => ({ visitorId: 'v1', token: 't1' }));

vi.mock('../src/app/transport', () => ({
  HttpError: class extends Error {},
  fetchConfig: async () => config,
  createVisitor: (base: string, siteKey: string, persistent?: boolean) => createVisitor(base, siteKey, persistent),
  openSocket: () => socket,
}));

const { Store } = await import('../src/app/store');
const { Tracker, doNotTrack, trackingMode } = await import('../src/app/tracking');

const flush = () => new Promise((r) => setTimeout(r, 0));
const SITE = 'site-key-1';

function siteConfig(tracking: { enabled: boolean; storeBeforeInteraction: boolean }): WidgetConfigDto {
  return {
    siteId: 's1',
    name: 'Shop',
    settings: WidgetSettings.parse({ tracking }),
    agentsOnline: 1,
    departments: [],
    availability: { available: true, reason: 'open', nextOpenAt: null },
    triggers: [],
  };
}

/** A page load: store + tracker started, config loaded, the socket (if any) connected and synced. */
async function load() {
  const store = new Store('http://parley.test', SITE);
  const tracker = new Tracker(store);
  tracker.start();
  store.start();
  await flush();
  await flush();
  if (store.visitorSocket) {
    socket.connect();
    socket.last('visitor:state').ack!({ ok: true, data: { conversation: null, messages: [], agent: null, queue: null } });
  }
  return { store, tracker };
}

let browser: ReturnType<typeof fakeBrowser>;
beforeEach(() => {
  socket = new FakeSocket();
  createVisitor.mockClear();
  browser = fakeBrowser({ url: 'https://shop.test/shoes?utm_source=news', referrer: 'https://www.google.com/' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('tracking: privacy signals and settings', () => {
  it.each([
    [{ doNotTrack: '1' }, {}, true],
    [{ doNotTrack: '0' }, {}, false],
    [{ doNotTrack: null }, {}, false],
    [{ doNotTrack: null, globalPrivacyControl: true }, {}, true],
    [{ doNotTrack: null }, { doNotTrack: '1' }, true],
  ])('navigator %j, window %j → DNT %s', (nav, win, expected) => {
    expect(doNotTrack(nav as Navigator, win)).toBe(expected);
  });

  it.each([
    [{ enabled: true, storeBeforeInteraction: false }, false, 'memory'],
    [{ enabled: true, storeBeforeInteraction: true }, false, 'stored'],
    [{ enabled: false, storeBeforeInteraction: true }, false, 'off'],
    [{ enabled: true, storeBeforeInteraction: true }, true, 'off'],
  ] as const)('site %j, DNT %s → %s', (tracking, dnt, mode) => {
    expect(trackingMode({ tracking }, dnt)).toBe(mode);
  });
});

describe('tracking: nothing on the device before the visitor interacts', () => {
  it('creates a non-persistent visitor at load, keeps it in memory only, and stores it on the first message', async () => {
    config = siteConfig({ enabled: true, storeBeforeInteraction: false });
    const { store } = await load();
    expect(createVisitor).toHaveBeenCalledTimes(1);
    expect(createVisitor.mock.calls[0][2]).toBe(false);
    expect(store.visitorSocket).toBe(socket);
    expect(browser.storage.size).toBe(0);

    store.send('Hello');
    await flush();
    expect(JSON.parse(browser.storage.get(`parley:${SITE}`)!)).toMatchObject({ visitorId: 'v1', token: 't1' });
    expect(createVisitor).toHaveBeenCalledTimes(1);
    expect(socket.last('message').payload).toMatchObject({ body: 'Hello' });
  });

  it('an agent starting a chat also counts as an interaction', async () => {
    config = siteConfig({ enabled: true, storeBeforeInteraction: false });
    await load();
    expect(browser.storage.size).toBe(0);
    socket.fire('message', { type: 'message', conversationId: 'c1', data: buildMessage(1, { senderType: 'agent', conversationId: 'c1' }), timestamp: '' });
    expect(browser.storage.has(`parley:${SITE}`)).toBe(true);
  });

  it('stores the credentials at once when the site opts in', async () => {
    config = siteConfig({ enabled: true, storeBeforeInteraction: true });
    await load();
    expect(createVisitor.mock.calls[0][2]).toBe(true);
    expect(JSON.parse(browser.storage.get(`parley:${SITE}`)!)).toMatchObject({ visitorId: 'v1' });
  });

  it.each([
    ['Do Not Track', { doNotTrack: '1' }, { enabled: true, storeBeforeInteraction: true }],
    ['Global Privacy Control', { gpc: true }, { enabled: true, storeBeforeInteraction: false }],
    ['tracking off for the site', {}, { enabled: false, storeBeforeInteraction: false }],
  ])('%s: no visitor, no page views, nothing stored until the first message', async (_name, signals, tracking) => {
    browser = fakeBrowser({ url: 'https://shop.test/', ...signals });
    config = siteConfig(tracking);
    const { store } = await load();
    expect(createVisitor).not.toHaveBeenCalled();
    expect(store.visitorSocket).toBe(null);
    expect(browser.storage.size).toBe(0);

    store.send('Hi');
    await flush();
    expect(createVisitor).toHaveBeenCalledTimes(1);
    expect(browser.storage.has(`parley:${SITE}`)).toBe(true);
    socket.connect();
    expect(socket.all('visitor:page')).toEqual([]);
  });
});

describe('tracking: page views', () => {
  beforeEach(() => {
    config = siteConfig({ enabled: true, storeBeforeInteraction: false });
  });

  it('reports the page on every connect, with the document referrer', async () => {
    await load();
    expect(socket.all('visitor:page').map((e) => e.payload)).toEqual([{ url: 'https://shop.test/shoes?utm_source=news', title: 'Home', referrer: 'https://www.google.com/' }]);
    socket.connected = false;
    socket.connect();
    expect(socket.all('visitor:page')).toHaveLength(2);
  });

  it('reports SPA navigations (pushState, replaceState, back, hash) once each, after the title settles, only when the URL changed', async () => {
    const { tracker } = await load();
    vi.useFakeTimers();
    const pages = () => socket.all('visitor:page').slice(1).map((e) => [e.payload.url, e.payload.title]);

    history.pushState({}, '', '/shoes/red');
    browser.document.title = 'Red shoes';
    await vi.advanceTimersByTimeAsync(200);
    history.pushState({}, '', '/shoes/red'); // same URL: not a new page
    history.replaceState({}, '', '/shoes/red');
    await vi.advanceTimersByTimeAsync(200);
    history.replaceState({}, '', '/cart');
    browser.document.title = 'Cart';
    await vi.advanceTimersByTimeAsync(200);
    browser.back('/shoes/red');
    await vi.advanceTimersByTimeAsync(200);
    browser.location.href = 'https://shop.test/shoes/red#reviews';
    browser.fire('hashchange');
    await vi.advanceTimersByTimeAsync(200);

    expect(pages()).toEqual([
      ['https://shop.test/shoes/red', 'Red shoes'],
      ['https://shop.test/cart', 'Cart'],
      ['https://shop.test/shoes/red', 'Cart'],
      ['https://shop.test/shoes/red#reviews', 'Cart'],
    ]);
    expect(tracker.views).toBe(5);
  });

  it('counts pages but reports nothing when tracking is off', async () => {
    browser = fakeBrowser({ url: 'https://shop.test/', doNotTrack: '1' });
    config = siteConfig({ enabled: true, storeBeforeInteraction: false });
    const { store, tracker } = await load();
    store.send('Hi');
    await flush();
    socket.connect();
    history.pushState({}, '', '/next');
    await new Promise((r) => setTimeout(r, 200));
    expect(tracker.views).toBe(2);
    expect(socket.all('visitor:page')).toEqual([]);
  });
});
