import http from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { files, messages } from '../../db/schema';
import { createVisitor, eventually, sleep, type TestVisitor } from '../../test/clients';
import { buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { clientId, storedFiles, visitorHeaders, widgetUpload } from './testing';

const MB = 1024 * 1024;

/** The head of a multipart body whose last part is the file, for hand-made streaming uploads. */
function multipartHead(boundary: string, name: string) {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${clientId()}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
  );
}

describe('file limits: size cut-off while streaming, rate, quota', () => {
  let server: TestServer;
  let small: Awaited<ReturnType<typeof buildSite>>;
  const filesDir = () => server.ctx.config.files.localDir;

  beforeAll(async () => {
    server = await startTestServer();
    small = await buildSite(server.ctx, { settings: { files: { maxSizeMb: 1, uploadsPerMinute: 100 } } as never });
  });
  afterAll(async () => {
    await server.close();
  });

  async function nothingFrom(v: TestVisitor) {
    expect(await server.ctx.db.select().from(files).where(eq(files.uploaderId, v.visitorId))).toHaveLength(0);
    expect(await server.ctx.db.select().from(messages).where(eq(messages.senderId, v.visitorId))).toHaveLength(0);
  }

  it('a file of exactly the limit is stored whole; one byte more is refused', async () => {
    const v = await createVisitor(server, small.widgetKey);
    const exact = await widgetUpload(server, v, { name: 'exact.txt', bytes: Buffer.alloc(MB, 'e') });
    expect(exact.status).toBe(201);
    expect(exact.body.message.attachments[0].size).toBe(MB);
    const over = await widgetUpload(server, v, { name: 'over.txt', bytes: Buffer.alloc(MB + 1, 'o') });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('file_too_large');
    // the connection was kept usable (the announced body was read and dropped)
    expect(over.headers.get('connection')).not.toBe('close');
  });

  it('an oversize upload without Content-Length is cut off at the limit, not read to its end', async () => {
    const v = await createVisitor(server, small.widgetKey);
    const before = storedFiles(filesDir()).length;
    const boundary = 'parleyboundary7d1';
    const total = 256 * MB; // far more than the server may read
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let headSent = false;
    // What the server itself read off the upload's socket, to tell it apart from the kernel's buffers.
    const reads: { socket: Socket; before: number }[] = [];
    const onRequest = (req: http.IncomingMessage) => reads.push({ socket: req.socket, before: req.socket.bytesRead });
    server.app.server.on('request', onRequest);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!headSent) {
          headSent = true;
          controller.enqueue(multipartHead(boundary, 'big.txt'));
          return;
        }
        if (sent >= total) return controller.close();
        sent += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const res = await fetch(`${server.url}/api/widget/files`, {
      method: 'POST',
      headers: { ...visitorHeaders(v), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.headers.get('content-length')).not.toBeNull();
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'file_too_large', message: 'Files can be up to 1 MB.' } });
    expect(res.headers.get('connection')).toBe('close');
    // The server stopped reading at the limit (plus a bounded linger after answering); the client
    // was stopped long before the end (what it pushed is that plus the sockets' buffers).
    await sleep(100);
    server.app.server.off('request', onRequest);
    expect(reads).toHaveLength(1);
    const read = reads[0]!.socket.bytesRead - reads[0]!.before;
    expect(read).toBeGreaterThan(1 * MB);
    expect(read).toBeLessThan(7 * MB);
    expect(sent).toBeLessThan(32 * MB);
    await eventually(() => storedFiles(filesDir()).length === before, 'partial bytes deleted');
    await nothingFrom(v);
  });

  it('a declared Content-Length over the limit is refused before the body is read', async () => {
    const v = await createVisitor(server, small.widgetKey);
    const boundary = 'parleyboundary7d2';
    // Only the multipart head is ever sent: the answer must come without the (announced) 50 MB.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/api/widget/files`, {
        method: 'POST',
        headers: { ...visitorHeaders(v), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(50 * MB) },
      });
      const timer = setTimeout(() => reject(new Error('no answer without the body')), 5000);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode!, body: text });
        });
      });
      req.on('error', reject);
      req.write(multipartHead(boundary, 'big.txt'));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toEqual({ code: 'file_too_large', message: 'Files can be up to 1 MB.' });
    await nothingFrom(v);
  });

  it('an upload aborted halfway leaves no message, no row and no bytes', async () => {
    const v = await createVisitor(server, small.widgetKey);
    const before = storedFiles(filesDir()).length;
    const boundary = 'parleyboundary7d3';
    await new Promise<void>((resolve) => {
      const req = http.request(`${server.url}/api/widget/files`, { method: 'POST', headers: { ...visitorHeaders(v), 'content-type': `multipart/form-data; boundary=${boundary}` } });
      req.on('error', () => resolve());
      req.write(multipartHead(boundary, 'half.txt'));
      req.write(Buffer.alloc(300 * 1024, 'c'), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    await sleep(200);
    await eventually(() => storedFiles(filesDir()).length === before, 'no partial file left');
    await nothingFrom(v);
  });

  it('the 6th upload of a visitor within a minute is refused with Retry-After', async () => {
    const site = await buildSite(server.ctx);
    const v = await createVisitor(server, site.widgetKey);
    for (let i = 0; i < 5; i++) expect((await widgetUpload(server, v, { name: `n${i}.txt`, bytes: Buffer.from(`note ${i}`) })).status).toBe(201);
    const sixth = await widgetUpload(server, v, { name: 'n6.txt', bytes: Buffer.from('one too many') });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({ code: 'rate_limited', message: 'You can send 5 files a minute. Try again in a moment.' });
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await server.ctx.db.select().from(files).where(eq(files.uploaderId, v.visitorId))).toHaveLength(5);
    // another visitor of the same site is not affected
    const other = await createVisitor(server, site.widgetKey);
    expect((await widgetUpload(server, other, { name: 'ok.txt', bytes: Buffer.from('fine') })).status).toBe(201);
  });

  it("past the site's quota an upload is refused (413 quota_exceeded) and stores nothing", async () => {
    const site = await buildSite(server.ctx, { settings: { files: { quotaMb: 1 } } as never });
    const v = await createVisitor(server, site.widgetKey);
    const first = await widgetUpload(server, v, { name: 'a.txt', bytes: Buffer.alloc(700 * 1024, 'x') });
    expect(first.status).toBe(201);
    const before = storedFiles(filesDir()).length;
    const second = await widgetUpload(server, v, { name: 'b.txt', bytes: Buffer.alloc(400 * 1024, 'y') });
    expect(second.status).toBe(413);
    expect(second.body.error).toEqual({ code: 'quota_exceeded', message: "This website's file storage is full." });
    // small enough to pass the early check on Content-Length: refused in the transaction
    const third = await widgetUpload(server, v, { name: 'c.txt', bytes: Buffer.alloc(324 * 1024 + 1, 'z') });
    expect(third.status).toBe(413);
    expect(third.body.error.code).toBe('quota_exceeded');
    expect(storedFiles(filesDir()).length).toBe(before);
    expect(await server.ctx.db.select().from(files).where(eq(files.uploaderId, v.visitorId))).toHaveLength(1);
    const fits = await widgetUpload(server, v, { name: 'd.txt', bytes: Buffer.alloc(200 * 1024, 'w') });
    expect(fits.status).toBe(201);
  });
});
