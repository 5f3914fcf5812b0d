import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from './client';
import { appSettings } from './schema';

const caches = new Map<string, WeakMap<Db, Promise<unknown>>>();

/**
 * An installation-wide value in `app_settings` (VAPID keys, signing secrets), created on
 * first use and shared by every node: whoever inserts first wins and everyone reads the
 * stored row, so two nodes starting at once agree. Cached per database; a failed attempt
 * (database down) is retried next time.
 */
export function installationSetting<T>(db: Db, key: string, schema: z.ZodType<T>, create: () => T): Promise<T> {
  let cache = caches.get(key) as WeakMap<Db, Promise<T>> | undefined;
  if (!cache) caches.set(key, (cache = new WeakMap()));
  let value = cache.get(db);
  if (!value) {
    value = loadOrCreate(db, key, schema, create);
    cache.set(db, value);
    value.catch(() => cache.delete(db));
  }
  return value;
}

async function loadOrCreate<T>(db: Db, key: string, schema: z.ZodType<T>, create: () => T): Promise<T> {
  const read = async () => (await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)))[0]?.value;
  let value = await read();
  if (value === undefined) {
    await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
    value = await read();
  }
  return schema.parse(value);
}
