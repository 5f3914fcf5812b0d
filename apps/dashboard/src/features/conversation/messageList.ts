import type { MessageDto } from '@parley/protocol';

/**
 * Merge messages into an ascending-by-seq list, dropping duplicates (same id or seq).
 * Returns the input array when nothing new arrived, so React Query keeps its reference.
 */
export function mergeMessages(current: readonly MessageDto[] | undefined, incoming: readonly MessageDto[]): MessageDto[] {
  const base = current ?? [];
  const bySeq = new Map<number, MessageDto>();
  for (const m of base) bySeq.set(m.seq, m);
  let changed = !current;
  for (const m of incoming) {
    const existing = bySeq.get(m.seq);
    if (!existing || existing.id !== m.id) {
      bySeq.set(m.seq, m);
      changed = true;
    }
  }
  if (!changed) return base as MessageDto[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

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

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Split text into plain parts and http(s) links (trailing punctuation stays text). Never HTML. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
