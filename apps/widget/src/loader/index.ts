/**
 * The snippet's script, served at `/widget.js` (budget: 3 KB gzipped).
 *
 * It draws a launcher bubble straight away and loads the real app (`/widget/app.js`)
 * when the browser is idle, or at once when the visitor clicks the bubble.
 *
 * The site key comes from the script's `data-site-key`, or else from the first
 * `Parley('boot', { siteKey })` call (nothing is drawn until one is known).
 *
 * @example
 *   <script src="https://PARLEY_HOST/widget.js" data-site-key="SITEKEY" async></script>
 *   <script>window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) }; Parley('open')</script>
 */
import { adoptStyles } from '../shared/styles';
import type { MountOptions, ParleyCommand, ParleyQueue } from '../shared/types';

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="currentColor"><path d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-1.9c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.6S17.5 3 12 3z"/></svg>';

// Until the app knows the site's colour: a neutral bubble in the default corner.
const CSS =
  ':host{all:initial}' +
  'button{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;border-radius:50%;' +
  'background:#374151;color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 16px rgba(0,0,0,.22)}' +
  'button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}button[aria-busy=true]{opacity:.75;cursor:progress}';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site-key]') || document.querySelector<HTMLScriptElement>('script[src$="/widget.js"]');
}

/** The site key of a `Parley('boot', { siteKey })` call, else ''. */
function bootKey(args: ParleyCommand): string {
  const key = args[0] === 'boot' && (args[1] as { siteKey?: unknown } | undefined)?.siteKey;
  return typeof key === 'string' ? key : '';
}

function boot(script: HTMLScriptElement, siteKey: string, queue: ParleyCommand[]): void {
  const base = new URL(script.src, location.href).origin;
  let clicked = false;
  let loading = false;

  const host = document.createElement('div');
  host.id = 'parley-widget';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<button type="button" data-testid="launcher" aria-label="Open chat">${CHAT_ICON}</button>`;
  adoptStyles(root, CSS);
  const button = root.querySelector('button') as HTMLButtonElement;

  const load = (): void => {
    if (loading) return;
    loading = true;
    import(/* @vite-ignore */ `${base}/widget/app.js`).then(
      (app: { mount(o: MountOptions): void }) => app.mount({ root, host, base, siteKey, queue, open: clicked }),
      (err: unknown) => {
        loading = false;
        button.removeAttribute('aria-busy');
        console.error('Parley: could not load the chat', err);
      },
    );
  };

  button.onclick = () => {
    clicked = true;
    button.setAttribute('aria-busy', 'true');
    load();
  };

  const parley = function (...args: unknown[]) {
    queue.push(args);
    if (args[0] === 'open' || args[0] === 'toggle') load();
  } as ParleyQueue;
  parley.q = queue;
  window.Parley = parley;
  if (queue.some((c) => c[0] === 'open' || c[0] === 'toggle')) load();

  const attach = () => document.body.appendChild(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);

  const idle = window.requestIdleCallback || ((cb: () => void) => setTimeout(cb, 1500));
  idle(load, { timeout: 4000 });
}

const script = findScript();
if (script && !document.getElementById('parley-widget')) {
  // Keep whatever the page queued before we arrived.
  const queue: ParleyCommand[] = window.Parley?.q || [];
  const key = script.dataset.siteKey || queue.map(bootKey).find(Boolean);
  if (key) boot(script, key, queue);
  else {
    const wait = function (...args: unknown[]) {
      queue.push(args);
      const k = bootKey(args);
      if (k) boot(script, k, queue);
    } as ParleyQueue;
    wait.q = queue;
    window.Parley = wait;
  }
}
