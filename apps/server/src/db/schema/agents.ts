import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AgentRole, AgentStatus } from '@parley/protocol';
import { workspaces } from './workspaces';
import { sites } from './sites';

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Stored lower-case; unique across the installation because it is the login. */
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    pseudoName: text('pseudo_name').notNull(),
    avatarUrl: text('avatar_url'),
    role: text('role').$type<AgentRole>().notNull().default('agent'),
    status: text('status').$type<AgentStatus>().notNull().default('offline'),
    maxChats: integer('max_chats').notNull().default(5),
    disabled: boolean('disabled').notNull().default(false),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** Last keyboard/mouse activity in the dashboard (auto-away). */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    /** Round-robin routing hands the next chat to the agent who got one longest ago. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    /** Set when auto-away (not the agent) made them away: activity brings them back online. */
    autoAway: boolean('auto_away').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agents_workspace_idx').on(t.workspaceId)],
);

export const siteAgents = pgTable(
  'site_agents',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.agentId] }), index('site_agents_agent_idx').on(t.agentId)],
);

/** Teams; a department serves the listed sites (none listed: every site). */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    siteIds: jsonb('site_ids').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('departments_workspace_idx').on(t.workspaceId)],
);

export const agentDepartments = pgTable(
  'agent_departments',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').notNull().references(() => departments.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.agentId] }), index('agent_departments_agent_idx').on(t.agentId)],
);
