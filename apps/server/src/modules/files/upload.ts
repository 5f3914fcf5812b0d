import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { FileSettings } from '@parley/protocol';
import { AppError } from '../../errors';
import { parse } from '../../validate';
import { fileTooLarge, maxBytesOf } from './service';

/** Room for the multipart framing and the text fields around the file. */
export const MULTIPART_SLACK = 64 * 1024;

/** After an early answer, what the client may still send (discarded) before the socket is closed. */
const LINGER_BYTES = 4 * 1024 * 1024;
const LINGER_MS = 2000;

/**
 * Answers with `Connection: close` while the client may still be sending the body, and closes
 * gently. Node closes such a socket as soon as the answer is flushed, and closing a socket
 * with unread bytes makes the kernel send a reset, which can destroy the answer at the client
 * before it is read (the browser then shows a network error instead of "Files can be up to
 * 10 MB"). So, as web servers do (nginx's lingering close): half-close after the answer, read
 * and discard what is still coming for a moment — at most LINGER_BYTES or LINGER_MS — then close.
 */
function closeAfterReply(req: FastifyRequest, reply: FastifyReply) {
  if (reply.getHeader('connection') === 'close') return;
  reply.header('connection', 'close');
  const socket = req.raw.socket;
  reply.raw.once('finish', () => {
    // Registered by Node's destroySoon() for `Connection: close` answers, just before this runs.
    socket.removeListener('finish', socket.destroy);
    if (socket.destroyed) return;
    const done = () => socket.destroy();
    const timer = setTimeout(done, LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    let discarded = 0;
    req.raw.unpipe();
    req.raw.on('data', (d: Buffer) => {
      if ((discarded += d.length) > LINGER_BYTES) done();
    });
    req.raw.once('end', done);
    req.raw.resume();
  });
}

/** The request's declared length, when it declares one. */
export function declaredLength(req: FastifyRequest): number | undefined {
  const n = Number(req.headers['content-length']);
  return Number.isFinite(n) && n >= 0 && req.headers['content-length'] !== undefined ? n : undefined;
}

/**
 * Refuses a body that says it is too big before reading any of it. `Connection: close`, so the
 * client stops sending and Node does not read the rest to keep the connection alive.
 */
function refuseOversizeEarly(req: FastifyRequest, reply: FastifyReply, settings: FileSettings) {
  const n = declaredLength(req);
  if (n !== undefined && n > maxBytesOf(settings) + MULTIPART_SLACK) {
    closeAfterReply(req, reply);
    throw fileTooLarge(settings);
  }
}

/**
 * Reads a multipart upload: the text fields (which come first), then hands the `file` part's
 * stream to `onFile` without buffering it. Busboy's own limit sits one byte past the file
 * limit, so the counting in `storeUpload` sees the overflow and cuts the upload off.
 *
 * When an answer goes out before the body was read to its end (an oversize file, a refusal
 * while fields were being read), the connection is closed: otherwise the client keeps sending
 * and the unread rest would stall the connection.
 */
export async function receiveUpload<S extends z.ZodType, R>(
  req: FastifyRequest,
  reply: FastifyReply,
  settings: FileSettings,
  schema: S,
  handlers: {
    /** Checks that need no body (rate, quota): they run before any of it is read. */
    before?: () => Promise<void>;
    onFile: (fields: z.output<S>, file: Readable, filename: string) => Promise<R>;
  },
): Promise<R> {
  try {
    refuseOversizeEarly(req, reply, settings);
    await handlers.before?.();
    if (!req.isMultipart()) throw new AppError('validation_failed', 'Send the file as multipart/form-data');
    const parts = req.parts({
      limits: { fileSize: maxBytesOf(settings) + 1, files: 1, fields: 10, parts: 11, fieldSize: 16 * 1024, fieldNameSize: 100, headerPairs: 50 },
    });
    const fields: Record<string, string> = {};
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file') throw new AppError('validation_failed', 'The file goes in a part named "file"');
      // Past its limit busboy drops the rest of the part as fast as it arrives: stop reading
      // the request right there (storeUpload fails the upload at the same chunk).
      part.file.once('limit', () => {
        req.raw.unpipe();
        req.raw.pause();
      });
      const parsed = parse(schema, fields);
      return await handlers.onFile(parsed, part.file, part.filename);
    }
    throw new AppError('validation_failed', 'file: required (after the other fields)');
  } catch (err) {
    settleBody(req, reply, maxBytesOf(settings) + MULTIPART_SLACK);
    if (err instanceof AppError && err.code === 'rate_limited') {
      const after = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (after) reply.header('retry-after', String(after));
    }
    throw mapMultipartError(err);
  }
}

/**
 * An error answer before the body was read to its end. A body that announced a bounded length
 * (what browsers send) is read and discarded, so the browser finishes sending and shows the
 * answer, and the connection stays usable; anything else gets `closeAfterReply`.
 */
function settleBody(req: FastifyRequest, reply: FastifyReply, limit: number) {
  if (req.raw.readableEnded) return;
  const n = declaredLength(req);
  if (n === undefined || n > limit || reply.getHeader('connection') === 'close') return closeAfterReply(req, reply);
  req.raw.unpipe();
  req.raw.resume();
}

/** @fastify/multipart's own refusals (too many parts or fields, a broken body) in our words. */
function mapMultipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (/^FST_(PARTS|FILES|FIELDS)_LIMIT$/.test(code)) return new AppError('validation_failed', 'One file per upload, with at most a few text fields');
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || /multipart|boundary|Unexpected end of form/i.test((err as Error).message ?? '')) {
    return new AppError('validation_failed', 'The upload is not valid multipart/form-data');
  }
  // The body ended inside the file part (a truncated or aborted upload): the file stream closes early.
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return new AppError('validation_failed', 'The upload was cut off before the end of the file; try again');
  return err;
}

/** Reads and discards a file nobody needs (a retried upload), at most `max` bytes: past that the connection is closed. */
export async function discard(file: Readable, max: number) {
  let n = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) if ((n += chunk.length) > max) break;
  } catch {
    // a broken upload: the route answers anyway
  }
}
