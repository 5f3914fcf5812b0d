import { eq, sql } from 'drizzle-orm';
import type { AttachmentDto } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { conversations, messages } from '../../db/schema';
import { newId } from '../../ids';
import { touched } from '../conversations/store';

export interface NewMessage {
  senderType: 'visitor' | 'agent' | 'system' | 'bot';
  senderId: string | null;
  senderName: string | null;
  senderAvatarUrl?: string | null;
  mentions?: string[];
  kind: 'text' | 'note' | 'event' | 'file';
  body: string;
  clientId?: string | null;
  /** Files (`kind: 'file'`, or a note with files); the body is then the caption, maybe empty. */
  attachments?: AttachmentDto[];
}

const PREVIEW_CHARS = 140;

/** The inbox line: the text, or `📎 <name>` for a file sent without a caption. */
function previewOf(m: NewMessage): string {
  const file = m.attachments?.[0];
  return (m.body || (file ? `📎 ${file.name}` : '')).slice(0, PREVIEW_CHARS);
}

/**
 * Appends a message inside the caller's transaction: bumps the conversation's `last_seq`
 * (the row lock serialises concurrent senders) and inserts with that seq. Returns both rows.
 */
export async function appendMessage(tx: Executor, conversationId: string, m: NewMessage) {
  const now = new Date();
  // Notes are agent-only; the site's own bot messages (greeting, away) would hide what the visitor said.
  const preview = m.kind !== 'note' && m.senderType !== 'bot';
  const [conv] = await tx
    .update(conversations)
    .set({
      lastSeq: sql`${conversations.lastSeq} + 1`,
      updatedAt: touched,
      ...(preview ? { lastMessageAt: now, lastMessagePreview: previewOf(m) } : {}),
      ...(m.senderType === 'agent' && (m.kind === 'text' || m.kind === 'file') ? { firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${now.toISOString()}::timestamptz)` } : {}),
    })
    .where(eq(conversations.id, conversationId))
    .returning();
  const [message] = await tx
    .insert(messages)
    .values({
      id: newId(),
      workspaceId: conv!.workspaceId,
      conversationId,
      seq: conv!.lastSeq,
      senderType: m.senderType,
      senderId: m.senderId,
      senderName: m.senderName,
      senderAvatarUrl: m.senderAvatarUrl ?? null,
      mentions: m.mentions ?? [],
      kind: m.kind,
      body: m.body,
      attachments: m.attachments ?? [],
      clientId: m.clientId ?? null,
      createdAt: now,
    })
    .returning();
  return { conversation: conv!, message: message! };
}
