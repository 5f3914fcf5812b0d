/** Pure helpers over the visitor's view of one conversation's messages. */
import type { MessageDto } from '@parley/protocol';

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

/** Whether a team message starts a new run of one sender's messages (shows name and avatar). */
export function startsRun(prev: MessageDto | undefined, m: MessageDto): boolean {
  return !prev || prev.kind === 'event' || prev.senderType !== m.senderType || prev.senderId !== m.senderId || prev.senderName !== m.senderName;
}
