/* Parley service worker: Web Push and notification clicks. No fetch handler on purpose —
   the dashboard is a live app, so every request goes to the network as usual. */

/** Same-origin only: a push can't send the agent anywhere else. */
function dashboardUrl(url) {
  try {
    const u = new URL(url || '/', self.location.origin);
    return u.origin === self.location.origin ? u.href : self.location.origin + '/';
  } catch {
    return self.location.origin + '/';
  }
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // An agent looking at the dashboard already heard the ring and sees the badge.
      if (windows.some((c) => c.focused && c.visibilityState === 'visible')) return;
      await self.registration.showNotification(payload.title || 'Parley', {
        body: payload.body || '',
        tag: payload.tag || undefined,
        renotify: Boolean(payload.tag),
        icon: '/icons/icon-192.png',
        badge: '/icons/badge-72.png',
        data: { url: dashboardUrl(payload.url), type: payload.type || null },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = dashboardUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const client = windows.find((c) => new URL(c.url).origin === self.location.origin);
      if (client) {
        // The open dashboard routes to the chat itself (no reload, the socket stays up).
        await client.focus();
        client.postMessage({ type: 'parley:open', url });
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
