import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from './types';
import { workspaces } from './workspaces';
import { sites } from './sites';

export const visitors = pgTable(
  'visitors',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    /** sha256 of the visitor's secret token; null for visitors created through the REST API. */
    tokenHash: text('token_hash'),
    /** The integrator's id for this person (REST `customerId`, SDK `user.id`). */
    externalId: text('external_id'),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    userAgent: text('user_agent'),
    ip: text('ip'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    visitCount: integer('visit_count').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Full-text search over name, email (whole and split at punctuation) and phone digits. */
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || regexp_replace(coalesce(email, ''), '[@._+-]', ' ', 'g') || ' ' || coalesce(phone, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))`,
    ),
  },
  (t) => [index('visitors_site_idx').on(t.siteId), uniqueIndex('visitors_site_external_idx').on(t.siteId, t.externalId), index('visitors_search_idx').using('gin', t.search)],
);
