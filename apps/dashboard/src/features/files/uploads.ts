/**
 * The agent's file uploads (pure). A picked file waits in the conversation's tray (`ready`,
 * or `refused` by the early check) until Send; then it is `queued`, `uploading` (with
 * progress), and removed once the server acks it, or `failed` with the server's message.
 * Uploads of one conversation go one at a time, in the order picked, so the messages arrive
 * in that order. A retry keeps the clientId: a stored upload whose answer was lost comes
 * back as the stored message instead of a second one.
 */
import { fileTypeOfName, type FileTypeKey } from '@parley/protocol';
import { checkFile, isImageType, type FileLimits } from './checks';

export type UploadState = 'ready' | 'refused' | 'queued' | 'uploading' | 'failed' | 'settled';
export type UploadKind = 'text' | 'note';

export interface UploadItem<F = File> {
  /** Local key (React key, tray order). */
  id: string;
  /** Idempotency key of the message this upload creates; the same on every retry. */
  clientId: string;
  conversationId: string;
  file: F;
  name: string;
  size: number;
  /** The type the name claims (the server decides from the bytes). */
  type: FileTypeKey | undefined;
  image: boolean;
  state: UploadState;
  /** Set on Send: the composer text goes with the first file. */
  caption: string;
  kind: UploadKind;
  /** 0..1 of the request body sent. */
  progress: number;
  /** Incremented per start; progress and answers of an older attempt are ignored. */
  attempt: number;
  error?: string;
  /** A failed upload that trying again can fix (network, 5xx, 429); refusals offer only Remove. */
  retryable?: boolean;
  createdAt: string;
}

export type UploadQueue<F = File> = readonly UploadItem<F>[];

export interface PickedFile<F> {
  file: F;
  name: string;
  size: number;
}

/** Adds picked files to a conversation's tray; each gets the early check's verdict. */
export function addToTray<F>(
  queue: UploadQueue<F>,
  conversationId: string,
  files: readonly PickedFile<F>[],
  settings: FileLimits,
  ids: () => { id: string; clientId: string },
  now: string,
): UploadQueue<F> {
  const added = files.map((f): UploadItem<F> => {
    const error = checkFile(f, settings);
    const type = fileTypeOfName(f.name);
    return {
      ...ids(),
      conversationId,
      file: f.file,
      name: f.name,
      size: f.size,
      type,
      image: isImageType(type),
      state: error ? 'refused' : 'ready',
      caption: '',
      kind: 'text',
      progress: 0,
      attempt: 0,
      ...(error ? { error } : {}),
      createdAt: now,
    };
  });
  return added.length ? [...queue, ...added] : queue;
}

function update<F>(queue: UploadQueue<F>, id: string, fn: (item: UploadItem<F>) => UploadItem<F> | null): UploadQueue<F> {
  let changed = false;
  const next: UploadItem<F>[] = [];
  for (const item of queue) {
    if (item.id !== id) {
      next.push(item);
      continue;
    }
    const updated = fn(item);
    if (updated !== item) changed = true;
    if (updated) next.push(updated);
  }
  return changed ? next : queue;
}

/** What the tray shows for a conversation (not sent yet). */
export function trayOf<F>(queue: UploadQueue<F>, conversationId: string): UploadItem<F>[] {
  return queue.filter((i) => i.conversationId === conversationId && (i.state === 'ready' || i.state === 'refused'));
}

/** What the thread shows as outgoing files on their way (settled ones are already in it). */
export function pendingOf<F>(queue: UploadQueue<F>, conversationId: string): UploadItem<F>[] {
  return queue.filter((i) => i.conversationId === conversationId && (i.state === 'queued' || i.state === 'uploading' || i.state === 'failed'));
}

/** Whether Send has something to upload in this conversation's tray. */
export function canSend<F>(queue: UploadQueue<F>, conversationId: string): boolean {
  return trayOf(queue, conversationId).some((i) => i.state === 'ready');
}

/**
 * Send: the tray's accepted files are queued with the caption on the first one and the
 * composer's mode; refused ones are dropped (they could never be sent).
 */
export function sendTray<F>(queue: UploadQueue<F>, conversationId: string, caption: string, kind: UploadKind): UploadQueue<F> {
  let first = true;
  const next: UploadItem<F>[] = [];
  for (const item of queue) {
    if (item.conversationId !== conversationId || (item.state !== 'ready' && item.state !== 'refused')) {
      next.push(item);
      continue;
    }
    if (item.state === 'refused') continue;
    next.push({ ...item, state: 'queued', caption: first ? caption : '', kind });
    first = false;
  }
  return next;
}

/** Uploads to start now: the first queued one of each conversation that has none running. */
export function toStart<F>(queue: UploadQueue<F>): UploadItem<F>[] {
  const busy = new Set(queue.filter((i) => i.state === 'uploading').map((i) => i.conversationId));
  const out: UploadItem<F>[] = [];
  for (const item of queue) {
    if (item.state !== 'queued' || busy.has(item.conversationId)) continue;
    busy.add(item.conversationId);
    out.push(item);
  }
  return out;
}

export function markUploading<F>(queue: UploadQueue<F>, id: string): { queue: UploadQueue<F>; attempt: number } {
  let attempt = 0;
  const next = update(queue, id, (item) => {
    attempt = item.attempt + 1;
    return { ...item, state: 'uploading', attempt, progress: 0, error: undefined };
  });
  return { queue: next, attempt };
}

export function setProgress<F>(queue: UploadQueue<F>, id: string, attempt: number, loaded: number, total: number): UploadQueue<F> {
  const progress = total > 0 ? Math.min(1, Math.max(0, loaded / total)) : 0;
  return update(queue, id, (item) => (item.attempt === attempt && item.state === 'uploading' && item.progress !== progress ? { ...item, progress } : item));
}

/** The server stored it: the message is in the thread now. */
export function succeed<F>(queue: UploadQueue<F>, id: string): UploadQueue<F> {
  return update(queue, id, () => null);
}

export function failUpload<F>(queue: UploadQueue<F>, id: string, attempt: number, error: string, retryable = true): UploadQueue<F> {
  return update(queue, id, (item) => {
    if (item.attempt !== attempt) return item;
    // Its message already came in by broadcast: nothing failed that the agent must see.
    if (item.state === 'settled') return null;
    return item.state === 'uploading' ? { ...item, state: 'failed', error, retryable } : item;
  });
}

/** Retry a failed upload: back in line, same clientId. */
export function retryUpload<F>(queue: UploadQueue<F>, id: string): UploadQueue<F> {
  return update(queue, id, (item) => (item.state === 'failed' ? { ...item, state: 'queued', progress: 0, error: undefined } : item));
}

/** Remove from the tray, cancel an upload, or give up on a failed one. */
export function removeUpload<F>(queue: UploadQueue<F>, id: string): UploadQueue<F> {
  return update(queue, id, () => null);
}

/**
 * The broadcast of a file message of mine arrived before the upload's answer: the message
 * is in the thread, so stop showing the upload (its answer still removes it).
 */
export function settleByClientId<F>(queue: UploadQueue<F>, clientId: string): UploadQueue<F> {
  const item = queue.find((i) => i.clientId === clientId && (i.state === 'uploading' || i.state === 'queued' || i.state === 'failed'));
  if (!item) return queue;
  // A running request is left to finish (its answer removes it); anything else is done with.
  return update(queue, item.id, (i) => (i.state === 'uploading' ? { ...i, state: 'settled', progress: 1, error: undefined } : null));
}

export function findUpload<F>(queue: UploadQueue<F>, id: string): UploadItem<F> | undefined {
  return queue.find((i) => i.id === id);
}
