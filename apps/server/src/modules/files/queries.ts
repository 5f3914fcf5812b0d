import { and, count, desc, eq, gt, isNull, min, sql, sum } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { conversations, files, messages } from '../../db/schema';
import { presentConversationFile } from './presenter';

export async function findFile(db: Executor, id: string) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

/** A file of the workspace with its conversation and the kind of message carrying it (notes are agent-only). */
export async function findFileInWorkspace(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select({ file: files, conv: conversations, messageKind: messages.kind })
    .from(files)
    .innerJoin(conversations, eq(conversations.id, files.conversationId))
    .innerJoin(messages, eq(messages.id, files.messageId))
    .where(and(eq(files.id, id), eq(files.workspaceId, workspaceId)));
  return row;
}

/** Newest first, notes' files included (agents only call this). */
export async function listConversationFiles(db: Executor, conversationId: string) {
  const rows = await db
    .select({ file: files, seq: messages.seq, senderName: messages.senderName })
    .from(files)
    .innerJoin(messages, eq(messages.id, files.messageId))
    .where(eq(files.conversationId, conversationId))
    .orderBy(desc(files.createdAt), desc(files.id));
  return rows.map((r) => presentConversationFile(r.file, r));
}

/** Uploads by one uploader since `since`, and when the oldest of them happened (rate limit). */
export async function recentUploads(db: Executor, uploaderId: string, since: Date) {
  const [r] = await db
    .select({ n: count(), oldest: min(files.createdAt) })
    .from(files)
    .where(and(eq(files.uploaderId, uploaderId), gt(files.createdAt, since)));
  return { count: r?.n ?? 0, oldest: r?.oldest ? new Date(r.oldest) : undefined };
}

/** Bytes the site's stored files take (expired and infected ones are gone). */
export async function siteUsage(db: Executor, siteId: string): Promise<number> {
  const [r] = await db
    .select({ bytes: sum(files.size) })
    .from(files)
    .where(and(eq(files.siteId, siteId), isNull(files.deletedAt)));
  return Number(r?.bytes ?? 0);
}

/** Serialises quota checks of one site until the end of the transaction (any node). */
export async function lockSiteQuota(tx: Executor, siteId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`files.quota:${siteId}`}))`);
}
