import { useMemo, useSyncExternalStore } from 'react';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import type { AgentSocket } from '../../realtime/socket';
import * as box from './outbox';

/** Module-level outbox: survives switching chats; sends are flushed whenever the socket is up. */
let outbox: box.Outbox = [];
const listeners = new Set<() => void>();
const ACK_TIMEOUT_MS = 15_000;

function set(next: box.Outbox): void {
  if (next === outbox) return;
  outbox = next;
  listeners.forEach((l) => l());
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useOutbox(conversationId: string): box.OutboxItem[] {
  const all = useSyncExternalStore(subscribe, () => outbox);
  return useMemo(() => box.forConversation(all, conversationId), [all, conversationId]);
}

export type OnStored = (message: MessageDto, conversation: ConversationDto) => void;

function emit(socket: AgentSocket, item: box.OutboxItem, onStored: OnStored): void {
  const { outbox: next, attempt } = box.markSending(outbox, item.clientId);
  set(next);
  socket.timeout(ACK_TIMEOUT_MS).emit('message', box.payloadOf(item), (err, ack) => {
    if (err) {
      // No answer: if we're still connected, surface it; a disconnect already requeued it.
      if (socket.connected) set(box.fail(outbox, item.clientId, attempt, 'Not delivered (no answer from the server).'));
      return;
    }
    if (ack.ok) {
      onStored(ack.data.message, ack.data.conversation);
      set(box.acknowledge(outbox, item.clientId));
    } else {
      set(box.fail(outbox, item.clientId, attempt, ack.error.message));
    }
  });
}

/** Emit every queued send (call on connect and after queueing). */
export function flushOutbox(socket: AgentSocket, onStored: OnStored): void {
  if (!socket.connected) return;
  for (const item of box.toFlush(outbox)) emit(socket, item, onStored);
}

export function queueSend(socket: AgentSocket, conversationId: string, body: string, onStored: OnStored, kind: box.OutboxKind = 'text'): void {
  set(box.enqueue(outbox, { clientId: crypto.randomUUID(), conversationId, body, kind, createdAt: new Date().toISOString() }));
  flushOutbox(socket, onStored);
}

export function retrySend(socket: AgentSocket, clientId: string, onStored: OnStored): void {
  set(box.retry(outbox, clientId));
  flushOutbox(socket, onStored);
}

export function discardSend(clientId: string): void {
  set(box.discard(outbox, clientId));
}

export function onSocketDisconnected(): void {
  set(box.requeueSending(outbox));
}

/** A broadcast of a message I sent can beat its ack: treat it as the ack. */
export function settleByClientId(clientId: string | null): void {
  if (clientId) set(box.acknowledge(outbox, clientId));
}
