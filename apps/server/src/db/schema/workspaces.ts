import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WorkspaceSettingsPatch } from '@parley/protocol';

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Stored as set; read through WorkspaceSettings.parse() so new fields get their defaults. */
  settings: jsonb('settings').$type<WorkspaceSettingsPatch>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Installation-wide key/value settings (VAPID keys for Web Push). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
