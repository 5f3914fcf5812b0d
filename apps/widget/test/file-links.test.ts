import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENEW_BEFORE, cachedLink, fileLink, forgetLink } from '../src/app/files/links';

/**
 * Links to files: asked with the visitor's headers, kept until shortly before they expire,
 * asked again after that or after a failed load; gone files stay gone.
 */
const host = { base: 'https://chat.test', siteKey: 'site_key_1', identity: { visitorId: 'v1', token: 'tok' } };
const T0 = Date.parse('2026-03-01T10:00:00Z');
let fetched: { url: string; headers: Record<string, string> }[];
let answers: (() => Response | Promise<Response>)[];
let n = 0;
/** A fresh attachment id per test: the cache lives as long as the page. */
const newId = () => `f${++n}`;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const link = (k: number, ttlSeconds = 300) => json(200, { url: `https://chat.test/files/x/original?e=${k}`, thumbUrl: `https://chat.test/files/x/thumb?e=${k}`, expiresAt: new Date(T0 + ttlSeconds * 1000).toISOString() });

beforeEach(() => {
  fetched = [];
  answers = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    fetched.push({ url, headers: init.headers as Record<string, string> });
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('file links', () => {
  it("asks GET /api/widget/files/:id/link with the visitor's headers", async () => {
    const id = newId();
    answers.push(() => link(1));
    const r = await fileLink(host, id, T0);
    expect(r).toEqual({ link: { url: 'https://chat.test/files/x/original?e=1', thumbUrl: 'https://chat.test/files/x/thumb?e=1', expiresAt: new Date(T0 + 300_000).toISOString() } });
    expect(fetched).toEqual([{ url: `https://chat.test/api/widget/files/${id}/link`, headers: { 'x-parley-site': 'site_key_1', 'x-parley-visitor': 'v1', authorization: 'Bearer tok' } }]);
  });

  it('keeps a link until shortly before it expires, then asks again', async () => {
    const id = newId();
    answers.push(() => link(1), () => link(2));
    await fileLink(host, id, T0);
    const later = T0 + 300_000 - RENEW_BEFORE - 1;
    expect(await fileLink(host, id, later)).toMatchObject({ link: { url: expect.stringContaining('e=1') } });
    expect(cachedLink(id, later)).toBeDefined();
    expect(fetched).toHaveLength(1);
    // Too close to its expiry to be handed out.
    expect(cachedLink(id, later + 1)).toBeUndefined();
    expect(await fileLink(host, id, later + 1)).toMatchObject({ link: { url: expect.stringContaining('e=2') } });
    expect(fetched).toHaveLength(2);
  });

  it('asks once for requests made at the same time', async () => {
    const id = newId();
    answers.push(() => link(1));
    const [a, b] = await Promise.all([fileLink(host, id, T0), fileLink(host, id, T0)]);
    expect(a).toEqual(b);
    expect(fetched).toHaveLength(1);
  });

  it('asks again after a link failed to load (forgetLink)', async () => {
    const id = newId();
    answers.push(() => link(1), () => link(2));
    await fileLink(host, id, T0);
    forgetLink(id);
    expect(await fileLink(host, id, T0)).toMatchObject({ link: { url: expect.stringContaining('e=2') } });
  });

  it('410 means expired and 403 file_infected blocked, for good', async () => {
    const expired = newId();
    const infected = newId();
    answers.push(
      () => json(410, { error: { code: 'file_expired', message: 'This file has expired.' } }),
      () => json(403, { error: { code: 'file_infected', message: 'This file was blocked.' } }),
    );
    expect(await fileLink(host, expired, T0)).toEqual({ gone: 'expired' });
    expect(await fileLink(host, infected, T0)).toEqual({ gone: 'infected' });
    expect(await fileLink(host, expired, T0 + 86_400_000)).toEqual({ gone: 'expired' });
    expect(fetched).toHaveLength(2);
  });

  it("rejects with the server's message or a network text, and asks again next time", async () => {
    const id = newId();
    answers.push(() => json(404, { error: { code: 'not_found', message: 'File not found' } }));
    await expect(fileLink(host, id, T0)).rejects.toThrow('File not found');
    await expect(fileLink(host, id, T0)).rejects.toThrow('Couldn’t reach us — check your connection and try again');
    answers.push(() => link(3));
    expect(await fileLink(host, id, T0)).toMatchObject({ link: { url: expect.stringContaining('e=3') } });
  });
});
