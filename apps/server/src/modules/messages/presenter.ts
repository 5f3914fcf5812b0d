import type { MessageDto } from '@parley/protocol';
import type { messages } from '../../db/schema';

export type MessageRow = typeof messages.$inferSelect;

export function presentMessage(row: MessageRow): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    senderType: row.senderType,
    senderId: row.senderId,
    senderName: row.senderName,
    senderAvatarUrl: row.senderAvatarUrl,
    kind: row.kind,
    body: row.deletedAt ? '' : row.body,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    ...(row.kind === 'note' ? { mentions: row.mentions } : {}),
    ...(row.attachments.length && !row.deletedAt ? { attachments: row.attachments } : {}),
  };
}
