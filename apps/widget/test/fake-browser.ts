import { vi } from 'vitest';

/**
 * The bits of a browser the widget's logic touches, as globals: localStorage (a Map you can
 * inspect), location + history (pushState moves the URL), document, window events,
 * navigator (Do Not Track), matchMedia. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeBrowser(opts: { url?: string; referrer?: string; doNotTrack?: string | null; gpc?: boolean } = {}) {
  const storage = new Map<string, string>();
  const listeners = new Map<string, ((e?: unknown) => void)[]>();
  const docListeners = new Map<string, ((e: unknown) => void)[]>();
  const location = { href: opts.url ?? 'https://shop.test/', origin: '' };
  const sync = () => (location.origin = new URL(location.href).origin);
  sync();
  const go = (url?: string | URL | null) => {
    if (url != null) location.href = new URL(String(url), location.href).href;
    sync();
  };
  const history = { pushState: (_s: unknown, _t: string, url?: string | URL | null) => go(url), replaceState: (_s: unknown, _t: string, url?: string | URL | null) => go(url) };
  const document = {
    title: 'Home',
    referrer: opts.referrer ?? '',
    visibilityState: 'visible',
    addEventListener: (name: string, fn: (e: unknown) => void) => docListeners.set(name, [...(docListeners.get(name) ?? []), fn]),
  };
  vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) });
  vi.stubGlobal('navigator', { onLine: true, doNotTrack: opts.doNotTrack ?? null, globalPrivacyControl: opts.gpc, languages: ['en'] });
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  vi.stubGlobal('document', document);
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: q === '(pointer: fine)' }));
  vi.stubGlobal('addEventListener', (name: string, fn: (e?: unknown) => void) => listeners.set(name, [...(listeners.get(name) ?? []), fn]));
  vi.stubGlobal('window', globalThis);
  return {
    storage,
    location,
    document,
    /** A window event (popstate, hashchange, online…). */
    fire: (name: string, e?: unknown) => listeners.get(name)?.forEach((fn) => fn(e)),
    /** A document event (mouseout…). */
    fireDocument: (name: string, e: unknown) => docListeners.get(name)?.forEach((fn) => fn(e)),
    /** Back/forward: the URL changes, then popstate. */
    back: (url: string) => {
      go(url);
      listeners.get('popstate')?.forEach((fn) => fn());
    },
  };
}
