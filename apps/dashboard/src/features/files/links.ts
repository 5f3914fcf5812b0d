/**
 * Short-lived file links (`GET /api/files/:id/link`) kept in the query cache until shortly
 * before they expire, plus the layout maths of image thumbnails. Pure except `linkQuery`,
 * which only builds query options.
 */
import type { FileLinkDto } from '@parley/protocol';
import { ApiError } from '../../api/client';
import { fetchFileLink } from './api';
import { fileKeys } from './queryKeys';

/** A link is replaced this long before it expires, so a click never opens a dead one. */
export const LINK_MARGIN_MS = 20_000;

/**
 * How long after `fetchedAt` a link may be used from the cache (0 = fetch a new one). Query
 * staleness is counted from the fetch, so this is the link's life at that moment, not now.
 */
export function linkStaleMs(link: FileLinkDto | undefined, fetchedAt: number): number {
  if (!link) return 0;
  const left = Date.parse(link.expiresAt) - fetchedAt - LINK_MARGIN_MS;
  return Number.isFinite(left) && left > 0 ? left : 0;
}

/** The query of one file's link: cached while it stays valid; 4xx answers are final. */
export function linkQuery(id: string, fetcher: (id: string) => Promise<FileLinkDto> = fetchFileLink) {
  return {
    queryKey: fileKeys.link(id),
    queryFn: () => fetcher(id),
    staleTime: (q: { state: { data: FileLinkDto | undefined; dataUpdatedAt: number } }) => linkStaleMs(q.state.data, q.state.dataUpdatedAt),
    retry: (count: number, err: unknown) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
  };
}

export type LinkProblem = 'expired' | 'infected' | 'gone' | 'error';

/** What a failed link request means for the file: 410 expired, 403 infected, 404 not visible. */
export function linkProblem(err: unknown): LinkProblem {
  if (!(err instanceof ApiError)) return 'error';
  if (err.status === 410 || err.code === 'file_expired') return 'expired';
  if (err.code === 'file_infected') return 'infected';
  if (err.status === 404) return 'gone';
  return 'error';
}

export const STATUS_TEXT = {
  expired: 'File expired',
  infected: 'File blocked: a virus was found',
} as const;

/**
 * The size a thumbnail is drawn at: the image's own aspect ratio, fitting in `max`×`max`
 * and never upscaled; tall or wide extremes are clamped so they stay tappable.
 */
export function thumbBox(width: number | undefined, height: number | undefined, max = 260, min = 64): { width: number; height: number } {
  if (!width || !height || width <= 0 || height <= 0) return { width: max, height: Math.round(max * 0.75) };
  const scale = Math.min(1, max / width, max / height);
  return { width: Math.max(min, Math.round(width * scale)), height: Math.max(min, Math.round(height * scale)) };
}
