import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { files } from '../../db/schema';
import { api, createVisitor, login, type Session, type TestVisitor } from '../../test/clients';
import { buildAgent, buildSite, buildWorkspace } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { fileLink } from './links';
import { exifHasGps, jpegWithExif, png, visitorHeaders, widgetUpload } from './testing';
import { storageFor } from './storage';

describe('file links: short-lived, signed, for participants only', () => {
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let otherSite: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session; // agent of site
  let bob: Session; // agent of otherSite
  let manager: Session;
  let owner: Session;
  let v: TestVisitor;
  let pdfId: string;
  let imageId: string;
  let convId: string;

  const visitorLink = (who: TestVisitor, id: string) => api(server, 'GET', `/api/widget/files/${id}/link`, { headers: visitorHeaders(who) });

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx);
    otherSite = await buildSite(server.ctx);
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    bob = await login(server, await buildAgent(server.ctx, { siteIds: [otherSite.id] }));
    manager = await login(server, await buildAgent(server.ctx, { role: 'manager' }));
    owner = await login(server, await buildAgent(server.ctx, { role: 'owner' }));
    v = await createVisitor(server, site.widgetKey);
    const pdf = await widgetUpload(server, v, { name: 'Rechnung März.pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n') });
    pdfId = pdf.body.message.attachments[0].id;
    convId = pdf.body.conversation.id;
    const img = await widgetUpload(server, v, { name: 'holiday.jpg', bytes: await jpegWithExif(60, 30) }, { conversationId: convId });
    expect(img.status).toBe(201);
    imageId = img.body.message.attachments[0].id;
  });
  afterAll(async () => {
    await server.close();
  });

  it('the visitor, the site agent, a manager and an API token of the workspace get links; others get 404', async () => {
    const own = await visitorLink(v, pdfId);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ url: expect.stringMatching(new RegExp(`^${server.url}/files/${pdfId}/original\\?e=\\d+&s=[0-9a-f]{64}$`)), thumbUrl: null, expiresAt: expect.any(String) });
    const ttl = (Date.parse(own.body.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(250);
    expect(ttl).toBeLessThanOrEqual(300);
    expect((await api(server, 'GET', `/api/files/${pdfId}/link`, { cookie: alice.cookie })).status).toBe(200);
    expect((await api(server, 'GET', `/api/files/${pdfId}/link`, { cookie: manager.cookie })).status).toBe(200);

    const stranger = await createVisitor(server, site.widgetKey);
    expect((await visitorLink(stranger, pdfId)).status).toBe(404);
    expect((await api(server, 'GET', `/api/files/${pdfId}/link`, { cookie: bob.cookie })).status).toBe(404);

    const token = (await api(server, 'POST', '/api/tokens', { cookie: owner.cookie, csrf: owner.csrf, body: { name: 'CRM' } })).body.token;
    expect((await api(server, 'GET', `/api/files/${pdfId}/link`, { bearer: token })).status).toBe(200);
    const ws = await buildWorkspace(server.ctx);
    const foreignOwner = await login(server, await buildAgent(server.ctx, { workspaceId: ws.id, role: 'owner' }));
    const foreignToken = (await api(server, 'POST', '/api/tokens', { cookie: foreignOwner.cookie, csrf: foreignOwner.csrf, body: { name: 'x' } })).body.token;
    expect((await api(server, 'GET', `/api/files/${pdfId}/link`, { bearer: foreignToken })).status).toBe(404);
    expect((await api(server, 'GET', `/api/files/${pdfId}/link`, { cookie: foreignOwner.cookie })).status).toBe(404);
    // the files list follows the same rule
    expect((await api(server, 'GET', `/api/conversations/${convId}/files`, { cookie: bob.cookie })).status).toBe(404);
    expect((await api(server, 'GET', `/api/conversations/${convId}/files`, { bearer: token })).body.files).toHaveLength(2);
  });

  it('downloads carry nosniff, a sandbox CSP, attachment for documents and inline for images', async () => {
    const link = (await api(server, 'GET', `/api/files/${pdfId}/link`, { cookie: alice.cookie })).body;
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=(29\d|300)$/);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toContain('%PDF-1.7');
    const head = await fetch(link.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-disposition')).toMatch(/^attachment;/);

    const img = (await visitorLink(v, imageId)).body;
    expect(img.thumbUrl).toMatch(/\/thumb\?e=/);
    const original = await fetch(img.url);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(original.headers.get('content-disposition')).toMatch(/^inline; filename="holiday.jpg"/);
    const thumb = await fetch(img.thumbUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('images are turned upright and lose their EXIF (GPS included); the thumbnail too', async () => {
    const input = await jpegWithExif(60, 30);
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(exifHasGps(before.exif)).toBe(true);

    const [row] = await server.ctx.db.select().from(files).where(eq(files.id, imageId));
    expect(row).toMatchObject({ width: 30, height: 60, type: 'jpg', mime: 'image/jpeg' });
    const link = (await visitorLink(v, imageId)).body;
    const stored = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(row!.size).toBe(stored.length);
    const meta = await sharp(stored).metadata();
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation, exif: meta.exif }).toEqual({ width: 30, height: 60, orientation: undefined, exif: undefined });
    expect(stored.includes(Buffer.from('ParleyCam'))).toBe(false);
    const thumb = await sharp(Buffer.from(await (await fetch(link.thumbUrl)).arrayBuffer())).metadata();
    expect({ format: thumb.format, width: thumb.width, height: thumb.height, exif: thumb.exif }).toEqual({ format: 'webp', width: 30, height: 60, exif: undefined });

    // a large image gets a thumbnail that fits 480×480
    const big = await widgetUpload(server, v, { name: 'wide.png', bytes: await png(1600, 400) }, { conversationId: convId });
    const bigThumb = await sharp(Buffer.from(await (await fetch((await visitorLink(v, big.body.message.attachments[0].id)).body.thumbUrl)).arrayBuffer())).metadata();
    expect([bigThumb.width, bigThumb.height]).toEqual([480, 120]);
  });

  it('bytes that claim an image but do not decode are refused (415 invalid_image) and nothing is kept', async () => {
    const good = await png(50, 50);
    const broken = Buffer.concat([good.subarray(0, 40), Buffer.alloc(200, 0x55)]);
    const r = await widgetUpload(server, v, { name: 'broken.png', bytes: broken }, { conversationId: convId });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('invalid_image');
    expect((await server.ctx.db.select().from(files).where(eq(files.conversationId, convId))).map((f) => f.name)).not.toContain('broken.png');
  });

  it('a link stops working when it expires, and a tampered one is not found', async () => {
    const [row] = await server.ctx.db.select().from(files).where(eq(files.id, pdfId));
    const old = await fileLink(server.ctx, row!, new Date(Date.now() - 301_000));
    const expired = await fetch(old.url);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ error: { code: 'link_expired', message: 'This link has expired. Open the file from the chat again.' } });
    // moving the expiry forward breaks the signature
    const e = Number(new URL(old.url).searchParams.get('e'));
    expect((await fetch(old.url.replace(`e=${e}`, `e=${e + 3600}`))).status).toBe(404);
    const fresh = (await visitorLink(v, pdfId)).body.url as string;
    expect((await fetch(fresh.replace('/original?', '/thumb?'))).status).toBe(404);
    expect((await fetch(fresh.replace(pdfId, imageId))).status).toBe(404);
    expect((await fetch(fresh.split('?')[0]!)).status).toBe(404);
    expect((await fetch(fresh)).status).toBe(200);
  });

  it('bytes gone from storage read as expired, not as a server error', async () => {
    const r = await widgetUpload(server, v, { name: 'gone.txt', bytes: Buffer.from('soon gone') }, { conversationId: convId });
    const id = r.body.message.attachments[0].id;
    const [row] = await server.ctx.db.select().from(files).where(eq(files.id, id));
    await storageFor(server.ctx.config).delete(row!.storageKey);
    const res = await fetch((await visitorLink(v, id)).body.url);
    expect(res.status).toBe(410);
  });

  it('the files report is for owners, admins and managers', async () => {
    const agent = await api(server, 'GET', `/api/sites/${site.id}/files/report`, { cookie: alice.cookie });
    expect(agent.status).toBe(403);
    expect((await api(server, 'GET', `/api/sites/${site.id}/files/report`)).status).toBe(401);
    const r = await api(server, 'GET', `/api/sites/${site.id}/files/report`, { cookie: manager.cookie });
    expect(r.status).toBe(200);
    const rows = await server.ctx.db.select().from(files).where(eq(files.siteId, site.id));
    const stored = rows.filter((f) => !f.deletedAt);
    expect(r.body).toMatchObject({ siteId: site.id, count: stored.length, bytes: stored.reduce((n, f) => n + f.size, 0), quotaBytes: 1024 * 1024 * 1024, expired: 0, infected: 0 });
    expect(r.body.byType.map((t: { type: string }) => t.type).sort()).toEqual([...new Set(stored.map((f) => f.type))].sort());
    expect(r.body.daily).toHaveLength(30);
    expect(r.body.daily.at(-1)).toEqual({ date: new Date().toISOString().slice(0, 10), count: rows.length, bytes: rows.reduce((n, f) => n + f.size, 0) });
    expect((await api(server, 'GET', `/api/sites/${otherSite.id}/files/report`, { cookie: owner.cookie })).body.count).toBe(0);
  });
});
