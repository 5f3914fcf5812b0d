import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('runs with no variables at all (embedded database, port 3000, demo on)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', databaseUrl: undefined, redisUrl: undefined, demoPage: true, admin: undefined });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('fails fast with a readable message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL must start with postgres/);
    }
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.co' })).toThrow(/set together/);
  });

  it('reads the email settings, with the reply domain from PUBLIC_URL by default', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Chat.Example.com' }).email).toEqual({
      smtpUrl: undefined,
      from: 'Parley <parley@chat.example.com>',
      inboundPort: undefined,
      inboundHost: '0.0.0.0',
      replyDomain: 'chat.example.com',
    });
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.com:587', SMTP_FROM: 'Support <help@example.com>', SMTP_INBOUND_PORT: '2525', EMAIL_REPLY_DOMAIN: 'in.example.com' });
    expect(c.email).toMatchObject({ smtpUrl: 'smtp://u:p@mail.example.com:587', from: 'Support <help@example.com>', inboundPort: 2525, replyDomain: 'in.example.com' });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must start with smtp/);
    expect(() => loadConfig({ EMAIL_REPLY_DOMAIN: 'reply@example.com' })).toThrow(/EMAIL_REPLY_DOMAIN/);
  });

  it('reads the files settings: local under DATA_DIR by default, S3 with a bucket, ClamAV host:port', () => {
    const c = loadConfig({ DATA_DIR: '/srv/parley' });
    expect(c.files).toEqual({ storage: 'local', localDir: '/srv/parley/files', urlTtlSeconds: 300, s3: undefined, clamav: undefined });
    const s3 = loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'parley-files', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', FILE_URL_TTL_SECONDS: '60', CLAMAV_HOST: 'clamd', CLAMAV_TIMEOUT_MS: '5000' });
    expect(s3.files).toMatchObject({
      storage: 's3',
      urlTtlSeconds: 60,
      s3: { endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'parley-files', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true },
      clamav: { host: 'clamd', port: 3310, timeoutMs: 5000 },
    });
    expect(loadConfig({ CLAMAV_HOST: '10.0.0.5:3311' }).files.clamav).toEqual({ host: '10.0.0.5', port: 3311, timeoutMs: 30_000 });
    expect(() => loadConfig({ FILE_STORAGE: 's3' })).toThrow(/FILE_STORAGE=s3 needs S3_BUCKET/);
    expect(() => loadConfig({ FILE_STORAGE: 'disk' })).toThrow(/FILE_STORAGE/);
    expect(() => loadConfig({ S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET must be a valid bucket name/);
    expect(() => loadConfig({ CLAMAV_HOST: 'tcp://clamd' })).toThrow(/CLAMAV_HOST must be host or host:port/);
    expect(() => loadConfig({ FILE_URL_TTL_SECONDS: '5' })).toThrow(/FILE_URL_TTL_SECONDS/);
  });

  it('refuses several nodes (REDIS_URL) keeping files on local disk unless the disk is shared', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/FILE_STORAGE=local keeps files on this node's disk/);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', FILE_STORAGE_SHARED: 'true' }).files.storage).toBe('local');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', FILE_STORAGE: 's3', S3_BUCKET: 'parley-files' }).files.storage).toBe('s3');
  });

  it('derives secure cookies from an https PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' })).toMatchObject({ cookieSecure: true, publicUrl: 'https://chat.example.com' });
    expect(loadConfig({ DEMO_PAGE: 'false' }).demoPage).toBe(false);
  });
});
