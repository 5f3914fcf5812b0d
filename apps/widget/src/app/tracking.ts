/**
 * Visitor tracking (contract §1–2): when the site tracks visitors and the browser does not
 * ask for privacy (Do Not Track / Global Privacy Control), the visitor exists from page
 * load and every page they see is reported (`visitor:page`, on each connect and each
 * navigation, SPA history changes included). The credentials stay in memory until the
 * visitor interacts, unless the site opted in to storing them at once (the store decides
 * what is written; see `Store.track`).
 *
 * The facts proactive prompts are evaluated on (page, time on page, pages seen, the cart,
 * the visitor as the server sees them) are kept here either way, from page load, so the
 * lazily loaded prompts (`proactive.ts`) find them complete whenever they arrive.
 */
import type { VisitorSelfDto, WidgetSettings } from '@parley/protocol';
import type { Store } from './store';

type PrivacyNavigator = Pick<Navigator, 'doNotTrack'> & { globalPrivacyControl?: boolean };

/** The browser asks not to be tracked (Do Not Track or Global Privacy Control). */
export function doNotTrack(nav: PrivacyNavigator = navigator, win: { doNotTrack?: string | null } = window as never): boolean {
  return nav.doNotTrack === '1' || win.doNotTrack === '1' || nav.globalPrivacyControl === true;
}

/**
 * How this page load tracks: `off` (site setting or DNT: the visitor is created on the first
 * interaction, no page views), `memory` (visitor at load, credentials kept in memory until
 * the visitor interacts) or `stored` (the site opted in to storing them at once).
 */
export function trackingMode(settings: Pick<WidgetSettings, 'tracking'> | undefined, dnt: boolean): 'off' | 'memory' | 'stored' {
  const t = settings?.tracking;
  if (dnt || !t?.enabled) return 'off';
  return t.storeBeforeInteraction ? 'stored' : 'memory';
}

/**
 * Calls `onChange` whenever the page's URL changes without a page load: `history.pushState`
 * and `replaceState` (patched, for SPAs), back/forward (`popstate`) and `hashchange`. The
 * callback decides whether the URL really changed.
 */
export function watchNavigation(onChange: () => void): void {
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      onChange();
      return result;
    };
  }
  addEventListener('popstate', onChange);
  addEventListener('hashchange', onChange);
}

/** SPAs set the new title just after navigating: report the page once things settle. */
const TITLE_SETTLE_MS = 150;

/** Follows the pages the visitor sees and reports them when tracking is on. */
export class Tracker {
  /** When the current page was opened (ms). */
  enteredAt = Date.now();
  /** Pages seen since this document loaded (the landing page, then each SPA navigation). */
  views = 1;
  /** The URL this document was loaded with (UTM parameters live there). */
  readonly landing = location.href;
  mode: 'off' | 'memory' | 'stored' = 'off';
  /** The visitor as the server last described them (sync, page acks; null: no visitor). */
  visitor: VisitorSelfDto | null = null;
  /** `setContext({ cart: { total } })`; null: the page never said. */
  cart: number | null = null;
  /** Bumped when the SDK forgets the visitor (shutdown). */
  generation = 0;
  private url = location.href;
  private timer?: ReturnType<typeof setTimeout>;
  private listeners: (() => void)[] = [];

  constructor(private readonly store: Store) {}

  /** Starts watching navigation; decides on tracking when the site's config arrives. */
  start(): void {
    watchNavigation(() => this.check());
    const off = this.store.subscribe(() => {
      const config = this.store.state.config;
      if (!config) return;
      off();
      this.mode = trackingMode(config.settings, doNotTrack());
      this.resume();
    });
    // Every (re)connect reports the current page: the server starts or resumes the session.
    this.store.hook('socket', (s) => s.on('connect', () => this.report()));
    this.store.hook('visitor', (v) => this.setVisitor(v));
  }

  /** A tracked page has a visitor: creates one now (at load, and again after an SDK shutdown). */
  resume(): void {
    if (this.mode !== 'off') this.store.track(this.mode === 'stored');
  }

  /** Runs `fn` whenever a fact changes: the page, the cart, the visitor, a shutdown. */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  setCart(total: number | null): void {
    this.cart = total;
    this.changed();
  }

  setVisitor(v: VisitorSelfDto | null): void {
    this.visitor = v;
    this.changed();
  }

  /** SDK shutdown: what we knew about the visitor goes; tracking starts over with a new one. */
  forget(): void {
    this.generation++;
    this.setVisitor(null);
    this.resume();
  }

  private changed(): void {
    this.listeners.forEach((fn) => fn());
  }

  /** Looks at the URL now; a new one counts as a page view. Returns whether it changed. */
  check(): boolean {
    if (location.href === this.url) return false;
    this.url = location.href;
    this.enteredAt = Date.now();
    this.views++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.report(), TITLE_SETTLE_MS);
    this.changed();
    return true;
  }

  /** Reports the current page, when tracking and connected. */
  private report(): void {
    const s = this.store.visitorSocket;
    if (this.mode === 'off' || !s?.connected) return;
    s.emit('visitor:page', { url: this.url, title: document.title.slice(0, 300), referrer: document.referrer.slice(0, 2000) }, (ack) => {
      if (ack.ok) this.setVisitor(ack.data.visitor);
    });
  }
}
