/**
 * Pure bookkeeping for the three inbox lists (waiting / active / closed): which list a
 * conversation belongs to, how each list is sorted, and how realtime events change them.
 * The TanStack Query cache holds one array per tab; these functions compute the next array.
 */
import type { ConversationDto, ConversationStatus, MessageDto } from '@parley/protocol';
import { time } from '../../lib/time';

export type InboxTab = 'waiting' | 'active' | 'closed';
export const INBOX_TABS: readonly InboxTab[] = ['waiting', 'active', 'closed'];

export function isInboxTab(value: string | undefined): value is InboxTab {
  return value === 'waiting' || value === 'active' || value === 'closed';
}

export function tabOf(status: ConversationStatus): InboxTab {
  if (status === 'queued') return 'waiting';
  if (status === 'active') return 'active';
  return 'closed';
}

/** A conversation's status as the dashboard names it. */
export const STATUS_TEXT: Record<ConversationStatus, string> = { queued: 'Waiting', active: 'Active', resolved: 'Resolved', closed: 'Closed' };


export function activityOf(c: ConversationDto): number {
  return Math.max(time(c.lastMessageAt), time(c.assignedAt), time(c.createdAt));
}

/** The server's order: waiting oldest first, active by last activity, closed newest closed first. */
export function compareFor(tab: InboxTab): (a: ConversationDto, b: ConversationDto) => number {
  if (tab === 'waiting') return (a, b) => time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id);
  if (tab === 'active') return (a, b) => activityOf(b) - activityOf(a) || a.id.localeCompare(b.id);
  return (a, b) => time(b.closedAt ?? b.lastMessageAt ?? b.createdAt) - time(a.closedAt ?? a.lastMessageAt ?? a.createdAt) || a.id.localeCompare(b.id);
}

export function sortFor(tab: InboxTab, list: readonly ConversationDto[]): ConversationDto[] {
  return [...list].sort(compareFor(tab));
}

/**
 * Put a conversation into `list` (a list for `tab`): replace the row if present, insert it if
 * it belongs here, remove it if its status moved it elsewhere. Fields an event leaves out
 * (per-agent `unreadCount`, read cursors) keep the values we already had.
 */
export function upsertConversation(tab: InboxTab, list: readonly ConversationDto[], conv: ConversationDto): ConversationDto[] {
  const existing = list.find((c) => c.id === conv.id);
  const without = list.filter((c) => c.id !== conv.id);
  const merged = mergeConversation(existing, conv);
  if (tabOf(merged.status) !== tab) return existing ? without : (list as ConversationDto[]);
  return sortFor(tab, [...without, merged]);
}

export function mergeConversation(previous: ConversationDto | undefined, next: ConversationDto): ConversationDto {
  if (!previous) return next;
  // Events can arrive out of order (each is read after its own commit): a copy older than
  // the one held changes nothing but the read marks, which only move forward.
  if (next.updatedAt < previous.updatedAt) {
    return { ...previous, visitorReadSeq: maxDefined(previous.visitorReadSeq, next.visitorReadSeq), agentReadSeq: maxDefined(previous.agentReadSeq, next.agentReadSeq) };
  }
  // An older snapshot must not roll back what newer events already told us.
  const newer = next.lastSeq >= previous.lastSeq;
  return {
    ...next,
    lastSeq: Math.max(previous.lastSeq, next.lastSeq),
    lastMessageAt: newer ? next.lastMessageAt : previous.lastMessageAt,
    lastMessagePreview: newer ? next.lastMessagePreview : previous.lastMessagePreview,
    // Some payloads leave the agent's name out; the same agent keeps the name we know.
    assignedAgentName: next.assignedAgentName ?? (next.assignedAgentId === previous.assignedAgentId ? previous.assignedAgentName : null),
    unreadCount: next.unreadCount ?? previous.unreadCount,
    visitorReadSeq: maxDefined(previous.visitorReadSeq, next.visitorReadSeq),
    agentReadSeq: maxDefined(previous.agentReadSeq, next.agentReadSeq),
  };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

export interface MessageEffect {
  /** `true` when the event counts as unread for me (a visitor wrote in a chat I'm not looking at). */
  countsUnread: boolean;
}

/** Preview text for a message row; notes and events are labelled, long text is clipped. */
export function previewOf(m: Pick<MessageDto, 'kind' | 'body' | 'senderType'>): string {
  const text = m.body.replace(/\s+/g, ' ').trim();
  const clipped = text.length > 140 ? `${text.slice(0, 139)}…` : text;
  if (m.kind === 'note') return `Note: ${clipped}`;
  if (m.kind === 'file') return clipped || 'Attachment';
  return clipped;
}

/**
 * Apply a new message to a list: update the row's preview, time and seq, bump unread when
 * `countsUnread`, and re-sort. Returns the same array when the conversation isn't in it
 * (the caller then refetches) or the message is not newer than what the row shows.
 */
export function applyMessage(tab: InboxTab, list: readonly ConversationDto[], msg: MessageDto, effect: MessageEffect): readonly ConversationDto[] {
  const index = list.findIndex((c) => c.id === msg.conversationId);
  if (index === -1) return list;
  const row = list[index]!;
  if (msg.seq <= row.lastSeq) return list;
  const updated: ConversationDto = {
    ...row,
    lastSeq: msg.seq,
    lastMessageAt: msg.createdAt,
    lastMessagePreview: msg.kind === 'event' && msg.senderType === 'system' ? row.lastMessagePreview ?? previewOf(msg) : previewOf(msg),
    unreadCount: effect.countsUnread ? (row.unreadCount ?? 0) + 1 : row.unreadCount,
  };
  const next = [...list];
  next[index] = updated;
  return sortFor(tab, next);
}

/** Clear the unread badge of one row (I'm reading it). */
export function markRead(list: readonly ConversationDto[], conversationId: string): readonly ConversationDto[] {
  const index = list.findIndex((c) => c.id === conversationId);
  if (index === -1 || !list[index]!.unreadCount) return list;
  const next = [...list];
  next[index] = { ...list[index]!, unreadCount: 0 };
  return next;
}

/** Append a page of older closed rows, skipping ones we already hold. */
export function appendPage(tab: InboxTab, list: readonly ConversationDto[], page: readonly ConversationDto[]): ConversationDto[] {
  const seen = new Set(list.map((c) => c.id));
  return sortFor(tab, [...list, ...page.filter((c) => !seen.has(c.id))]);
}

/** Number for the tab title badge: chats waiting plus unread visitor messages in active chats. */
export function attentionCount(waiting: readonly ConversationDto[] | undefined, active: readonly ConversationDto[] | undefined): number {
  const unread = (active ?? []).reduce((sum, c) => sum + (c.unreadCount ?? 0), 0);
  return (waiting?.length ?? 0) + unread;
}

/** "Visitor #3F9A2" when the visitor left no name. */
export function visitorLabel(visitor: Pick<ConversationDto['visitor'], 'id' | 'name'>): string {
  if (visitor.name?.trim()) return visitor.name.trim();
  return `Visitor #${visitor.id.replace(/-/g, '').slice(-5).toUpperCase()}`;
}
