import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { FILE_LIMITS } from '@parley/protocol';
import type { Ctx } from '../../context';
import { conversations, files, messages, sites } from '../../db/schema';
import { defineQueue } from '../../jobs/queue';
import { refOf } from '../conversations/presenter';
import { presentMessage, type MessageRow } from '../messages/presenter';
import { storageFor } from './storage';

const BATCH = 100;

/** Once a day (enqueued by `jobs.daily`): delete files past their site's retention. */
export const filesRetentionQueue = defineQueue<{ day: string }>({
  name: 'files-retention',
  retryLimit: 3,
  retryDelaySeconds: 300,
  expireInSeconds: 3600,
  describe: (d) => ({ day: d.day }),
});

/** Registers the retention worker and its daily schedule; call before `ctx.jobs.start()`. */
export function startFiles(ctx: Ctx, log: FastifyBaseLogger) {
  ctx.jobs.handle(filesRetentionQueue, async () => {
    await expireFiles(ctx, log, new Date());
  });
  ctx.jobs.daily(filesRetentionQueue, (day) => ({ day }));
}

/**
 * Deletes the bytes (and thumbnail) of every file older than its site's `retentionDays` at
 * `now`, marks it expired, and marks the copy in its message so both sides show "File
 * expired" (`message.updated` after commit). Batches are claimed with SKIP LOCKED, so nodes
 * running it together split the work. Bytes go before the commit: if the commit fails, the
 * next run finds the row again and deleting is idempotent. Returns how many expired.
 */
export async function expireFiles(ctx: Ctx, log: FastifyBaseLogger, now: Date): Promise<number> {
  const storage = storageFor(ctx.config);
  let total = 0;
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      const due = await tx
        .select({ file: files })
        .from(files)
        .innerJoin(sites, eq(sites.id, files.siteId))
        .where(
          and(
            isNull(files.deletedAt),
            eq(files.status, 'ready'),
            sql`${files.createdAt} < ${now.toISOString()}::timestamptz - make_interval(days => coalesce((${sites.settings} -> 'files' ->> 'retentionDays')::int, ${FILE_LIMITS.defaultRetentionDays}))`,
          ),
        )
        .orderBy(asc(files.createdAt))
        .limit(BATCH)
        .for('update', { of: files, skipLocked: true });
      if (!due.length) return { expired: 0, updated: [] };
      for (const { file } of due) for (const key of [file.storageKey, file.thumbKey]) if (key) await storage.delete(key);
      const ids = due.map((d) => d.file.id);
      await tx.update(files).set({ status: 'expired', deletedAt: now, deletedReason: 'retention' }).where(inArray(files.id, ids));
      const updated: { message: MessageRow; conv: typeof conversations.$inferSelect }[] = [];
      for (const messageId of new Set(due.map((d) => d.file.messageId))) {
        const [row] = await tx.select({ message: messages, conv: conversations }).from(messages).innerJoin(conversations, eq(conversations.id, messages.conversationId)).where(eq(messages.id, messageId)).for('update', { of: messages });
        if (!row) continue;
        const attachments = row.message.attachments.map((a) => (ids.includes(a.id) ? { ...a, status: 'expired' as const } : a));
        const [message] = await tx.update(messages).set({ attachments }).where(eq(messages.id, messageId)).returning();
        updated.push({ message: message!, conv: row.conv });
      }
      for (const { file } of due) log.info({ fileId: file.id, siteId: file.siteId, conversationId: file.conversationId, messageId: file.messageId, size: file.size, reason: 'retention' }, 'files.deleted');
      return { expired: due.length, updated };
    });
    for (const u of batch.updated) ctx.bus.emit({ name: 'message.updated', ref: refOf(u.conv), message: presentMessage(u.message) });
    total += batch.expired;
    if (batch.expired < BATCH) break;
  }
  return total;
}
