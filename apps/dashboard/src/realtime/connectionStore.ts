import { useSyncExternalStore } from 'react';

/**
 * `connecting`: first connection of this page; `connected`; `reconnecting`: we were
 * connected and lost it (Socket.IO is retrying).
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

let state: ConnectionState = 'connecting';
const listeners = new Set<() => void>();

export function setConnectionState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  listeners.forEach((l) => l());
}

export function getConnectionState(): ConnectionState {
  return state;
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribe, getConnectionState);
}
