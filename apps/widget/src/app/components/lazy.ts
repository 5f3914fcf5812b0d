/**
 * The chat window is a chunk of its own (with its forms, rating and transcript flow): every
 * page pays only for the launcher, the realtime connection and the SDK; the window comes when
 * the visitor opens it (or points at the launcher, or the team writes to them).
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ChatWindowProps } from './ChatWindow';

/** `load` run once: later calls join its promise; after a failure the next call tries again. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    }));
}

let loaded: FunctionComponent<ChatWindowProps> | null = null;

/** Starts (or joins) the download of the window's chunk. */
export const loadChatWindow = once(() => import('./ChatWindow').then((m) => (loaded = m.ChatWindow)));

/** The window component once it is here; re-renders the caller when it arrives (`onFail`: it could not be loaded). */
export function useChatWindow(wanted: boolean, onFail: () => void): FunctionComponent<ChatWindowProps> | null {
  const [, arrived] = useState(0);
  useEffect(() => {
    if (!wanted || loaded) return;
    loadChatWindow().then(
      () => arrived((n) => n + 1),
      (e: unknown) => {
        console.warn('Parley: could not load the chat window', e);
        onFail();
      },
    );
  }, [wanted]);
  return loaded;
}
