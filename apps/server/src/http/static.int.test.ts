import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/server';
import { WIDGET_DIST } from './static';

/** Raw GET (no automatic decompression): status, headers and the bytes as sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('the widget is sent compressed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('the loader: brotli, else gzip, else as is — always the same script', async () => {
    const raw = fs.readFileSync(path.join(WIDGET_DIST, 'widget.js'));
    const br = await get(`${server.url}/widget.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(raw)).toBe(true);
    const gz = await get(`${server.url}/widget.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(raw)).toBe(true);
    const plain = await get(`${server.url}/widget.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
  });

  it('the lazy app: a pre-compressed copy, much smaller than the file', async () => {
    const raw = fs.readFileSync(path.join(WIDGET_DIST, 'widget/app.js'));
    const res = await get(`${server.url}/widget/app.js`, { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body.length).toBeLessThan(raw.length / 2);
    expect(zlib.brotliDecompressSync(res.body).equals(raw)).toBe(true);
  });
});
