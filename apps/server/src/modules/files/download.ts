import type { FastifyReply, FastifyRequest } from 'fastify';
import { FILE_TYPES, FileIdParams } from '@parley/protocol';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { AppError, notFound } from '../../errors';
import { parse } from '../../validate';
import { checkLink } from './links';
import { findFile } from './queries';
import { storageFor, StoredFileMissing } from './storage';

const Params = FileIdParams.extend({ variant: z.enum(['original', 'thumb']) });
const Query = z.object({ e: z.string().max(20).optional(), s: z.string().max(128).optional() });

/** RFC 6266: an ASCII fallback plus the exact name in UTF-8. */
function disposition(kind: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * `GET /files/:id/original|thumb?e=&s=`: the signature is the permission (issued to a
 * participant by a link endpoint), so no cookie is needed and it works in <img>. Images are
 * shown inline, anything else is a download; nosniff and a sandboxing CSP make sure a file is
 * never run as a page of Parley's origin.
 */
export async function serveFile(ctx: Ctx, req: FastifyRequest, reply: FastifyReply) {
  const params = Params.safeParse(req.params);
  if (!params.success) throw notFound('File');
  const { id, variant } = params.data;
  const { e, s } = parse(Query, req.query);
  const valid = await checkLink(ctx, id, variant, e, s);
  if (valid === 'bad') throw notFound('File');
  if (valid === 'expired') throw new AppError('link_expired', 'This link has expired. Open the file from the chat again.');
  const file = await findFile(ctx.db, id);
  if (!file) throw notFound('File');
  if (file.status === 'expired') throw new AppError('file_expired', 'This file has expired and was deleted.');
  if (file.status === 'infected') throw new AppError('file_infected', 'File blocked: a virus was found.');
  const key = variant === 'thumb' ? file.thumbKey : file.storageKey;
  if (!key) throw notFound('File');
  let body;
  try {
    body = await storageFor(ctx.config).get(key);
  } catch (err) {
    if (err instanceof StoredFileMissing) throw new AppError('file_expired', 'This file has expired and was deleted.');
    throw err;
  }
  const image = variant === 'thumb' || FILE_TYPES[file.type].image;
  const type = variant === 'thumb' ? 'image/webp' : file.mime.startsWith('text/') ? `${file.mime}; charset=utf-8` : file.mime;
  reply
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', disposition(image ? 'inline' : 'attachment', variant === 'thumb' ? `${file.name}.webp` : file.name))
    .header('cache-control', `private, max-age=${valid}`)
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  if (variant === 'original') reply.header('content-length', String(file.size));
  return reply.send(body);
}
