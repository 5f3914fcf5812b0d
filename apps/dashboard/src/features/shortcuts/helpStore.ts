import { useSyncExternalStore } from 'react';

/** Whether the keyboard-shortcut overlay is open (the top bar's button and `?` both toggle it). */
let open = false;
const listeners = new Set<() => void>();

export function setHelpOpen(next: boolean): void {
  if (next === open) return;
  open = next;
  listeners.forEach((l) => l());
}

export function toggleHelp(): void {
  setHelpOpen(!open);
}

export function useHelpOpen(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => open,
  );
}
