import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, StoredFileMissing, type StorageDriver } from './types';

/**
 * Files on the local disk under `DATA_DIR/files` (outside anything served statically), owner
 * read/write only. A file is written under a temporary name and renamed when complete, so a
 * reader never sees half a file and an aborted upload leaves no file under its key.
 */
export class LocalStorage implements StorageDriver {
  readonly name = 'local' as const;

  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, stream: Readable): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      await pipeline(stream, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      await fs.promises.rename(tmp, target);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.pathOf(key), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissing(key);
      throw err;
    }
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
