import type { AttachmentDto, ConversationFileDto } from '@parley/protocol';
import type { files } from '../../db/schema';

export type FileRow = typeof files.$inferSelect;

/** The copy of a file kept in its message (`messages.attachments`): never a link. */
export function presentAttachment(f: Pick<FileRow, 'id' | 'name' | 'size' | 'mime' | 'type' | 'width' | 'height' | 'status'>): AttachmentDto {
  return {
    id: f.id,
    name: f.name,
    size: f.size,
    mime: f.mime,
    type: f.type,
    ...(f.width && f.height ? { width: f.width, height: f.height } : {}),
    status: f.status,
  };
}

export function presentConversationFile(f: FileRow, m: { seq: number; senderName: string | null }): ConversationFileDto {
  return { ...presentAttachment(f), messageId: f.messageId, seq: m.seq, uploaderType: f.uploaderType, uploaderName: m.senderName, createdAt: f.createdAt.toISOString() };
}
