/**
 * Runs the upload queue (`uploads.ts`): starts uploads through a transport, feeds progress
 * back, aborts on Cancel, and hands stored messages to the conversation cache. Module-level
 * in the app (like the text outbox) so uploads and trays survive switching chats.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import type { FileLimits } from './checks';
import { ApiError, errorMessage } from '../../api/client';
import { INTERRUPTED, xhrUpload, type UploadTransport } from './api';
import * as q from './uploads';

export type OnUploadStored = (message: MessageDto, conversation: ConversationDto) => void;

export interface UploadStoreDeps {
  transport: UploadTransport;
  newId: () => string;
  now: () => string;
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export function createUploadStore(deps: UploadStoreDeps) {
  let queue: q.UploadQueue = [];
  const listeners = new Set<() => void>();
  const running = new Map<string, AbortController>();
  const sinks = new Map<string, OnUploadStored>();

  function set(next: q.UploadQueue): void {
    if (next === queue) return;
    queue = next;
    listeners.forEach((l) => l());
  }

  function pump(): void {
    for (const item of q.toStart(queue)) start(item);
  }

  function start(item: q.UploadItem): void {
    const { queue: next, attempt } = q.markUploading(queue, item.id);
    set(next);
    const controller = new AbortController();
    running.set(item.id, controller);
    const finish = () => {
      if (running.get(item.id) === controller) running.delete(item.id);
    };
    deps
      .transport(
        { conversationId: item.conversationId, clientId: item.clientId, caption: item.caption, kind: item.kind, file: item.file, name: item.name },
        { onProgress: (loaded, total) => set(q.setProgress(queue, item.id, attempt, loaded, total)), signal: controller.signal },
      )
      .then(
        (ack) => {
          finish();
          sinks.get(item.id)?.(ack.message, ack.conversation);
          sinks.delete(item.id);
          set(q.succeed(queue, item.id));
          pump();
        },
        (err: unknown) => {
          finish();
          // Cancelled: the item is already gone (or was never meant to be shown again).
          if (!isAbort(err)) set(q.failUpload(queue, item.id, attempt, errorMessage(err) || INTERRUPTED, canRetry(err)));
          pump();
        },
      );
  }

  return {
    subscribe(cb: () => void): () => void {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    getSnapshot: (): q.UploadQueue => queue,

    /** Files picked, dropped or pasted: into the conversation's tray, checked early. */
    add(conversationId: string, files: readonly File[], settings: FileLimits, names?: readonly string[]): void {
      const picked = files.map((file, i) => ({ file, name: names?.[i] ?? file.name, size: file.size }));
      set(q.addToTray(queue, conversationId, picked, settings, () => ({ id: deps.newId(), clientId: deps.newId() }), deps.now()));
    },

    /** Send the tray: one upload (one message) per file, the caption on the first. */
    send(conversationId: string, caption: string, kind: q.UploadKind, onStored: OnUploadStored): boolean {
      if (!q.canSend(queue, conversationId)) return false;
      const next = q.sendTray(queue, conversationId, caption, kind);
      for (const item of q.pendingOf(next, conversationId)) if (!sinks.has(item.id)) sinks.set(item.id, onStored);
      set(next);
      pump();
      return true;
    },

    retry(id: string, onStored: OnUploadStored): void {
      sinks.set(id, onStored);
      set(q.retryUpload(queue, id));
      pump();
    },

    /** Remove from the tray, Cancel a running upload (aborts it), or Remove a failed one. */
    remove(id: string): void {
      running.get(id)?.abort();
      running.delete(id);
      sinks.delete(id);
      set(q.removeUpload(queue, id));
      pump();
    },

    /** A broadcast of my file message: it is in the thread now. */
    settle(clientId: string | null): void {
      if (clientId) set(q.settleByClientId(queue, clientId));
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;

export const uploads: UploadStore = createUploadStore({
  transport: xhrUpload,
  newId: () => crypto.randomUUID(),
  now: () => new Date().toISOString(),
});

export function useUploadQueue(): q.UploadQueue {
  return useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
}

export function useTray(conversationId: string): q.UploadItem[] {
  const all = useUploadQueue();
  return useMemo(() => q.trayOf(all, conversationId), [all, conversationId]);
}

export function usePendingUploads(conversationId: string): q.UploadItem[] {
  const all = useUploadQueue();
  return useMemo(() => q.pendingOf(all, conversationId), [all, conversationId]);
}

/** Network failures, server errors and rate limits can pass on a second try; a refusal (bad type, too large, …) cannot. */
export function canRetry(err: unknown): boolean {
  return !(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429 || err.status === 408;
}
