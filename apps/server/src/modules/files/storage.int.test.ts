import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { eq } from 'drizzle-orm';
import { files, messages } from '../../db/schema';
import { api, createVisitor, login } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { expireFiles } from './retention';
import { closedPort, docx, eicar, png, startFakeClamd, storedFiles, visitorHeaders, widgetUpload } from './testing';

const BUCKET = 'parley-files';

describe('the S3 storage driver, against a local S3-compatible server', () => {
  let s3: S3rver;
  let s3Dir: string;
  let server: TestServer;
  let client: S3Client;
  let site: Awaited<ReturnType<typeof buildSite>>;

  const objects = async () => ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();

  beforeAll(async () => {
    s3Dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'parley-s3-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    server = await startTestServer({
      env: { FILE_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' },
    });
    client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    site = await buildSite(server.ctx, { settings: { files: { maxSizeMb: 1, uploadsPerMinute: 100 } } as never });
  });
  afterAll(async () => {
    await server?.close();
    client?.destroy();
    s3?.httpServer.closeAllConnections();
    await s3?.close();
    await fs.promises.rm(s3Dir, { recursive: true, force: true });
  });

  it('stores, sniffs, processes and serves files from the bucket; nothing lands on the local disk', async () => {
    const v = await createVisitor(server, site.widgetKey);
    const doc = docx({ contentTypesLast: true });
    const d = await widgetUpload(server, v, { name: 'offer.docx', bytes: doc });
    expect(d.status).toBe(201);
    expect(d.body.message.attachments[0]).toMatchObject({ type: 'docx', size: doc.length });
    const img = await widgetUpload(server, v, { name: 'photo.png', bytes: await png(900, 300) }, { conversationId: d.body.conversation.id });
    expect(img.status).toBe(201);
    expect(img.body.message.attachments[0]).toMatchObject({ type: 'png', width: 900, height: 300 });

    const rows = await server.ctx.db.select().from(files).where(eq(files.conversationId, d.body.conversation.id));
    expect(await objects()).toEqual(rows.flatMap((f) => [f.storageKey, f.thumbKey].filter((k): k is string => Boolean(k))).sort());
    expect(storedFiles(server.ctx.config.files.localDir)).toEqual([]);

    const link = (await api(server, 'GET', `/api/widget/files/${d.body.message.attachments[0].id}/link`, { headers: visitorHeaders(v) })).body;
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="offer.docx"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(doc)).toBe(true);
    const thumb = await fetch((await api(server, 'GET', `/api/widget/files/${img.body.message.attachments[0].id}/link`, { headers: visitorHeaders(v) })).body.thumbUrl);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
  });

  it('an oversize or refused upload leaves no object behind; retention deletes the objects', async () => {
    const v = await createVisitor(server, site.widgetKey);
    const before = await objects();
    const big = await widgetUpload(server, v, { name: 'big.txt', bytes: Buffer.alloc(1024 * 1024 + 10, 'a') });
    expect(big.status).toBe(413);
    const zipNamedDocx = await widgetUpload(server, v, { name: 'x.docx', bytes: docx().subarray(0, 200) });
    expect(zipNamedDocx.status).toBe(415);
    expect(await objects()).toEqual(before);

    const ok = await widgetUpload(server, v, { name: 'keep.txt', bytes: Buffer.from('short-lived') });
    expect(ok.status).toBe(201);
    expect((await objects()).length).toBe(before.length + 1);
    await expireFiles(server.ctx, server.app.log, new Date(Date.now() + 16 * 86_400_000));
    expect(await objects()).toEqual([]);
  });
});

describe('virus scanning with clamd (INSTREAM)', () => {
  let clamd: Awaited<ReturnType<typeof startFakeClamd>>;
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;

  beforeAll(async () => {
    clamd = await startFakeClamd();
    server = await startTestServer({ env: { CLAMAV_HOST: clamd.host, CLAMAV_TIMEOUT_MS: '1000' } });
    site = await buildSite(server.ctx, { settings: { files: { uploadsPerMinute: 100 } } as never });
  });
  afterAll(async () => {
    await server?.close();
    await clamd?.close();
  });

  it('clean files are stored as scanned; an infected one becomes a blocked message without bytes', async () => {
    const v = await createVisitor(server, site.widgetKey);
    const clean = await widgetUpload(server, v, { name: 'hello.txt', bytes: Buffer.from('hello there') });
    expect(clean.status).toBe(201);
    expect(clamd.received.at(-1)!.toString()).toBe('hello there');
    const [cleanRow] = await server.ctx.db.select().from(files).where(eq(files.id, clean.body.message.attachments[0].id));
    expect(cleanRow).toMatchObject({ scan: 'clean', status: 'ready' });

    const disk = storedFiles(server.ctx.config.files.localDir).length;
    const bad = await widgetUpload(server, v, { name: 'eicar.txt', bytes: eicar() }, { conversationId: clean.body.conversation.id });
    expect(bad.status).toBe(201);
    expect(bad.body.message.attachments[0]).toMatchObject({ name: 'eicar.txt', status: 'infected' });
    const [row] = await server.ctx.db.select().from(files).where(eq(files.id, bad.body.message.attachments[0].id));
    expect(row).toMatchObject({ scan: 'infected', scanSignature: 'Eicar-Test-Signature', status: 'infected', deletedReason: 'infected' });
    expect(storedFiles(server.ctx.config.files.localDir)).toHaveLength(disk);
    const link = await api(server, 'GET', `/api/widget/files/${row!.id}/link`, { headers: visitorHeaders(v) });
    expect(link.status).toBe(403);
    expect(link.body.error).toEqual({ code: 'file_infected', message: 'File blocked: a virus was found.' });
    const agent = await login(server, await buildAgent(server.ctx, { siteIds: [site.id] }));
    expect((await api(server, 'GET', `/api/files/${row!.id}/link`, { cookie: agent.cookie })).status).toBe(403);
  });

  it('a scanner that does not answer in time refuses the upload (503) and stores nothing', async () => {
    const v = await createVisitor(server, site.widgetKey);
    clamd.state.mode = 'hang';
    try {
      const r = await widgetUpload(server, v, { name: 'wait.txt', bytes: Buffer.from('anyone?') });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('scanner_unavailable');
    } finally {
      clamd.state.mode = 'answer';
    }
    expect(await server.ctx.db.select().from(files).where(eq(files.uploaderId, v.visitorId))).toHaveLength(0);
  });

  it('an unreachable scanner refuses uploads with 503 scanner_unavailable and nothing is stored', async () => {
    const down = await startTestServer({ env: { CLAMAV_HOST: `127.0.0.1:${await closedPort()}` } });
    try {
      const s = await buildSite(down.ctx);
      const v = await createVisitor(down, s.widgetKey);
      const r = await widgetUpload(down, v, { name: 'a.png', bytes: await png() });
      expect(r.status).toBe(503);
      expect(r.body.error).toEqual({ code: 'scanner_unavailable', message: "The virus scanner isn't answering, so the file wasn't sent. Try again in a moment." });
      expect(await down.ctx.db.select().from(files)).toHaveLength(0);
      expect(await down.ctx.db.select().from(messages)).toHaveLength(0);
      expect(storedFiles(down.ctx.config.files.localDir)).toEqual([]);
    } finally {
      await down.close();
    }
  });
});
