import { useSyncExternalStore } from 'react';

/**
 * Desktop notifications through the Notification API, for when the dashboard tab is hidden.
 * Permission is asked only from a click (browsers ignore or penalise unprompted requests).
 */
export type DesktopPermission = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();

export function desktopPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const result = await Notification.requestPermission();
  listeners.forEach((l) => l());
  return result;
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  // Permission can also change in the browser's site settings.
  window.addEventListener('focus', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('focus', cb);
  };
}

export function useDesktopPermission(): DesktopPermission {
  return useSyncExternalStore(subscribe, desktopPermission);
}

export const NOTIFICATION_ICON = '/icons/icon-192.png';
export const NOTIFICATION_BADGE = '/icons/badge-72.png';

/** Show one notification; clicking it focuses this tab and runs `onClick`. */
export function showDesktopNotification(opts: { title: string; body: string; tag: string; onClick: () => void }): void {
  if (desktopPermission() !== 'granted') return;
  try {
    const n = new Notification(opts.title, { body: opts.body, tag: opts.tag, icon: NOTIFICATION_ICON, badge: NOTIFICATION_BADGE });
    n.onclick = () => {
      window.focus();
      opts.onClick();
      n.close();
    };
  } catch {
    // Android Chrome only allows notifications from a service worker: push covers phones.
  }
}
