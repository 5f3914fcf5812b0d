import type { NotificationDto } from '@parley/protocol';
import type { notifications } from '../../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;

export function presentNotification(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    type: row.type,
    conversationId: row.conversationId,
    title: row.title,
    body: row.body,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
