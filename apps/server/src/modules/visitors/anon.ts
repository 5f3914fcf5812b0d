import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { appSettings } from '../../db/schema';
import { randomToken, sha256 } from '../../ids';

const KEY = 'anon_salt';
const Salt = z.object({ day: z.string(), salt: z.string().min(16) });
type Salt = z.infer<typeof Salt>;

const cache = new WeakMap<Db, Salt>();

/**
 * Today's (UTC) secret salt for cookieless re-identification, kept in `app_settings` so
 * every node uses the same one. The first node to need a new day's salt replaces the old
 * one with a conditional UPDATE (old salts are not kept, so yesterday's keys can never be
 * recomputed); a node whose clock is behind keeps using the stored, newer salt.
 */
export async function dailySalt(db: Db, now = new Date()): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  const cached = cache.get(db);
  if (cached && cached.day >= day) return cached.salt;
  const read = async () => {
    const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY));
    return row ? Salt.safeParse(row.value).data ?? { day: '', salt: '' } : undefined;
  };
  let current = await read();
  if (!current || current.day < day) {
    const fresh: Salt = { day, salt: randomToken(32) };
    if (!current) await db.insert(appSettings).values({ key: KEY, value: fresh }).onConflictDoNothing();
    else await db.update(appSettings).set({ value: fresh }).where(and(eq(appSettings.key, KEY), sql`coalesce(${appSettings.value}->>'day', '') < ${day}`));
    current = await read();
  }
  const salt = Salt.parse(current);
  cache.set(db, salt);
  return salt.salt;
}

/** sha256(daily salt + site + IP + user agent): the same browser on the same day, nothing stored on it. */
export async function anonKeyFor(db: Db, siteId: string, ip: string, userAgent: string, now = new Date()): Promise<string> {
  return sha256(`${await dailySalt(db, now)}\n${siteId}\n${ip}\n${userAgent}`);
}
