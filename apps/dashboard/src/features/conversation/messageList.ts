import type { MessageDto } from '@parley/protocol';

export function lastSeqOf(messages: readonly MessageDto[] | undefined): number {
  return messages && messages.length > 0 ? messages[messages.length - 1]!.seq : 0;
}

/** `true` when `msg` doesn't follow the cached list directly: we missed something and should refetch. */
export function leavesGap(messages: readonly MessageDto[] | undefined, msg: MessageDto): boolean {
  const last = lastSeqOf(messages);
  return messages !== undefined && last > 0 && msg.seq > last + 1;
}

/** Highest seq written by the visitor (what "read" acknowledges). */
export function highestSeq(messages: readonly MessageDto[] | undefined): number {
  return lastSeqOf(messages);
}

export type Receipt = 'sent' | 'read';

/** ✓ once stored, ✓✓ once the visitor's read cursor reached it. */
export function receiptFor(msg: Pick<MessageDto, 'seq'>, visitorReadSeq: number | undefined): Receipt {
  return visitorReadSeq !== undefined && visitorReadSeq >= msg.seq ? 'read' : 'sent';
}
