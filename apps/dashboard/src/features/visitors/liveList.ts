/**
 * Pure bookkeeping for the live-visitors list: the server's snapshot, then `visitor_activity`
 * events upsert rows by id; a visitor who leaves (`online: false`) stays a moment as a fading
 * row (`leavingAt`) before `expireLeaving` drops it. The TanStack Query cache holds the array.
 * Also how events change a cached visitor detail (the side panel).
 */
import type { ConversationDto, LiveVisitorDto, VisitorDetailDto } from '@parley/protocol';
import { time } from '../../lib/time';

export interface LiveRow extends LiveVisitorDto {
  /** Set when the visitor left: the row fades, then goes. */
  leavingAt?: number;
}

/** How long a departed visitor's row fades before it is removed. */
export const LEAVE_FADE_MS = 1800;

/** Newest arrival first (session start, else last seen); ties by id so the order is stable. */
function compareLive(a: LiveVisitorDto, b: LiveVisitorDto): number {
  return time(b.sessionStartedAt ?? b.lastSeenAt) - time(a.sessionStartedAt ?? a.lastSeenAt) || a.id.localeCompare(b.id);
}

/** The server's list, as rows: online visitors only, in display order. */
export function fromSnapshot(list: readonly LiveVisitorDto[]): LiveRow[] {
  return list.filter((v) => v.online).sort(compareLive);
}

/**
 * Apply one `visitor_activity` event to a list that shows `siteId` (undefined: every site).
 * Online: insert or replace the row (a returning visitor stops fading). Offline: the row starts
 * fading (or nothing happens when it is not listed). A copy older than the row held is ignored,
 * so a late event cannot bring back an old page. Returns the same array when nothing changes.
 */
export function applyActivity(rows: readonly LiveRow[], visitor: LiveVisitorDto, now: number, siteId?: string): LiveRow[] {
  const list = rows as LiveRow[];
  if (siteId && visitor.siteId !== siteId) return list;
  const existing = list.find((r) => r.id === visitor.id);
  if (existing && time(visitor.lastSeenAt) < time(existing.lastSeenAt)) return list;
  if (!visitor.online) {
    if (!existing || existing.leavingAt !== undefined) return list;
    return list.map((r) => (r.id === visitor.id ? { ...r, online: false, leavingAt: now } : r));
  }
  const without = existing ? list.filter((r) => r.id !== visitor.id) : list;
  return [...without, { ...visitor }].sort(compareLive);
}

/** Drop the rows that finished fading by `now`. Returns the same array when none did. */
export function expireLeaving(rows: readonly LiveRow[], now: number): LiveRow[] {
  const kept = rows.filter((r) => r.leavingAt === undefined || now - r.leavingAt < LEAVE_FADE_MS);
  return kept.length === rows.length ? (rows as LiveRow[]) : kept;
}

/** Patch one row; same array when absent. */
function patchRow(rows: readonly LiveRow[], id: string, patch: Partial<LiveVisitorDto>): LiveRow[] {
  return rows.some((r) => r.id === id) ? rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) : (rows as LiveRow[]);
}

/** Which slice of a fixed-row-height list to render: rows [start, end) plus `overscan` each side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.min(count, last + overscan) };
}

/** The "open chat" link a live row or visitor detail keeps for a conversation (null once it ended). */
function chatLink(conv: Pick<ConversationDto, 'id' | 'status' | 'assignedAgentId'>): LiveVisitorDto['conversation'] {
  return conv.status === 'queued' || conv.status === 'active' ? { id: conv.id, status: conv.status, assignedAgentId: conv.assignedAgentId } : null;
}

/**
 * A conversation changed (accepted, closed, started): the visitor's row shows the chat that is
 * open now. A closed chat only clears the link if it was the one shown.
 */
export function applyConversation(rows: readonly LiveRow[], conv: ConversationDto): LiveRow[] {
  const row = rows.find((r) => r.id === conv.visitorId);
  if (!row) return rows as LiveRow[];
  const link = chatLink(conv);
  if (!link && row.conversation?.id !== conv.id) return rows as LiveRow[];
  return patchRow(rows, row.id, { conversation: link });
}

/** The visitor detail after one of their conversations changed: the chat list and the open-chat link. */
export function patchVisitorChat(detail: VisitorDetailDto, conv: ConversationDto): VisitorDetailDto {
  const link = chatLink(conv);
  return {
    ...detail,
    conversation: link ?? (detail.conversation?.id === conv.id ? null : detail.conversation),
    conversations: detail.conversations.map((c) =>
      c.id === conv.id ? { ...c, status: conv.status, lastMessagePreview: conv.lastMessagePreview ?? c.lastMessagePreview, rating: conv.rating ?? c.rating } : c,
    ),
  };
}

/** A `visitor_activity` event's fields merged into the visitor detail (sessions and events need a refetch). */
export function applyLiveFields(detail: VisitorDetailDto, live: LiveVisitorDto): VisitorDetailDto {
  if (live.id !== detail.id) return detail;
  const { id: _id, siteId: _site, ...fields } = live;
  return { ...detail, ...fields };
}
