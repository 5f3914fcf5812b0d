import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from './types';
import type { AttachmentDto, Channel, ConversationStatus, Priority } from '@parley/protocol';
import { workspaces } from './workspaces';
import { sites } from './sites';
import { visitors } from './visitors';
import { agents, departments } from './agents';
import { triggers } from './triggers';

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    status: text('status').$type<ConversationStatus>().notNull().default('queued'),
    assignedAgentId: uuid('assigned_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    channel: text('channel').$type<Channel>().notNull().default('web'),
    subject: text('subject'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    priority: text('priority').$type<Priority>().notNull().default('normal'),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    /** When it last entered the queue (start, requeue, transfer to a department). */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    /** Last unanswered re-announcement, so a waiting chat is re-announced once per period. */
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
    /** Highest message seq handed out; bumped inside each message insert transaction. */
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    lastMessagePreview: text('last_message_preview'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** CSAT (1-5) and comment from the visitor after the chat ended. */
    ratingScore: integer('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** The proactive trigger whose prompt the visitor accepted to start this chat. */
    triggerId: uuid('trigger_id').references(() => triggers.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('conversations_site_status_idx').on(t.siteId, t.status, t.createdAt),
    index('conversations_visitor_idx').on(t.visitorId, t.createdAt),
    index('conversations_workspace_status_idx').on(t.workspaceId, t.status),
    index('conversations_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('conversations_workspace_closed_idx').on(t.workspaceId, t.closedAt),
    index('conversations_assigned_status_idx').on(t.assignedAgentId, t.status),
    index('conversations_tags_idx').using('gin', t.tags),
  ],
);

/** Per participant: the highest seq they have read (read receipts and unread counts). */
export const readCursors = pgTable(
  'read_cursors',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    readerType: text('reader_type').$type<'visitor' | 'agent'>().notNull(),
    readerId: uuid('reader_id').notNull(),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.readerType, t.readerId] })],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderType: text('sender_type').$type<'visitor' | 'agent' | 'system' | 'bot'>().notNull(),
    /** Agent or visitor uuid, or an integrator's id for REST senders; null for system. */
    senderId: text('sender_id'),
    senderName: text('sender_name'),
    /** The sender's avatar when the message was written (agents). */
    senderAvatarUrl: text('sender_avatar_url'),
    kind: text('kind').$type<'text' | 'file' | 'note' | 'event'>().notNull().default('text'),
    body: text('body').notNull(),
    attachments: jsonb('attachments').$type<AttachmentDto[]>().notNull().default([]),
    clientId: text('client_id'),
    /** Notes: agent ids @mentioned. */
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple', body)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_conv_seq_idx').on(t.conversationId, t.seq),
    uniqueIndex('messages_conv_client_idx').on(t.conversationId, t.clientId),
    index('messages_client_idx').on(t.clientId),
    index('messages_search_idx').using('gin', t.search),
  ],
);

/** Agents besides the assignee taking part in a chat; `leftAt` set once they leave. */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.agentId] }), index('conversation_participants_agent_idx').on(t.agentId)],
);

/** The transfer log (also shown in the conversation as a system message). */
export const conversationTransfers = pgTable(
  'conversation_transfers',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    fromAgentId: uuid('from_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    toAgentId: uuid('to_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    toDepartmentId: uuid('to_department_id').references(() => departments.id, { onDelete: 'set null' }),
    reason: text('reason'),
    mode: text('mode').$type<'leave' | 'stay'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversation_transfers_conv_idx').on(t.conversationId, t.createdAt)],
);
