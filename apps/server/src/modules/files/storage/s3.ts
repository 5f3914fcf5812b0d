import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Config } from '../../../config';
import { checkKey, StoredFileMissing, type StorageDriver } from './types';

type S3Config = NonNullable<Config['files']['s3']>;

/**
 * An S3-compatible bucket (AWS, MinIO, R2, …) for several nodes. Uploads use lib-storage's
 * multipart Upload, which holds one 5 MB part at a time (`queueSize: 1`) rather than the file.
 */
export class S3Storage implements StorageDriver {
  readonly name = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(c: S3Config) {
    this.bucket = c.bucket;
    this.client = new S3Client({
      region: c.region,
      endpoint: c.endpoint,
      forcePathStyle: c.forcePathStyle,
      ...(c.accessKeyId && c.secretAccessKey ? { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } } : {}),
    });
  }

  async put(key: string, stream: Readable, opts: { contentType: string }): Promise<void> {
    const upload = new Upload({ client: this.client, queueSize: 1, leavePartsOnError: false, params: { Bucket: this.bucket, Key: checkKey(key), Body: stream, ContentType: opts.contentType } });
    // A failing source stream must abort the upload, not leave it waiting for more bytes.
    const abort = () => void upload.abort().catch(() => {});
    stream.once('error', abort);
    try {
      await upload.done();
    } finally {
      stream.off('error', abort);
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return r.Body as Readable;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') throw new StoredFileMissing(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }
}
