/**
 * Pure bookkeeping for the notification center: the cached page of notifications plus the
 * server's unread total, and how live events and "mark read" change it.
 */
import type { ConversationDto, NotificationDto, NotificationType } from '@parley/protocol';
import type { SoundKind } from '../../lib/sound';
import { tabOf, type InboxTab } from '../inbox/inboxLists';
import { NOTIFICATIONS_LIMIT, type NotificationsState } from './api';

/** A live notification: first in the list; counts as unread once (events can repeat on reconnect). */
export function addNotification(state: NotificationsState | undefined, n: NotificationDto): NotificationsState {
  const current = state ?? { notifications: [], unreadCount: 0 };
  if (current.notifications.some((x) => x.id === n.id)) return current;
  return {
    notifications: [n, ...current.notifications].slice(0, NOTIFICATIONS_LIMIT * 2),
    unreadCount: current.unreadCount + (n.readAt ? 0 : 1),
  };
}

/** Mark some (or all) as read now; the server's answer later sets the true total. */
export function markReadLocally(state: NotificationsState, which: { ids: readonly string[] } | { all: true }, at: string): NotificationsState {
  if ('all' in which) return { notifications: state.notifications.map((n) => (n.readAt ? n : { ...n, readAt: at })), unreadCount: 0 };
  const ids = new Set(which.ids);
  let cleared = 0;
  const notifications = state.notifications.map((n) => {
    if (!ids.has(n.id) || n.readAt) return n;
    cleared += 1;
    return { ...n, readAt: at };
  });
  return { notifications, unreadCount: Math.max(0, state.unreadCount - cleared) };
}

/** A ring when someone needs an agent; a soft tone for things to read. */
export function soundFor(type: NotificationType): SoundKind {
  return type === 'waiting' || type === 'unanswered' || type === 'transfer' ? 'ring' : 'soft';
}

/**
 * Where a notification's chat lives, for its link. The row in a loaded list knows its
 * status; otherwise the type tells: waiting alerts point at the queue, the rest at my chats.
 */
export function notificationTab(type: NotificationType, known: Pick<ConversationDto, 'status'> | undefined): InboxTab {
  if (known) return tabOf(known.status);
  return type === 'waiting' || type === 'unanswered' ? 'waiting' : 'active';
}

/**
 * The tab title's count: chats waiting plus unread visitor messages (already counted from
 * the lists), plus unread notifications those don't cover — transfers to me and mentions.
 * New-chat and message notifications are the same events as the list counts, so they are
 * not counted twice.
 */
export function titleBadgeCount(attention: number, notifications: readonly NotificationDto[] | undefined): number {
  const extra = (notifications ?? []).filter((n) => !n.readAt && (n.type === 'transfer' || n.type === 'mention')).length;
  return attention + extra;
}
