/**
 * Outbox bookkeeping for agent sends (pure). A send is `queued` until emitted, `sending`
 * while we wait for the ack, removed on a positive ack and `failed` on a rejection or
 * timeout. On reconnect everything queued or sending is emitted again with the SAME
 * clientId, so the server's idempotency turns a retry into the stored message.
 */
export type OutboxState = 'queued' | 'sending' | 'failed';

/** A reply to the visitor, or an internal note only the team sees. */
export type OutboxKind = 'text' | 'note';

export interface OutboxItem {
  clientId: string;
  conversationId: string;
  body: string;
  kind: OutboxKind;
  createdAt: string;
  state: OutboxState;
  /** Incremented per emit; an ack or timeout of an older attempt is ignored. */
  attempt: number;
  error?: string;
}

export type Outbox = readonly OutboxItem[];

export function enqueue(outbox: Outbox, item: Pick<OutboxItem, 'clientId' | 'conversationId' | 'body' | 'createdAt'> & { kind?: OutboxKind }): Outbox {
  if (outbox.some((i) => i.clientId === item.clientId)) return outbox;
  return [...outbox, { ...item, kind: item.kind ?? 'text', state: 'queued', attempt: 0 }];
}

function update(outbox: Outbox, clientId: string, fn: (item: OutboxItem) => OutboxItem | null): Outbox {
  let changed = false;
  const next: OutboxItem[] = [];
  for (const item of outbox) {
    if (item.clientId !== clientId) {
      next.push(item);
      continue;
    }
    const updated = fn(item);
    if (updated !== item) changed = true;
    if (updated) next.push(updated);
  }
  return changed ? next : outbox;
}

/** Mark an item as emitted; returns the new outbox and the attempt number to match its ack against. */
export function markSending(outbox: Outbox, clientId: string): { outbox: Outbox; attempt: number } {
  let attempt = 0;
  const next = update(outbox, clientId, (item) => {
    attempt = item.attempt + 1;
    return { ...item, state: 'sending', attempt, error: undefined };
  });
  return { outbox: next, attempt };
}

/** A positive ack always wins, whichever attempt it answers: the message is stored. */
export function acknowledge(outbox: Outbox, clientId: string): Outbox {
  return update(outbox, clientId, () => null);
}

export function fail(outbox: Outbox, clientId: string, attempt: number, error: string): Outbox {
  return update(outbox, clientId, (item) => (item.attempt === attempt && item.state === 'sending' ? { ...item, state: 'failed', error } : item));
}

/** The connection dropped: unanswered sends go back to the queue. */
export function requeueSending(outbox: Outbox): Outbox {
  if (!outbox.some((i) => i.state === 'sending')) return outbox;
  return outbox.map((i) => (i.state === 'sending' ? { ...i, state: 'queued' as const } : i));
}

/** User pressed "Retry" on a failed send. */
export function retry(outbox: Outbox, clientId: string): Outbox {
  return update(outbox, clientId, (item) => (item.state === 'failed' ? { ...item, state: 'queued', error: undefined } : item));
}

export function discard(outbox: Outbox, clientId: string): Outbox {
  return update(outbox, clientId, () => null);
}

/** Items to emit now (oldest first). */
export function toFlush(outbox: Outbox): OutboxItem[] {
  return outbox.filter((i) => i.state === 'queued');
}

export function forConversation(outbox: Outbox, conversationId: string): OutboxItem[] {
  return outbox.filter((i) => i.conversationId === conversationId);
}

/** The socket `message` payload for an item; a note says so, a reply stays as before. */
export function payloadOf(item: Pick<OutboxItem, 'conversationId' | 'clientId' | 'body' | 'kind'>): { conversationId: string; clientId: string; body: string; kind?: 'note' } {
  const base = { conversationId: item.conversationId, clientId: item.clientId, body: item.body };
  return item.kind === 'note' ? { ...base, kind: 'note' } : base;
}
