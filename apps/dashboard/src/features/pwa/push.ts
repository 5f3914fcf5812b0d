import { useSyncExternalStore } from 'react';
import { api, errorMessage } from '../../api/client';
import { base64UrlToBytes } from './urls';

/**
 * Web Push for this browser: subscribe with the server's VAPID key and register the
 * subscription, or unsubscribe and forget it. The service worker (public/sw.js) shows what
 * arrives while no dashboard tab has the focus.
 */
export type PushStatus = 'unsupported' | 'denied' | 'off' | 'on' | 'busy';

interface PushSnapshot {
  status: PushStatus;
  error: string | null;
}

let snapshot: PushSnapshot = { status: supported() ? 'off' : 'unsupported', error: null };
const listeners = new Set<() => void>();

function set(next: Partial<PushSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  listeners.forEach((l) => l());
}

function supported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && typeof Notification !== 'undefined';
}

async function registration(): Promise<ServiceWorkerRegistration> {
  const existing = await navigator.serviceWorker.getRegistration('/');
  if (!existing) await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** Read the current state (on load, and when the panel opens). */
export async function refreshPush(): Promise<void> {
  if (!supported()) return set({ status: 'unsupported' });
  if (Notification.permission === 'denied') return set({ status: 'denied' });
  const reg = await navigator.serviceWorker.getRegistration('/');
  const sub = await reg?.pushManager.getSubscription();
  if (snapshot.status !== 'busy') set({ status: sub ? 'on' : 'off' });
}

export async function enablePush(): Promise<void> {
  if (!supported()) return set({ status: 'unsupported' });
  set({ status: 'busy', error: null });
  try {
    // Must be the first await: the permission prompt needs the click's user activation.
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return set({ status: permission === 'denied' ? 'denied' : 'off', error: permission === 'denied' ? null : 'Notifications were not allowed.' });
    const [reg, { publicKey }] = await Promise.all([registration(), api<{ publicKey: string }>('/api/push/public-key')]);
    const applicationServerKey = base64UrlToBytes(publicKey);
    let sub = await reg.pushManager.getSubscription();
    if (sub && !sameKey(sub, applicationServerKey)) {
      // The server's keys changed since: that subscription can't receive our pushes.
      await sub.unsubscribe();
      sub = null;
    }
    sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
    const json = sub.toJSON();
    await api('/api/push/subscriptions', { method: 'POST', body: { endpoint: sub.endpoint, keys: json.keys } });
    set({ status: 'on' });
  } catch (err) {
    set({ status: 'off', error: errorMessage(err) });
  }
}

export async function disablePush(): Promise<void> {
  if (!supported()) return;
  set({ status: 'busy', error: null });
  try {
    const reg = await navigator.serviceWorker.getRegistration('/');
    const sub = await reg?.pushManager.getSubscription();
    if (sub) {
      const { endpoint } = sub;
      await sub.unsubscribe();
      await api('/api/push/subscriptions', { method: 'DELETE', body: { endpoint } });
    }
    set({ status: 'off' });
  } catch (err) {
    set({ status: 'off', error: errorMessage(err) });
  }
}

function sameKey(sub: PushSubscription, key: Uint8Array): boolean {
  const current = sub.options.applicationServerKey;
  if (!current) return true;
  const a = new Uint8Array(current);
  return a.length === key.length && a.every((b, i) => b === key[i]);
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function usePush(): PushSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Push already reaches this browser when the tab is hidden: no need for a second, in-page notification. */
export function pushIsOn(): boolean {
  return snapshot.status === 'on';
}
