import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { FILE_TYPES, tooLargeMessage, type FileSettings, type FileTypeKey } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { conversations, files } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { newId } from '../../ids';
import type { Actor, VisitorActor } from '../auth/actors';
import type { ConversationRow } from '../conversations/presenter';
import type { MessageRow } from '../messages/presenter';
import { sendMessage, type SendInput, type SendResult } from '../messages/service';
import { scannerUnavailable, scanStream } from './clamav';
import { processImage } from './images';
import { presentAttachment } from './presenter';
import { lockSiteQuota, recentUploads, siteUsage } from './queries';
import { cleanName, HEAD_BYTES, sniffHead, sniffStored, type Verdict } from './sniff';
import { storageFor } from './storage';

const MB = 1024 * 1024;
export const maxBytesOf = (s: FileSettings) => s.maxSizeMb * MB;

export const fileTooLarge = (s: FileSettings) => new AppError('file_too_large', tooLargeMessage(s.maxSizeMb));
const quotaExceeded = () => new AppError('quota_exceeded', "This website's file storage is full.");

/** A file whose bytes are stored, checked and processed, waiting for its message. */
export interface StoredUpload {
  id: string;
  name: string;
  type: FileTypeKey;
  mime: string;
  size: number;
  storageKey: string;
  thumbKey: string | null;
  width: number | null;
  height: number | null;
  status: 'ready' | 'infected';
  scan: 'clean' | 'infected' | 'skipped';
  scanSignature: string | null;
}

/** Who uploads where: decides the storage folder, the limits and the files row's uploader. */
export interface UploadTarget {
  workspaceId: string;
  siteId: string;
  /** The conversation the file goes to (for a visitor's first message: the id it will get). */
  conversationId: string;
  settings: FileSettings;
  uploaderType: 'visitor' | 'agent' | 'api';
  uploaderId: string;
}

class TooLarge extends Error {}

/**
 * Receives one file: the first bytes decide its type before anything is stored (a refused file
 * is read to its end, at most the limit, so the browser sees the answer), then the bytes stream
 * to storage, counted and cut off at the limit (the partial object is deleted). ZIP-based
 * Office files are told apart by reading their entries back from storage. Then the optional
 * virus scan and, for images, the re-encode and thumbnail. Any failure deletes what was stored.
 */
export async function storeUpload(ctx: Ctx, log: FastifyBaseLogger, target: UploadTarget, file: Readable, filename: string | undefined): Promise<StoredUpload> {
  const storage = storageFor(ctx.config);
  const max = maxBytesOf(target.settings);
  const allowed = target.settings.allowedTypes;
  const source = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD_BYTES) {
    const r = await source.next();
    if (r.done) {
      ended = true;
      break;
    }
    first.push(r.value);
    headLength += r.value.length;
  }
  const head = Buffer.concat(first);
  if (!head.length) throw new AppError('validation_failed', 'file: the file is empty');
  let size = 0;
  let tooLarge = false;
  // The head, then the rest, counted: past the limit the stream fails and storing stops.
  const counted = Readable.from(
    (async function* () {
      for (let chunk: Buffer | undefined = head; chunk; ) {
        size += chunk.length;
        if (size > max) {
          tooLarge = true;
          throw new TooLarge();
        }
        yield chunk;
        if (ended) return;
        const r = await source.next();
        chunk = r.done ? undefined : r.value;
      }
    })(),
  );

  // The whole first chunk(s): more than file-type needs is free, and may already tell a DOCX from a ZIP.
  const early = await sniffHead(head, filename ?? '', allowed);
  if (early !== 'deep' && !early.ok) {
    await drain(counted);
    throw early.error;
  }

  const keyOf = () => `${target.workspaceId}/${target.conversationId}/${randomBytes(16).toString('hex')}`;
  const stored: string[] = [];
  const cleanup = () => Promise.all(stored.map((k) => storage.delete(k).catch((err) => log.warn({ err, key: k }, 'could not delete a stored file'))));
  try {
    const key = keyOf();
    stored.push(key);
    const contentType = early === 'deep' ? 'application/octet-stream' : early.mime;
    // Drivers wrap the stream's error their own way (lib-storage does): the flag says what happened.
    await storage.put(key, counted, { contentType }).catch((err) => {
      throw tooLarge ? fileTooLarge(target.settings) : err;
    });
    const verdict: Verdict = early === 'deep' ? await sniffStored(await storage.get(key), head, filename ?? '', allowed) : early;
    if (!verdict.ok) throw verdict.error;
    const base = { id: newId(), name: cleanName(filename, verdict.type), type: verdict.type, mime: verdict.mime, size, storageKey: key, thumbKey: null, width: null, height: null };

    const clamav = ctx.config.files.clamav;
    if (clamav) {
      const bytes = await storage.get(key);
      const result = await scanStream(clamav, bytes).catch((err) => {
        log.warn({ err: (err as Error).message, host: clamav.host }, 'virus scanner unavailable');
        throw scannerUnavailable();
      });
      if (!result.clean) {
        await cleanup();
        log.warn({ fileId: base.id, siteId: target.siteId, signature: result.signature }, 'files.infected');
        return { ...base, status: 'infected', scan: 'infected', scanSignature: result.signature };
      }
    }
    const scan = clamav ? ('clean' as const) : ('skipped' as const);
    if (!FILE_TYPES[verdict.type].image) return { ...base, status: 'ready', scan, scanSignature: null };

    const image = await processImage(storage, key, verdict.type, verdict.mime, () => {
      const k = keyOf();
      stored.push(k);
      return k;
    });
    stored.push(image.thumbKey);
    if (image.key !== key) await storage.delete(key);
    return { ...base, size: image.size, storageKey: image.key, thumbKey: image.thumbKey, width: image.width, height: image.height, status: 'ready', scan, scanSignature: null };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Reads what is left of a refused file, up to the limit, so the client gets to read the answer. */
async function drain(stream: Readable) {
  try {
    for await (const chunk of stream) void chunk;
  } catch {
    // past the limit: the route closes the connection instead
  }
}

/** Deletes a stored upload's bytes (its message was not created, or was created by an earlier try). */
export async function discardUpload(ctx: Ctx, log: FastifyBaseLogger, up: StoredUpload) {
  const storage = storageFor(ctx.config);
  for (const key of [up.storageKey, up.thumbKey]) if (key) await storage.delete(key).catch((err) => log.warn({ err, key }, 'could not delete a stored file'));
}

/** At most `uploadsPerMinute` files per visitor per rolling minute (counted in the database, so across nodes). */
export async function checkUploadRate(db: Tx | Ctx['db'], uploaderId: string, settings: FileSettings, now = new Date()) {
  const r = await recentUploads(db, uploaderId, new Date(now.getTime() - 60_000));
  if (r.count < settings.uploadsPerMinute) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(((r.oldest?.getTime() ?? now.getTime()) + 60_000 - now.getTime()) / 1000));
  const n = settings.uploadsPerMinute;
  throw new AppError('rate_limited', `You can send ${n} file${n === 1 ? '' : 's'} a minute. Try again in a moment.`, { retryAfterSeconds });
}

/** The site's quota with `incoming` more bytes. */
export async function checkQuota(db: Tx | Ctx['db'], siteId: string, settings: FileSettings, incoming: number) {
  if ((await siteUsage(db, siteId)) + incoming > settings.quotaMb * MB) throw quotaExceeded();
}

/**
 * Creates the file's message through the one message path (`sendMessage`: seq, clientId,
 * greeting and away on a first message, fan-out, email) with the files row in the same
 * transaction, after a last rate and quota check there. A retry whose clientId was already
 * stored returns that message and the new bytes are deleted; so are they on any failure.
 */
export async function commitUpload(ctx: Ctx, log: FastifyBaseLogger, actor: Actor, target: UploadTarget, up: StoredUpload, send: Omit<SendInput, 'attachments' | 'onAppend'>): Promise<SendResult> {
  const onAppend = async (tx: Tx, conv: ConversationRow, message: MessageRow) => {
    if (target.uploaderType === 'visitor') await checkUploadRate(tx, target.uploaderId, target.settings);
    if (up.status === 'ready') {
      await lockSiteQuota(tx, conv.siteId);
      await checkQuota(tx, conv.siteId, target.settings, up.size);
    }
    const infected = up.status === 'infected';
    await tx.insert(files).values({
      ...up,
      workspaceId: conv.workspaceId,
      siteId: conv.siteId,
      conversationId: conv.id,
      messageId: message.id,
      uploaderType: target.uploaderType,
      uploaderId: target.uploaderId,
      ...(infected ? { deletedAt: new Date(), deletedReason: 'infected' as const } : {}),
    });
  };
  try {
    const r = await sendMessage(ctx, actor, { ...send, attachments: [presentAttachment(up)], onAppend });
    if (!r.created) await discardUpload(ctx, log, up);
    return r;
  } catch (err) {
    await discardUpload(ctx, log, up);
    throw err;
  }
}

/**
 * The conversation a visitor's upload will land in, as `sendMessage` will pick it: the given
 * one while open, else their open one, else a new one (whose id is chosen here, so the bytes
 * are stored under it). A conversation that is not theirs is a 404 before anything is read.
 */
export async function visitorUploadConversation(ctx: Ctx, actor: VisitorActor, conversationId: string | undefined): Promise<{ conversationId: string; newConversationId?: string }> {
  const open = ['queued', 'active'];
  if (conversationId) {
    const [c] = await ctx.db.select({ id: conversations.id, status: conversations.status }).from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.visitorId, actor.visitorId)));
    if (!c) throw notFound('Conversation');
    if (open.includes(c.status)) return { conversationId: c.id };
  } else {
    const [c] = await ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.visitorId, actor.visitorId), inArray(conversations.status, ['queued', 'active'])))
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    if (c) return { conversationId: c.id };
  }
  const id = newId();
  return { conversationId: id, newConversationId: id };
}
