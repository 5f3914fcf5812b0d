import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** SDK `setContext` (cart, booking…): replaced as a whole, shown to agents live. */
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    /** The external id was proven with the site's HMAC (identity verification). */
    verified: boolean('verified').notNull().default(false),
    /** The pre-chat form was answered. */
    profileCompletedAt: timestamp('profile_completed_at', { withTimezone: true }),
    /**
     * The browser of a visitor who has not interacted (nothing stored on their device): sha256
     * of a daily secret salt + site + IP + user agent, so their next page load's new visitor can
     * take over their page history (`absorbAnonymousVisitor`); null once they interact.
     */
    anonKey: text('anon_key'),
    browser: text('browser'),
    os: text('os'),
    device: text('device'),
    country: text('country'),
    countryCode: text('country_code'),
    city: text('city'),
    visitCount: integer('visit_count').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Full-text search over name, email (whole and split at punctuation) and phone digits. */
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || regexp_replace(coalesce(email, ''), '[@._+-]', ' ', 'g') || ' ' || coalesce(phone, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))`,
    ),
  },
  (t) => [
    index('visitors_site_idx').on(t.siteId),
    uniqueIndex('visitors_site_external_idx').on(t.siteId, t.externalId),
    index('visitors_search_idx').using('gin', t.search),
    index('visitors_site_anon_idx').on(t.siteId, t.anonKey),
  ],
);

/**
 * More widget tokens of a visitor besides `visitors.token_hash`: each device a verified
 * visitor signs in on (identify) gets its own, so signing in on one never logs another out.
 */
export const visitorTokens = pgTable(
  'visitor_tokens',
  {
    /** sha256 of the secret token. */
    tokenHash: text('token_hash').primaryKey(),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visitor_tokens_visitor_idx').on(t.visitorId)],
);

/** A visit: from the first page view until 30 minutes without activity. */
export const visitorSessions = pgTable(
  'visitor_sessions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** Refreshed by page views and by the sweeper while a socket of the visitor is connected. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the visitor's last socket went away (cleared if they come back within the session). */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    landingUrl: text('landing_url'),
    currentUrl: text('current_url'),
    currentTitle: text('current_title'),
    referrer: text('referrer'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    pageViews: integer('page_views').notNull().default(0),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [
    index('visitor_sessions_visitor_idx').on(t.visitorId, t.startedAt),
    index('visitor_sessions_site_seen_idx').on(t.siteId, t.lastSeenAt),
    // The sweeper's "open sessions nobody heartbeats" scan, on every node every sweep.
    index('visitor_sessions_open_seen_idx').on(t.lastSeenAt).where(sql`${t.endedAt} is null`),
  ],
);

export const pageViews = pgTable(
  'page_views',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').notNull().references(() => visitorSessions.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title').notNull().default(''),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the next page view or the end of the session. */
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  // visitor_id: moving a visitor's history (merges) and the cascade when a visitor is deleted.
  (t) => [index('page_views_session_idx').on(t.sessionId, t.enteredAt), index('page_views_visitor_idx').on(t.visitorId)],
);

/** SDK `trackEvent` calls. */
export const visitorEvents = pgTable(
  'visitor_events',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visitor_events_visitor_idx').on(t.visitorId, t.createdAt)],
);
