import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { TestVisitor, Session } from '../../test/clients';

/** Test fixtures and clients for file uploads (real HTTP, multipart built by fetch's FormData). */

export const VISITOR_ORIGIN = 'http://127.0.0.1:5555';
let n = 0;
export const clientId = () => `file-${Date.now().toString(36)}-${++n}`;

export interface UploadResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

export interface TestFile {
  name: string;
  bytes: Buffer | Uint8Array;
  /** What the browser claims; never trusted. */
  type?: string;
}

function form(fields: Record<string, string>, file: TestFile | undefined) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return f;
}

async function send(url: string, headers: Record<string, string>, body: FormData): Promise<UploadResult> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: json, headers: res.headers };
}

export const visitorHeaders = (v: TestVisitor, origin = VISITOR_ORIGIN) => ({ origin, 'x-parley-site': v.siteKey, 'x-parley-visitor': v.visitorId, authorization: `Bearer ${v.token}` });

/** `POST /api/widget/files` as the widget sends it; `fields` default to a fresh clientId. */
export function widgetUpload(server: { url: string }, v: TestVisitor, file: TestFile | undefined, fields: Record<string, string> = {}) {
  return send(`${server.url}/api/widget/files`, visitorHeaders(v), form({ clientId: clientId(), ...fields }, file));
}

/** `POST /api/conversations/:id/files` with an agent session (or `bearer` API token). */
export function agentUpload(server: { url: string }, auth: Session | { bearer: string }, conversationId: string, file: TestFile | undefined, fields: Record<string, string> = {}) {
  const headers: Record<string, string> = 'bearer' in auth ? { authorization: `Bearer ${auth.bearer}` } : { cookie: auth.cookie, 'x-csrf-token': auth.csrf };
  return send(`${server.url}/api/conversations/${conversationId}/files`, headers, form({ clientId: clientId(), ...fields }, file));
}

/** Every regular file under `dir` (temporary `.part` files included). */
export function storedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

export const png = (width = 64, height = 32) => sharp({ create: { width, height, channels: 3, background: '#3366cc' } }).png().toBuffer();

/** A JPEG whose pixels are stored sideways (EXIF Orientation 6) with a GPS position and camera make. */
export const jpegWithExif = (width = 60, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: '#cc3333' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'ParleyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4000/100' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** True when an EXIF block holds a GPS IFD pointer (tag 0x8825), in either byte order. */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x25, 0x88, 0x04, 0x00])) || exif.includes(Buffer.from([0x88, 0x25, 0x00, 0x04]));
}

/** A minimal Windows PE executable: "MZ", e_lfanew, "PE\0\0" and a COFF header. */
export function windowsExe(): Buffer {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84); // i386
  return b;
}

/** A ZIP (deflated entries) built by hand, enough for file-type to read. */
export function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const nameBytes = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(packed.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    locals.push(h, nameBytes, packed);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nameBytes.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

/**
 * A DOCX. `contentTypesLast` puts `[Content_Types].xml` after 200 KB of other entries, past
 * what the server sniffs before storing, so only reading the archive tells it from a plain ZIP.
 */
export function docx(opts: { contentTypesLast?: boolean } = {}): Buffer {
  const doc: [string, string] = ['word/document.xml', `<w:document>${'Lorem ipsum dolor sit amet. '.repeat(400)}${Math.random()}</w:document>`];
  // Incompressible filler (200 KB), so what follows it lies beyond the first chunks the server sniffs.
  const filler: [string, Buffer] = ['word/media/noise.bin', randomBytes(200 * 1024)];
  const ct: [string, string] = ['[Content_Types].xml', CONTENT_TYPES('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')];
  return zip(opts.contentTypesLast ? [filler, doc, ct] : [ct, doc, filler]);
}

/** The EICAR anti-virus test string, assembled at run time so the source itself is not flagged. */
export const eicar = () => Buffer.from(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'].join(''));

/**
 * A tiny clamd speaking INSTREAM: collects the length-prefixed chunks and answers FOUND when
 * they hold the EICAR string. `mode = 'hang'` accepts and never answers (timeouts).
 */
export async function startFakeClamd() {
  const received: Buffer[] = [];
  const state = { mode: 'answer' as 'answer' | 'hang', scans: 0 };
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    let started = false;
    const data: Buffer[] = [];
    socket.on('error', () => {});
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!started) {
        const cmd = Buffer.from('zINSTREAM\0');
        if (buf.length < cmd.length) return;
        if (!buf.subarray(0, cmd.length).equals(cmd)) return void socket.end('UNKNOWN COMMAND\0');
        started = true;
        buf = buf.subarray(cmd.length);
      }
      while (buf.length >= 4) {
        const len = buf.readUInt32BE(0);
        if (len === 0) {
          const all = Buffer.concat(data);
          received.push(all);
          state.scans++;
          if (state.mode === 'hang') return;
          socket.end(all.includes(Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buf.length < 4 + len) return;
        data.push(buf.subarray(4, 4 + len));
        buf = buf.subarray(4 + len);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
