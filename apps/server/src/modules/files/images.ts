import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { FileTypeKey } from '@parley/protocol';
import { AppError } from '../../errors';
import type { StorageDriver } from './storage';

/** About 50 megapixels: a decoded image of that size is already ~200 MB of memory. */
export const MAX_INPUT_PIXELS = 50_000_000;
export const THUMB_SIZE = 480;

export const invalidImage = () => new AppError('invalid_image', "This image can't be opened: it may be damaged, or too large (over 50 megapixels).");

export interface ProcessedImage {
  /** The re-encoded original (JPEG/PNG/WebP), or the upload itself for GIFs. */
  key: string;
  size: number;
  thumbKey: string;
  width: number;
  height: number;
}

const OPTIONS = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' } as const;

// Each image is read once from a temporary file: libvips' operation cache would only hold memory.
sharp.cache(false);

/**
 * Images are re-encoded after storing: EXIF orientation applied (`rotate()`), all metadata
 * dropped (GPS position, camera serials — sharp writes none unless asked), plus a WebP
 * thumbnail fitting 480×480. GIFs keep their bytes (animation) and only get a thumbnail of
 * their first frame. libvips reads from a file (S3 objects are copied to a temporary one), so
 * the upload is never held in memory whole. Undecodable bytes → 415 invalid_image.
 */
export async function processImage(storage: StorageDriver, key: string, type: FileTypeKey, mime: string, newKey: () => string): Promise<ProcessedImage> {
  const tmp = path.join(os.tmpdir(), `parley-img-${randomBytes(8).toString('hex')}`);
  const written: string[] = [];
  try {
    await pipeline(await storage.get(key), fs.createWriteStream(tmp, { mode: 0o600 }));
    let meta: sharp.Metadata;
    try {
      meta = await sharp(tmp, OPTIONS).metadata();
    } catch {
      throw invalidImage();
    }
    const upright = meta.autoOrient ?? { width: meta.width, height: meta.pageHeight ?? meta.height };
    if (!upright.width || !upright.height || upright.width * upright.height > MAX_INPUT_PIXELS) throw invalidImage();

    let original = { key, size: (await fs.promises.stat(tmp)).size };
    if (type !== 'gif') {
      const out = newKey();
      const pipelineOut = sharp(tmp, OPTIONS).rotate();
      const encoded = type === 'png' ? pipelineOut.png() : type === 'webp' ? pipelineOut.webp({ quality: 90 }) : pipelineOut.jpeg({ quality: 90, mozjpeg: true });
      const counted = countBytes(encoded);
      written.push(out);
      await storage.put(out, counted.stream, { contentType: mime }).catch(reencodeFailed);
      original = { key: out, size: counted.bytes() };
    }
    const thumb = await sharp(tmp, { ...OPTIONS, pages: 1 })
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
      .catch(reencodeFailed);
    const thumbKey = `${original.key}.thumb.webp`;
    written.push(thumbKey);
    await storage.put(thumbKey, Readable.from([thumb]), { contentType: 'image/webp' });
    return { key: original.key, size: original.size, thumbKey, width: upright.width, height: upright.height };
  } catch (err) {
    await Promise.all(written.map((k) => storage.delete(k).catch(() => {})));
    throw err;
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

function reencodeFailed(err: unknown): never {
  if (err instanceof AppError) throw err;
  // libvips errors (truncated data, unsupported variants) are the image's fault.
  if (err instanceof Error && /vips|corrupt|premature|Input (file|buffer)|unsupported/i.test(err.message)) throw invalidImage();
  throw err;
}

/** The stream's bytes, counted as they pass (errors of the source reach the reader). */
function countBytes(source: Readable) {
  let n = 0;
  const stream = Readable.from(
    (async function* () {
      for await (const c of source as AsyncIterable<Buffer>) {
        n += c.length;
        yield c;
      }
    })(),
  );
  return { stream, bytes: () => n };
}
