import type { Config } from '../../../config';
import { LocalStorage } from './local';
import { S3Storage } from './s3';
import type { StorageDriver } from './types';

export { StoredFileMissing, type StorageDriver } from './types';

const drivers = new WeakMap<Config, StorageDriver>();

/** The configured driver, one per app (config object). */
export function storageFor(config: Config): StorageDriver {
  let d = drivers.get(config);
  if (!d) {
    d = config.files.storage === 's3' ? new S3Storage(config.files.s3!) : new LocalStorage(config.files.localDir);
    drivers.set(config, d);
  }
  return d;
}
