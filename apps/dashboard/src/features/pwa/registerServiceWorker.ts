import { refreshPush } from './push';

/**
 * The service worker (public/sw.js) handles Web Push and notification clicks. Registered in
 * production builds only, so `vite dev` never serves a stale worker.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => refreshPush())
      .catch((err: unknown) => console.warn('service worker registration failed', err));
  });
}
