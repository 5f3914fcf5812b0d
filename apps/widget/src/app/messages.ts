/** Pure helpers over the visitor's view of one conversation's messages. */
import type { MessageDto } from '@parley/protocol';

/**
 * Merges `incoming` into `held`: one entry per seq (a later copy of the same id or seq
 * wins), sorted by seq. Internal notes are dropped even if the server ever sent one.
 *
 * @example mergeMessages([m1, m2], [m2, m3]) // → [m1, m2, m3]
 */
export function mergeMessages(held: readonly MessageDto[], incoming: readonly MessageDto[]): MessageDto[] {
  if (incoming.length === 0) return held as MessageDto[];
  const bySeq = new Map<number, MessageDto>();
  const seqOfId = new Map<string, number>();
  const put = (m: MessageDto) => {
    if (m.kind === 'note') return;
    const old = seqOfId.get(m.id);
    if (old !== undefined && old !== m.seq && bySeq.get(old)?.id === m.id) bySeq.delete(old);
    bySeq.set(m.seq, m);
    seqOfId.set(m.id, m.seq);
  };
  held.forEach(put);
  incoming.forEach(put);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Highest seq held (0 when none). */
export function maxSeq(messages: readonly MessageDto[]): number {
  return messages.length ? messages[messages.length - 1].seq : 0;
}

const fromTeam = (m: MessageDto) => m.senderType === 'agent' || m.senderType === 'bot';

/** Highest seq of a message written by the support team (0 when none). */
export function maxAgentSeq(messages: readonly MessageDto[]): number {
  let seq = 0;
  for (const m of messages) if (fromTeam(m) && m.seq > seq) seq = m.seq;
  return seq;
}

/** Team messages the visitor has not seen yet (after `seenSeq`). */
export function unreadCount(messages: readonly MessageDto[], seenSeq: number): number {
  let n = 0;
  for (const m of messages) if (fromTeam(m) && m.seq > seenSeq) n++;
  return n;
}

/** Receipt of a stored visitor message: read by an agent (✓✓) or stored (✓). */
export function receipt(message: MessageDto, agentReadSeq: number): '✓' | '✓✓' {
  return agentReadSeq >= message.seq ? '✓✓' : '✓';
}
