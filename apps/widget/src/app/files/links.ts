/**
 * Short-lived links to files (`GET /api/widget/files/:id/link`), asked with the visitor's
 * credentials and kept until shortly before they expire. A file the server says is gone
 * (410 expired, 403 infected) stays gone. Links are never stored: they live in this page only.
 */
import type { FileLinkDto } from '@parley/protocol';
import { W } from '../i18n/window';
import type { Store } from '../store';

/** The link, or why there is none for good. */
export type LinkResult = { link: FileLinkDto } | { gone: 'expired' | 'infected' };

/** What a link request needs from the store. */
export type LinkHost = Pick<Store, 'base' | 'siteKey' | 'identity'>;

/** A link is renewed this long before it expires, so that one handed to the browser still works when used. */
export const RENEW_BEFORE = 15_000;

type Entry = { until: number; result: LinkResult };
const cache = new Map<string, Entry | Promise<LinkResult>>();

/** The widget REST headers of the visitor (`x-parley-site`, `x-parley-visitor`, bearer token). */
export function visitorHeaders(host: LinkHost): Record<string, string> {
  const id = host.identity;
  if (!id) throw new Error(W().errNetwork);
  return { 'x-parley-site': host.siteKey, 'x-parley-visitor': id.visitorId, authorization: `Bearer ${id.token}` };
}

/** The cached answer while it is good (a link not about to expire, or gone), else undefined. */
export function cachedLink(id: string, now = Date.now()): LinkResult | undefined {
  const hit = cache.get(id);
  return hit && !(hit instanceof Promise) && hit.until - RENEW_BEFORE > now ? hit.result : undefined;
}

/**
 * The file's link: cached, or asked for (one request at a time per file). Rejects with a
 * readable message when the server cannot be reached or refuses otherwise (e.g. 404).
 *
 * @example const r = await fileLink(store, attachment.id); if ('link' in r) img.src = r.link.thumbUrl;
 */
export function fileLink(host: LinkHost, id: string, now = Date.now()): Promise<LinkResult> {
  const hit = cache.get(id);
  if (hit instanceof Promise) return hit;
  const good = cachedLink(id, now);
  if (good) return Promise.resolve(good);
  const asked = ask(host, id).then(
    (result) => {
      cache.set(id, { until: 'link' in result ? Date.parse(result.link.expiresAt) : Infinity, result });
      return result;
    },
    (e: unknown) => {
      cache.delete(id);
      throw e;
    },
  );
  cache.set(id, asked);
  return asked;
}

/** Drops a link that did not work (an image that failed to load): the next `fileLink` asks again. */
export function forgetLink(id: string): void {
  if (!(cache.get(id) instanceof Promise)) cache.delete(id);
}

async function ask(host: LinkHost, id: string): Promise<LinkResult> {
  let res: Response;
  try {
    res = await fetch(`${host.base}/api/widget/files/${encodeURIComponent(id)}/link`, { headers: visitorHeaders(host), credentials: 'omit', mode: 'cors' });
  } catch {
    throw new Error(W().errNetwork);
  }
  const body = (await res.json().catch(() => null)) as (FileLinkDto & { error?: { code?: string; message?: string } }) | null;
  if (res.ok && body?.url) return { link: body };
  if (res.status === 410) return { gone: 'expired' };
  if (body?.error?.code === 'file_infected') return { gone: 'infected' };
  throw new Error(body?.error?.message || W().errNetwork);
}
