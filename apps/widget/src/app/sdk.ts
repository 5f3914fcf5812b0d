/**
 * The page's JavaScript API, `window.Parley(command, ...args)` (documented in
 * docs/widget-sdk.md). The loader queues calls made before the app loads; `mount()` runs
 * them in order, then every call runs at once.
 *
 * Calls about the visitor (identify, update, setAttributes, setContext, trackEvent) wait
 * until a visitor exists: with tracking on it does from page load; otherwise from the
 * visitor's first interaction (an SDK call never creates one by itself).
 *
 * @example
 *   Parley('boot', { user: { id: 'u_42', name: 'Ada', email: 'ada@example.com', hash: '…' } });
 *   Parley('setContext', { cart: { total: 129.9, currency: 'EUR' } });
 *   Parley('on', 'message:received', (m) => console.log(m.body));
 */
import type { MessageDto } from '@parley/protocol';
import { unreadCount } from './messages';
import type { Store } from './store';
import type { Tracker } from './tracking';
import type { VisitorSocket } from './transport';

export type SdkEvent = 'ready' | 'open' | 'close' | 'message:received' | 'message:sent' | 'unread' | 'availability';
const EVENTS: readonly SdkEvent[] = ['ready', 'open', 'close', 'message:received', 'message:sent', 'unread', 'availability'];

/** What `message:received` / `message:sent` handlers get. */
export interface SdkMessage {
  id: string;
  conversationId: string;
  body: string;
  senderType: MessageDto['senderType'];
  senderName: string | null;
  createdAt: string;
}

type VisitorEvent = 'visitor:identify' | 'visitor:update' | 'visitor:context' | 'visitor:event';
type Handler = (data?: unknown) => void;
type Dict = Record<string, unknown>;

const ACK_TIMEOUT = 15_000;
const warn = (msg: string) => console.warn(`Parley: ${msg}`);
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim() !== '' && v.length <= max;
const flat = (v: unknown) => isDict(v) && Object.values(v).every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x));
const toPublic = (m: MessageDto): SdkMessage => ({ id: m.id, conversationId: m.conversationId, body: m.body, senderType: m.senderType, senderName: m.senderName, createdAt: m.createdAt });

/** Checks the optional profile fields; returns what is wrong, or null. */
function profileError(p: Dict, allowed: readonly string[]): string | null {
  const unknown = Object.keys(p).find((k) => !allowed.includes(k));
  if (unknown) return `unknown field "${unknown}" (expected ${allowed.join(', ')})`;
  for (const k of ['name', 'email', 'phone', 'hash'] as const) if (p[k] !== undefined && !text(p[k], 320)) return `${k} must be a non-empty string`;
  if (p.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email as string)) return `email "${p.email}" is not an email address`;
  if (p.hash !== undefined && !/^[0-9a-f]{64}$/i.test(p.hash as string)) return 'hash must be the hex HMAC-SHA256 of the user id (64 hex characters)';
  if (p.attributes !== undefined && !flat(p.attributes)) return 'attributes must be an object of strings, numbers, booleans or null';
  return null;
}

interface Parts {
  store: Store;
  tracker: Tracker;
  /** The snippet's site key (boot may not change it). */
  siteKey: string;
}

/**
 * Creates the command runner behind `window.Parley`.
 *
 * @example const run = createSdk({ store, tracker, siteKey }); run(['open']);
 */
export function createSdk({ store, tracker, siteKey }: Parts): (args: ArrayLike<unknown>) => void {
  const handlers = new Map<SdkEvent, Set<Handler>>(EVENTS.map((e) => [e, new Set()]));
  const warned = new Set<string>();
  let ready = false;

  const emit = (name: SdkEvent, data?: unknown) => {
    for (const fn of handlers.get(name)!) {
      try {
        fn(data);
      } catch (e) {
        console.error(`Parley: a "${name}" handler threw`, e);
      }
    }
  };

  // ---- calls that need the visitor ---------------------------------------------------------
  const pending: [VisitorEvent, unknown, ((data: Dict) => void)?][] = [];
  const flush = (s: VisitorSocket) => {
    for (const call of pending.splice(0)) {
      const [event, payload, done] = call;
      const emitter = s.timeout(ACK_TIMEOUT) as unknown as { emit(e: string, p: unknown, ack: (err: unknown, a: { ok: boolean; data?: Dict; error?: { message: string } }) => void): void };
      emitter.emit(event, payload, (err, ack) => {
        if (err) pending.push(call); // lost with the connection: sent again on the next connect
        else if (!ack.ok) warn(`${event.slice(8)} refused: ${ack.error?.message}`);
        else done?.(ack.data ?? {});
      });
    }
  };
  const visitorCall = (event: VisitorEvent, payload: unknown, done?: (data: Dict) => void) => {
    pending.push([event, payload, done]);
    const s = store.visitorSocket;
    if (s?.connected) flush(s);
  };
  store.hook('socket', (s) => {
    s.on('connect', () => flush(s));
    s.on('message', (e) => {
      const m = e.data;
      if ((m.senderType === 'agent' || m.senderType === 'bot') && m.kind !== 'note') emit('message:received', toPublic(m));
    });
  });

  const identify = (user: unknown) => {
    if (!isDict(user) || !text(user.id, 200)) return warn('identify needs { id } (a non-empty string of at most 200 characters)');
    const error = profileError(user, ['id', 'name', 'email', 'phone', 'hash']);
    if (error) return warn(`identify: ${error}`);
    visitorCall('visitor:identify', user, (data) => {
      // The site already knows this verified user as another visitor: become that one.
      if (typeof data.token === 'string' && typeof data.visitorId === 'string') store.switchVisitor({ visitorId: data.visitorId, token: data.token });
    });
  };

  const update = (data: unknown, allowed: readonly string[], name: string) => {
    if (!isDict(data)) return warn(`${name} needs an object`);
    const error = profileError(data, allowed);
    if (error) return warn(`${name}: ${error}`);
    if (Object.keys(data).length) visitorCall('visitor:update', data);
  };

  // ---- commands ----------------------------------------------------------------------------
  const commands: Record<string, (...args: unknown[]) => void> = {
    boot(opts = {}) {
      if (!isDict(opts)) return warn('boot needs an object: { siteKey?, user? }');
      if (opts.siteKey !== undefined && opts.siteKey !== siteKey) warn(`boot: siteKey "${String(opts.siteKey)}" differs from the snippet's; using "${siteKey}"`);
      const user = opts.user;
      if (user === undefined) return;
      if (!isDict(user) || user.id === undefined) return update(user, ['name', 'email', 'phone', 'attributes'], 'boot user');
      const { attributes, ...identity } = user;
      identify(identity);
      if (attributes !== undefined) update({ attributes }, ['attributes'], 'boot user');
    },
    identify,
    update(data) {
      update(data, ['name', 'email', 'phone', 'attributes'], 'update');
      // SPAs call update on navigation: report the page if the URL changed.
      tracker.check();
    },
    setAttributes(attributes) {
      if (!flat(attributes)) return warn('setAttributes needs an object of strings, numbers, booleans or null');
      visitorCall('visitor:update', { attributes });
    },
    setContext(context) {
      if (!isDict(context)) return warn('setContext needs an object, e.g. { cart: { total: 42, currency: "EUR" } }');
      const cart = context.cart;
      if (cart !== undefined && (!isDict(cart) || typeof cart.total !== 'number' || !(cart.total >= 0))) return warn('setContext: cart.total must be a number ≥ 0');
      tracker.setCart(isDict(cart) ? (cart.total as number) : null);
      visitorCall('visitor:context', context);
    },
    trackEvent(name, properties = {}) {
      if (!text(name, 100)) return warn('trackEvent needs a name (a non-empty string of at most 100 characters)');
      if (!flat(properties)) return warn('trackEvent: properties must be an object of strings, numbers, booleans or null');
      visitorCall('visitor:event', { name, properties });
    },
    sendMessage(body) {
      if (!text(body, Infinity)) return warn('sendMessage needs a non-empty string');
      if (!store.send(body as string)) warn('sendMessage: the message is too long');
    },
    open: () => store.setOpen(true),
    close: () => store.setOpen(false),
    toggle: () => store.setOpen(!store.state.open),
    show: () => store.setVisible(true),
    hide: () => store.setVisible(false),
    shutdown() {
      pending.length = 0;
      store.switchVisitor(null);
      tracker.forget();
    },
    on(name, fn) {
      if (!handlers.has(name as SdkEvent) || typeof fn !== 'function') return warn(`on needs an event (${EVENTS.join(', ')}) and a function`);
      handlers.get(name as SdkEvent)!.add(fn as Handler);
      if (name === 'ready' && ready) queueMicrotask(() => (fn as Handler)());
    },
    off(name, fn) {
      handlers.get(name as SdkEvent)?.delete(fn as Handler);
    },
  };

  // ---- events derived from the store's state -------------------------------------------------
  let prev = store.state;
  let unread = 0;
  let availability = '';
  const sent = new Set<string>();
  store.subscribe(() => {
    const s = store.state;
    if (s.config && !ready) {
      ready = true;
      emit('ready');
    }
    // Each event only looks again when what it derives from changed (not on typing or connection updates).
    if (s.open !== prev.open) emit(s.open ? 'open' : 'close');
    if (s.open !== prev.open || s.messages !== prev.messages || s.seenSeq !== prev.seenSeq) {
      const count = s.open ? 0 : unreadCount(s.messages, s.seenSeq);
      if (count !== unread) emit('unread', (unread = count));
    }
    const a = s.config?.availability;
    if (a && a !== prev.config?.availability) {
      // A new config with the same availability is no change.
      const json = JSON.stringify(a);
      if (json !== availability) {
        availability = json;
        emit('availability', a);
      }
    }
    // A message left the outbox and is stored: sent.
    if (s.outbox !== prev.outbox) {
      for (const item of prev.outbox) {
        const m = s.messages.find((x) => x.clientId === item.clientId);
        if (m && !sent.has(item.clientId) && !s.outbox.some((i) => i.clientId === item.clientId)) {
          sent.add(item.clientId);
          emit('message:sent', toPublic(m));
        }
      }
    }
    prev = s;
  });

  return (args) => {
    const name = String(args[0]);
    const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (command) command(...Array.prototype.slice.call(args, 1));
    else if (!warned.has(name)) {
      warned.add(name);
      warn(`unknown command "${name}"`);
    }
  };
}
