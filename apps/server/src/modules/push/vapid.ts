import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { appSettings } from '../../db/schema';

const VapidKeys = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });
export type VapidKeys = z.infer<typeof VapidKeys>;

const cache = new WeakMap<Db, Promise<VapidKeys>>();

/**
 * The installation's VAPID key pair, created on first use and shared by every node: whoever
 * inserts first wins and everyone reads the stored row, so two nodes starting at once agree.
 */
export function vapidKeys(db: Db): Promise<VapidKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = loadOrCreate(db);
    cache.set(db, keys);
    keys.catch(() => cache.delete(db)); // a failed attempt (database down) is retried next time
  }
  return keys;
}

async function loadOrCreate(db: Db): Promise<VapidKeys> {
  const read = async () => (await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, 'vapid')))[0]?.value;
  let value = await read();
  if (value === undefined) {
    await db.insert(appSettings).values({ key: 'vapid', value: webpush.generateVAPIDKeys() }).onConflictDoNothing();
    value = await read();
  }
  return VapidKeys.parse(value);
}
