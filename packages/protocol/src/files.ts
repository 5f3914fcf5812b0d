import { z } from 'zod';
import { FILE_LIMITS, FILE_TYPE_KEYS, type FileTypeKey } from './file-types';

export const FileTypeKeySchema = z.enum(FILE_TYPE_KEYS as [FileTypeKey, ...FileTypeKey[]]);

/** Per-site file sharing settings (`sites.settings.files`). */
export const FileSettings = z.object({
  /** Visitors may attach files in the widget (agents always may). */
  enabled: z.boolean().default(true),
  allowedTypes: z.array(FileTypeKeySchema).max(FILE_TYPE_KEYS.length).default([...FILE_TYPE_KEYS]),
  maxSizeMb: z.number().int().min(1).max(FILE_LIMITS.maxSizeMbCeiling).default(FILE_LIMITS.defaultMaxSizeMb),
  /** Files are deleted this many days after upload by the daily retention job. */
  retentionDays: z.number().int().min(1).max(3650).default(FILE_LIMITS.defaultRetentionDays),
  /** Uploads per visitor per minute. */
  uploadsPerMinute: z.number().int().min(1).max(120).default(FILE_LIMITS.defaultUploadsPerMinute),
  /** Storage quota of the site. */
  quotaMb: z.number().int().min(1).max(10_000_000).default(FILE_LIMITS.defaultQuotaMb),
});
export type FileSettings = z.infer<typeof FileSettings>;

/** Multipart text fields sent before the `file` part. */
export const UploadFields = z.object({
  /** Idempotency key of the message the upload creates (a retry returns the stored message). */
  clientId: z.string().trim().min(8).max(64),
  caption: z.string().trim().max(FILE_LIMITS.captionMaxChars).default(''),
});

/** Widget uploads: also the conversation (absent = the open one, or a new one) and the first message's extras. */
export const WidgetUploadFields = UploadFields.extend({
  conversationId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  triggerId: z.uuid().optional(),
});

/** Agent uploads: a reply (text) or an internal note. */
export const AgentUploadFields = UploadFields.extend({
  kind: z.enum(['text', 'note']).default('text'),
});

export const FileIdParams = z.object({ id: z.uuid() });
