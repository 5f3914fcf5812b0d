import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RoutingSettingsPatch, WidgetSettings } from '@parley/protocol';
import { workspaces } from './workspaces';

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Allowed host names of pages that may embed the widget (also the CORS/socket origins). */
    domains: jsonb('domains').$type<string[]>().notNull().default([]),
    widgetKey: text('widget_key').notNull().unique(),
    /** For HMAC identity verification of visitors (later issue); never sent to browsers. */
    secret: text('secret').notNull(),
    settings: jsonb('settings').$type<WidgetSettings>().notNull(),
    /** Read through RoutingSettings.parse() so new fields get their defaults. */
    routing: jsonb('routing').$type<RoutingSettingsPatch>().notNull().default({}),
    active: boolean('active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sites_workspace_idx').on(t.workspaceId)],
);
