import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FileTypeKey } from '@parley/protocol';
import { workspaces } from './workspaces';
import { sites } from './sites';
import { conversations, messages } from './conversations';

/**
 * A file shared in a conversation. Created in the same transaction as the `kind: 'file'`
 * message that carries it (a copy of its metadata lives in `messages.attachments`), so an
 * upload never leaves a half message. The bytes live in the storage driver under
 * `<workspace>/<conversation>/<random>`; `thumbKey` is the server-made thumbnail of images.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
    uploaderType: text('uploader_type').$type<'visitor' | 'agent' | 'api'>().notNull(),
    /** Visitor or agent uuid, or the API token's id. */
    uploaderId: text('uploader_id').notNull(),
    /** The name the uploader gave, cleaned (no path, no control characters). */
    name: text('name').notNull(),
    /** Sniffed from the bytes. */
    mime: text('mime').notNull(),
    type: text('type').$type<FileTypeKey>().notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    width: integer('width'),
    height: integer('height'),
    status: text('status').$type<'ready' | 'expired' | 'infected'>().notNull().default('ready'),
    /** ClamAV verdict: clean, infected, or skipped (scanning off). */
    scan: text('scan').$type<'clean' | 'infected' | 'skipped'>().notNull().default('skipped'),
    /** The signature ClamAV found. */
    scanSignature: text('scan_signature'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When retention (or the scanner) removed the bytes. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedReason: text('deleted_reason').$type<'retention' | 'infected'>(),
  },
  (t) => [
    index('files_conversation_idx').on(t.conversationId, t.createdAt),
    index('files_site_idx').on(t.siteId, t.createdAt),
    index('files_uploader_idx').on(t.uploaderId, t.createdAt),
    index('files_retention_idx').on(t.createdAt).where(sql`${t.deletedAt} is null`),
  ],
);
