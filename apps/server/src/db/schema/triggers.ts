import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TriggerAction, TriggerCondition, TriggerFrequency } from '@parley/protocol';
import { workspaces } from './workspaces';
import { sites } from './sites';
import { visitors } from './visitors';

/** Proactive chat invitations, evaluated in the widget. */
export const triggers = pgTable(
  'triggers',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    priority: integer('priority').notNull().default(0),
    conditions: jsonb('conditions').$type<TriggerCondition[]>().notNull(),
    delaySeconds: integer('delay_seconds').notNull().default(0),
    message: text('message').notNull(),
    frequency: jsonb('frequency').$type<TriggerFrequency>().notNull(),
    businessHoursOnly: boolean('business_hours_only').notNull().default(false),
    onlyWhenAgentsOnline: boolean('only_when_agents_online').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('triggers_site_idx').on(t.siteId)],
);

/** What visitors did with prompts: the analytics and the per-visitor frequency caps. */
export const triggerEvents = pgTable(
  'trigger_events',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    triggerId: uuid('trigger_id').notNull().references(() => triggers.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    /** The visitor session it happened in (per-session caps). */
    sessionId: uuid('session_id'),
    action: text('action').$type<TriggerAction>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('trigger_events_trigger_idx').on(t.triggerId, t.createdAt), index('trigger_events_visitor_idx').on(t.visitorId, t.triggerId)],
);
