import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileLinkDto } from '@parley/protocol';
import { ApiError } from '../../api/client';
import { LINK_MARGIN_MS, linkProblem, linkQuery, linkStaleMs, thumbBox } from './links';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const link = (n: number, ttlMs = 300_000): FileLinkDto => ({ url: `/files/f/original?e=${n}`, thumbUrl: `/files/f/thumb?e=${n}`, expiresAt: new Date(Date.now() + ttlMs).toISOString() });

describe('file links', () => {
  afterEach(() => vi.useRealTimers());

  it('a link stays fresh until shortly before it expires', () => {
    const l = { url: 'u', thumbUrl: null, expiresAt: new Date(T0 + 300_000).toISOString() };
    expect(linkStaleMs(l, T0)).toBe(300_000 - LINK_MARGIN_MS);
    expect(linkStaleMs(l, T0 + 300_000 - LINK_MARGIN_MS + 1)).toBe(0);
    expect(linkStaleMs(undefined, T0)).toBe(0);
    expect(linkStaleMs({ ...l, expiresAt: 'nonsense' }, T0)).toBe(0);
  });

  it('the query cache reuses a link while valid and fetches a new one once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const qc = new QueryClient();
    let n = 0;
    const fetcher = vi.fn(async () => link(++n));
    const first = await qc.fetchQuery(linkQuery('f', fetcher));
    vi.setSystemTime(T0 + 200_000);
    expect(await qc.fetchQuery(linkQuery('f', fetcher))).toBe(first);
    expect(fetcher).toHaveBeenCalledTimes(1);
    vi.setSystemTime(T0 + 300_000 - LINK_MARGIN_MS + 1_000);
    const second = await qc.fetchQuery(linkQuery('f', fetcher));
    expect(second.url).toBe('/files/f/original?e=2');
    expect(fetcher).toHaveBeenCalledTimes(2);
    // A broken <img> asks for a new link at once, however fresh the cached one looks.
    await qc.invalidateQueries({ queryKey: linkQuery('f').queryKey });
    expect((await qc.fetchQuery(linkQuery('f', fetcher))).url).toBe('/files/f/original?e=3');
    qc.clear();
  });

  it('does not retry a refused link (expired, blocked, not visible)', async () => {
    const qc = new QueryClient();
    const fetcher = vi.fn(async () => {
      throw new ApiError(410, 'file_expired', 'This file has expired.');
    });
    await expect(qc.fetchQuery(linkQuery('g', fetcher))).rejects.toMatchObject({ status: 410 });
    expect(fetcher).toHaveBeenCalledTimes(1);
    qc.clear();
  });

  it('reads 410 as expired, file_infected as blocked, 404 as gone', () => {
    expect(linkProblem(new ApiError(410, 'file_expired', 'x'))).toBe('expired');
    expect(linkProblem(new ApiError(410, 'link_expired', 'x'))).toBe('expired');
    expect(linkProblem(new ApiError(403, 'file_infected', 'x'))).toBe('infected');
    expect(linkProblem(new ApiError(404, 'not_found', 'x'))).toBe('gone');
    expect(linkProblem(new ApiError(500, 'internal', 'x'))).toBe('error');
    expect(linkProblem(new Error('x'))).toBe('error');
  });

  it('sizes thumbnails from the image, never upscaled, extremes clamped', () => {
    expect(thumbBox(4000, 3000)).toEqual({ width: 260, height: 195 });
    expect(thumbBox(1080, 1920)).toEqual({ width: 146, height: 260 });
    expect(thumbBox(120, 80)).toEqual({ width: 120, height: 80 });
    expect(thumbBox(5000, 100)).toEqual({ width: 260, height: 64 });
    expect(thumbBox(undefined, undefined)).toEqual({ width: 260, height: 195 });
  });
});
