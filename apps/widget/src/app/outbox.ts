/**
 * The outbox: messages the visitor wrote that the server has not acknowledged yet.
 * Each keeps its clientId for life, so a retry can never create a duplicate.
 * All functions are pure: they return a new array.
 */
import type { MessageDto } from '@parley/protocol';

export interface OutboxItem {
  clientId: string;
  body: string;
  createdAt: string;
  /** Set when the server refused the message; such items wait for the visitor's retry. */
  error?: string;
}

/** Appends a new message. */
export function enqueue(outbox: readonly OutboxItem[], item: OutboxItem): OutboxItem[] {
  return [...outbox, item];
}

/** The next message to send: the oldest one that has not been refused. */
export function nextToSend(outbox: readonly OutboxItem[]): OutboxItem | undefined {
  return outbox.find((i) => !i.error);
}

/** Removes an item (acknowledged by the server, or discarded by the visitor). */
export function remove(outbox: readonly OutboxItem[], clientId: string): OutboxItem[] {
  return outbox.filter((i) => i.clientId !== clientId);
}

/** Marks an item refused: it is kept, shown with the error, and not retried automatically. */
export function markFailed(outbox: readonly OutboxItem[], clientId: string, error: string): OutboxItem[] {
  return outbox.map((i) => (i.clientId === clientId ? { ...i, error } : i));
}

/** The visitor asked to retry a refused item: it becomes sendable again (same clientId). */
export function markRetry(outbox: readonly OutboxItem[], clientId: string): OutboxItem[] {
  return outbox.map((i) => (i.clientId === clientId ? { clientId: i.clientId, body: i.body, createdAt: i.createdAt } : i));
}

/** Drops items the server already stored (their ack was lost, but a sync returned them). */
export function reconcile(outbox: readonly OutboxItem[], stored: readonly MessageDto[]): OutboxItem[] {
  if (!outbox.length) return outbox as OutboxItem[];
  const ids = new Set(stored.map((m) => m.clientId).filter(Boolean));
  const left = outbox.filter((i) => !ids.has(i.clientId));
  return left.length === outbox.length ? (outbox as OutboxItem[]) : left;
}

/** Only well-formed items survive a round trip through storage. */
export function parseOutbox(value: unknown): OutboxItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: Partial<OutboxItem> | null) =>
    v && typeof v.clientId === 'string' && typeof v.body === 'string' && typeof v.createdAt === 'string'
      ? [{ clientId: v.clientId, body: v.body, createdAt: v.createdAt, ...(typeof v.error === 'string' ? { error: v.error } : {}) }]
      : [],
  );
}
