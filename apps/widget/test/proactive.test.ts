import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetSettings, type TriggerHistoryDto, type VisitorSelfDto, type WidgetConfigDto, type WidgetTriggerDto } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';
import { fakeBrowser } from './fake-browser';
import { FakeSocket } from './fake-socket';

/** Proactive prompts in the widget: when a prompt shows, what it reports, and what accepting does. */
let socket: FakeSocket;
let config: WidgetConfigDto;

vi.mock('../src/app/transport', () => ({
  HttpError: class extends Error {},
  fetchConfig: async () => config,
  createVisitor: async () => ({ visitorId: 'v1', token: 't1' }),
  openSocket: () => socket,
}));

const { Store } = await import('../src/app/store');
const { Tracker } = await import('../src/app/tracking');
const { Proactive, mergeHistory } = await import('../src/app/proactive');

const HELP = '11111111-1111-4111-8111-111111111111';
const EXIT = '22222222-2222-4222-8222-222222222222';
const trigger = (over: Partial<WidgetTriggerDto>): WidgetTriggerDto => ({
  id: HELP,
  priority: 0,
  conditions: [{ type: 'time_on_page', seconds: 1 }],
  delaySeconds: 0,
  message: 'Need a hand choosing?',
  frequency: { max: 1, per: 'session' },
  businessHoursOnly: false,
  onlyWhenAgentsOnline: false,
  ...over,
});

function siteConfig(triggers: WidgetTriggerDto[], tracking = true): WidgetConfigDto {
  return {
    siteId: 's1',
    name: 'Shop',
    settings: WidgetSettings.parse({ tracking: { enabled: tracking } }),
    agentsOnline: 1,
    departments: [],
    availability: { available: true, reason: 'open', nextOpenAt: null },
    triggers,
  };
}

const self = (triggers: Record<string, TriggerHistoryDto> = {}): VisitorSelfDto => ({
  id: 'v1',
  name: null,
  email: null,
  phone: null,
  verified: false,
  profileComplete: false,
  visitCount: 1,
  session: { pagesViewed: 1, referrer: null, utmSource: null },
  triggers,
});

async function load() {
  const store = new Store('http://parley.test', 'site-key-1');
  const tracker = new Tracker(store);
  const proactive = new Proactive(store, tracker);
  tracker.start();
  proactive.start();
  store.start();
  await vi.advanceTimersByTimeAsync(0);
  if (store.visitorSocket) {
    socket.connect();
    socket.last('visitor:state').ack!({ ok: true, data: { conversation: null, messages: [], agent: null, queue: null, visitor: self() } });
  }
  return { store, proactive, tracker };
}

let browser: ReturnType<typeof fakeBrowser>;
beforeEach(() => {
  vi.useFakeTimers();
  socket = new FakeSocket();
  browser = fakeBrowser({ url: 'https://shop.test/shoes' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('proactive prompts', () => {
  it('shows a time-on-page prompt when due, reports it, and accepting opens the chat whose first send carries the trigger', async () => {
    config = siteConfig([trigger({})]);
    const { store, proactive } = await load();
    await vi.advanceTimersByTimeAsync(900);
    expect(proactive.prompt).toBe(null);
    await vi.advanceTimersByTimeAsync(200);
    expect(proactive.prompt?.id).toBe(HELP);
    expect(socket.last('visitor:trigger').payload).toEqual({ triggerId: HELP, action: 'shown' });

    proactive.answer('accepted');
    expect(proactive.prompt).toBe(null);
    expect(socket.last('visitor:trigger').payload).toEqual({ triggerId: HELP, action: 'accepted' });
    expect(store.state.open).toBe(true);
    expect(store.state.acceptedTrigger).toEqual({ id: HELP, message: 'Need a hand choosing?' });

    store.send('Yes please');
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.last('message').payload).toMatchObject({ body: 'Yes please', triggerId: HELP });
  });

  it('never shows while the chat is open or a conversation is under way; opening the chat hides it', async () => {
    config = siteConfig([trigger({})]);
    const { store, proactive } = await load();
    store.setOpen(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(proactive.prompt).toBe(null);
    store.setOpen(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt?.id).toBe(HELP);
    // Other changes leave it on screen (this trigger does not depend on agents being online).
    socket.fire('availability', { type: 'availability', data: { available: false, reason: 'no_agents', nextOpenAt: null }, timestamp: '' });
    expect(store.state.config?.availability.reason).toBe('no_agents');
    history.replaceState({}, '', '/shoes');
    expect(proactive.prompt?.id).toBe(HELP);
    store.setOpen(true);
    expect(proactive.prompt).toBe(null);

    // A new page, but now a conversation is active.
    store.setOpen(false);
    socket.fire('message', { type: 'message', conversationId: 'c1', data: buildMessage(1, { senderType: 'agent', conversationId: 'c1' }), timestamp: '' });
    socket.last('visitor:state').ack!({ ok: true, data: { conversation: { id: 'c1', status: 'active' }, messages: [], agent: null, queue: null, visitor: self() } });
    history.pushState({}, '', '/next');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(proactive.prompt).toBe(null);
  });

  it('a dismissed prompt never comes back: not on the next page, nor with the server history after a reload', async () => {
    config = siteConfig([trigger({ frequency: { max: 10, per: 'session' } })]);
    let { proactive } = await load();
    await vi.advanceTimersByTimeAsync(1_000);
    proactive.answer('dismissed');
    expect(socket.last('visitor:trigger').payload).toEqual({ triggerId: HELP, action: 'dismissed' });
    history.pushState({}, '', '/next');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(proactive.prompt).toBe(null);

    // Reload: the server's history says dismissed.
    socket = new FakeSocket();
    ({ proactive } = await load());
    socket.last('visitor:page').ack!({ ok: true, data: { visitor: self({ [HELP]: { total: 1, today: 1, session: 1, dismissed: true } }) } });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(proactive.prompt).toBe(null);
  });

  it('loaded after the visitor is known (a lazy chunk), it still honours the server history', async () => {
    config = siteConfig([trigger({})]);
    const store = new Store('http://parley.test', 'site-key-1');
    const tracker = new Tracker(store);
    tracker.start();
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    socket.connect();
    socket.last('visitor:state').ack!({ ok: true, data: { conversation: null, messages: [], agent: null, queue: null, visitor: self({ [HELP]: { total: 1, today: 1, session: 1, dismissed: true } }) } });
    const proactive = new Proactive(store, tracker);
    proactive.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(proactive.prompt).toBe(null);
    // The same trigger for a visitor who never dismissed it does show.
    tracker.setVisitor(self());
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt?.id).toBe(HELP);
  });

  it('exit intent: the pointer leaving through the top edge, on desktop pointers only', async () => {
    config = siteConfig([trigger({ id: EXIT, conditions: [{ type: 'exit_intent' }] })]);
    const { proactive } = await load();
    browser.fireDocument('mouseout', { relatedTarget: null, clientY: 300 });
    browser.fireDocument('mouseout', { relatedTarget: {}, clientY: -2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt).toBe(null);
    vi.stubGlobal('matchMedia', () => ({ matches: false }));
    browser.fireDocument('mouseout', { relatedTarget: null, clientY: -2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt).toBe(null);
    vi.stubGlobal('matchMedia', () => ({ matches: true }));
    browser.fireDocument('mouseout', { relatedTarget: null, clientY: -2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt?.id).toBe(EXIT);
  });

  it('the cart value from the SDK context makes a trigger fire', async () => {
    config = siteConfig([trigger({ conditions: [{ type: 'cart_value', op: 'gte', value: 100 }] })]);
    const { proactive, tracker } = await load();
    tracker.setCart(40);
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt).toBe(null);
    tracker.setCart(120);
    await vi.advanceTimersByTimeAsync(0);
    expect(proactive.prompt?.id).toBe(HELP);
  });

  it('without a visitor (Do Not Track) the history lives in memory and the reports wait for the first interaction', async () => {
    browser = fakeBrowser({ url: 'https://shop.test/shoes', doNotTrack: '1' });
    config = siteConfig([trigger({})]);
    const { store, proactive } = await load();
    expect(store.visitorSocket).toBe(null);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(proactive.prompt?.id).toBe(HELP);
    proactive.answer('dismissed');
    history.pushState({}, '', '/next');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(proactive.prompt).toBe(null);
    expect(socket.sent).toEqual([]);

    store.send('Hello');
    await vi.advanceTimersByTimeAsync(0);
    socket.connect();
    expect(socket.all('visitor:trigger').map((e) => e.payload.action)).toEqual(['shown', 'dismissed']);
  });

  it('merges the server history with this page’s: larger counts, a dismissal anywhere', () => {
    expect(
      mergeHistory({ a: { total: 3, today: 1, session: 0, dismissed: false } }, { a: { total: 1, today: 1, session: 1, dismissed: true }, b: { total: 1, today: 1, session: 1, dismissed: false } }),
    ).toEqual({ a: { total: 3, today: 1, session: 1, dismissed: true }, b: { total: 1, today: 1, session: 1, dismissed: false } });
  });
});
