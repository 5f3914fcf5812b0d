import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FileLinkDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import { installationSetting } from '../../db/app-settings';

export type Variant = 'original' | 'thumb';

/** One secret per installation, shared by every node (app_settings). */
const secretOf = (ctx: Ctx) => installationSetting(ctx.db, 'files.link_secret', z.string().min(32), () => randomBytes(32).toString('hex'));

const sign = (secret: string, id: string, variant: Variant, expires: number) => createHmac('sha256', secret).update(`${id}:${variant}:${expires}`).digest('hex');

/**
 * A download link for a participant: `/files/<id>/<variant>?e=<unix seconds>&s=<hmac>`. No
 * cookie is needed (it works in <img> on the visitor's page); a copy stops working at `e`.
 */
export async function fileLink(ctx: Ctx, file: { id: string; thumbKey: string | null }, now = new Date()): Promise<FileLinkDto> {
  const secret = await secretOf(ctx);
  const expires = Math.floor(now.getTime() / 1000) + ctx.config.files.urlTtlSeconds;
  const url = (variant: Variant) => `${ctx.config.publicUrl}/files/${file.id}/${variant}?e=${expires}&s=${sign(secret, file.id, variant, expires)}`;
  return { url: url('original'), thumbUrl: file.thumbKey ? url('thumb') : null, expiresAt: new Date(expires * 1000).toISOString() };
}

/** 'bad' (unsigned, tampered: answered as not found), 'expired', or the seconds it stays valid. */
export async function checkLink(ctx: Ctx, id: string, variant: Variant, e: string | undefined, s: string | undefined, now = new Date()): Promise<'bad' | 'expired' | number> {
  if (!e || !s || !/^\d{1,12}$/.test(e) || !/^[0-9a-f]{64}$/.test(s)) return 'bad';
  const expected = Buffer.from(sign(await secretOf(ctx), id, variant, Number(e)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(s, 'hex'))) return 'bad';
  const left = Number(e) - Math.floor(now.getTime() / 1000);
  return left > 0 ? left : 'expired';
}
