import { useSyncExternalStore } from 'react';

/** Short-lived messages at the bottom of the screen ("No one is waiting", "Could not accept"). */
export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  listeners.forEach((l) => l());
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function showToast(text: string, kind: Toast['kind'] = 'info', ms = 4000): void {
  const id = nextId++;
  toasts = [...toasts.filter((t) => t.text !== text), { id, text, kind }].slice(-3);
  emit();
  setTimeout(() => dismissToast(id), ms);
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => toasts);
}
