import type { MarkNotificationsReadBody, NotificationDto } from '@parley/protocol';
import { api } from '../../api/client';

export interface NotificationsState {
  notifications: NotificationDto[];
  unreadCount: number;
}

export const NOTIFICATIONS_LIMIT = 30;

export async function fetchNotifications(): Promise<NotificationsState> {
  return api<NotificationsState>('/api/notifications', { query: { limit: NOTIFICATIONS_LIMIT } });
}

export async function markNotificationsRead(body: MarkNotificationsReadBody): Promise<{ unreadCount: number }> {
  return api<{ unreadCount: number }>('/api/notifications/read', { method: 'POST', body });
}
