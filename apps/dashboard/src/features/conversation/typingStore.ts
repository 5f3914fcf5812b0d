import { useSyncExternalStore } from 'react';

/** Who is typing in which conversation (visitors only); entries expire if the "stop" is lost. */
interface TypingEntry {
  name: string | null;
  until: number;
}

const EXPIRY_MS = 6000;
let typing = new Map<string, TypingEntry>();
const listeners = new Set<() => void>();
const timers = new Map<string, number>();

function notify(): void {
  listeners.forEach((l) => l());
}

export function setTyping(conversationId: string, isTyping: boolean, name: string | null): void {
  window.clearTimeout(timers.get(conversationId));
  const next = new Map(typing);
  if (isTyping) {
    next.set(conversationId, { name, until: Date.now() + EXPIRY_MS });
    timers.set(conversationId, window.setTimeout(() => setTyping(conversationId, false, null), EXPIRY_MS));
  } else {
    if (!next.has(conversationId)) return;
    next.delete(conversationId);
    timers.delete(conversationId);
  }
  typing = next;
  notify();
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useTyping(conversationId: string): TypingEntry | undefined {
  return useSyncExternalStore(subscribe, () => typing.get(conversationId));
}
