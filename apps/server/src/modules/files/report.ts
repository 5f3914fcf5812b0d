import { and, count, eq, gte, isNull, sql, sum } from 'drizzle-orm';
import { WidgetSettings, type FilesReportDto, type FileTypeKey } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { files } from '../../db/schema';

const DAYS = 30;

/** A site's files: what is stored (count, bytes, by type) against its quota, and uploads per UTC day for 30 days. */
export async function filesReport(db: Executor, site: { id: string; settings: unknown }, now = new Date()): Promise<FilesReportDto> {
  const stored = and(eq(files.siteId, site.id), isNull(files.deletedAt));
  const byType = await db
    .select({ type: files.type, count: count(), bytes: sum(files.size) })
    .from(files)
    .where(stored)
    .groupBy(files.type)
    .orderBy(files.type);
  const byStatus = await db.select({ status: files.status, count: count() }).from(files).where(eq(files.siteId, site.id)).groupBy(files.status);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (DAYS - 1)));
  const day = sql<string>`to_char(${files.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const daily = await db
    .select({ date: day, count: count(), bytes: sum(files.size) })
    .from(files)
    .where(and(eq(files.siteId, site.id), gte(files.createdAt, start)))
    .groupBy(day);
  const dailyBy = new Map(daily.map((d) => [d.date, d]));
  const types = byType.map((t) => ({ type: t.type as FileTypeKey, count: t.count, bytes: Number(t.bytes ?? 0) }));
  const statusCount = (s: string) => byStatus.find((r) => r.status === s)?.count ?? 0;
  return {
    siteId: site.id,
    count: types.reduce((n, t) => n + t.count, 0),
    bytes: types.reduce((n, t) => n + t.bytes, 0),
    quotaBytes: WidgetSettings.parse(site.settings).files.quotaMb * 1024 * 1024,
    expired: statusCount('expired'),
    infected: statusCount('infected'),
    byType: types,
    daily: Array.from({ length: DAYS }, (_, i) => {
      const date = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      const d = dailyBy.get(date);
      return { date, count: d?.count ?? 0, bytes: Number(d?.bytes ?? 0) };
    }),
  };
}
