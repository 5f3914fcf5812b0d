import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Parley reads; documented in `.env.example`. */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must have at least 8 characters').optional(),
  ADMIN_NAME: z.string().min(1).default('Admin'),
  DEMO_PAGE: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  VISITOR_EVENTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  CONVERSATION_STARTS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: bool.default(false),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'VAPID_SUBJECT must be a mailto: or https:// URL').optional(),
  PUSH_ALLOWED_HOSTS: z.string().optional(),
  GEOIP_DB_PATH: z.string().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  SMTP_FROM: z.string().trim().min(3).optional(),
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_INBOUND_HOST: z.string().default('0.0.0.0'),
  EMAIL_REPLY_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i, 'EMAIL_REPLY_DOMAIN must be a host name such as chat.example.com').optional(),
  FILE_STORAGE: z.enum(['local', 's3']).default('local'),
  FILE_STORAGE_SHARED: bool.default(false),
  FILE_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET must be a valid bucket name (3-63 lower-case letters, digits, dots, dashes)').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  CLAMAV_HOST: z.string().regex(/^[^:\s]+(:\d{1,5})?$/, 'CLAMAV_HOST must be host or host:port (clamd, default port 3310)').optional(),
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

/** Push services browsers subscribe with; a subscription to any other host is refused (SSRF). */
const KNOWN_PUSH_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', '*.notify.windows.com', '*.push.apple.com'];

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  admin: { email: string; password: string; name: string } | undefined;
  demoPage: boolean;
  logLevel: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  loginRateLimit: number;
  /** Socket and login flood limits (token buckets; shared through Redis when REDIS_URL is set). */
  limits: {
    /** Login attempts per IP address per 15 minutes, whatever the email. */
    loginPerIp: number;
    /** Chat messages one visitor may send per minute (the bucket holds a minute's worth as a burst). */
    visitorMessagesPerMinute: number;
    /** Other widget socket events per visitor per minute: page views, SDK calls, receipts, typing. */
    visitorEventsPerMinute: number;
    /** New widget conversations started from one IP address per minute. */
    conversationStartsPerMinute: number;
  };
  trustProxy: boolean;
  /** Routing/presence sweeps (auto-away, offline requeue, unanswered alerts); 0 = off. */
  sweepIntervalMs: number;
  /** `sub` of Web Push VAPID JWTs. */
  vapidSubject: string;
  /** Host names (or `*.suffix`) push endpoints may point at. */
  pushAllowedHosts: string[];
  /** A MaxMind-format (.mmdb) city database for visitors' country/city; unset = no geo. */
  geoipDbPath: string | undefined;
  email: {
    /** Outgoing SMTP server; unset = mails are logged and dropped. */
    smtpUrl: string | undefined;
    /** Sender of every mail (`Name <address>` or an address). */
    from: string;
    /** Inbound SMTP server for email replies; unset = none (0 = a random port, tests). */
    inboundPort: number | undefined;
    inboundHost: string;
    /** Host part of reply addresses `reply+<conversation>.<signature>@<domain>`. */
    replyDomain: string;
  };
  files: {
    /** Where file bytes live: `DATA_DIR/files` (one node, or a shared volume) or an S3-compatible bucket. */
    storage: 'local' | 's3';
    localDir: string;
    /** Lifetime of signed download links. */
    urlTtlSeconds: number;
    s3: { endpoint: string | undefined; region: string; bucket: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean } | undefined;
    /** clamd to scan uploads with (INSTREAM); unset = no scanning. */
    clamav: { host: string; port: number; timeoutMs: number } | undefined;
  };
}

export class ConfigError extends Error {}

/** Parses the environment once; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together.');
  }
  if (e.FILE_STORAGE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError('Invalid configuration:\n  FILE_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT for a non-AWS service, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY).');
  }
  // Several nodes (REDIS_URL) each writing to their own disk would lose files behind the load
  // balancer: refuse, unless the operator says DATA_DIR/files is one volume shared by all nodes.
  if (e.REDIS_URL && e.FILE_STORAGE === 'local' && !e.FILE_STORAGE_SHARED) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL means several nodes, but FILE_STORAGE=local keeps files on this node\'s disk.\n' +
        '  Set FILE_STORAGE=s3 (with S3_BUCKET, ...) or, if DATA_DIR/files is a volume every node mounts, FILE_STORAGE_SHARED=true.',
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const replyDomain = (e.EMAIL_REPLY_DOMAIN ?? new URL(publicUrl).hostname).toLowerCase();
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME } : undefined,
    demoPage: e.DEMO_PAGE,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https:') : e.COOKIE_SECURE === 'true',
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    limits: {
      loginPerIp: e.LOGIN_RATE_LIMIT_PER_IP,
      visitorMessagesPerMinute: e.VISITOR_MESSAGES_PER_MINUTE,
      visitorEventsPerMinute: e.VISITOR_EVENTS_PER_MINUTE,
      conversationStartsPerMinute: e.CONVERSATION_STARTS_PER_MINUTE,
    },
    trustProxy: e.TRUST_PROXY,
    sweepIntervalMs: e.SWEEP_INTERVAL_SECONDS * 1000,
    vapidSubject: e.VAPID_SUBJECT ?? (publicUrl.startsWith('https:') ? publicUrl : 'mailto:parley@localhost'),
    pushAllowedHosts: [...KNOWN_PUSH_HOSTS, ...(e.PUSH_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)],
    geoipDbPath: e.GEOIP_DB_PATH ? path.resolve(e.GEOIP_DB_PATH) : undefined,
    email: {
      smtpUrl: e.SMTP_URL,
      from: e.SMTP_FROM ?? `Parley <parley@${replyDomain}>`,
      inboundPort: e.SMTP_INBOUND_PORT,
      inboundHost: e.SMTP_INBOUND_HOST,
      replyDomain,
    },
    files: {
      storage: e.FILE_STORAGE,
      localDir: path.join(path.resolve(e.DATA_DIR), 'files'),
      urlTtlSeconds: e.FILE_URL_TTL_SECONDS,
      s3:
        e.FILE_STORAGE === 's3'
          ? { endpoint: e.S3_ENDPOINT, region: e.S3_REGION, bucket: e.S3_BUCKET!, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, forcePathStyle: e.S3_FORCE_PATH_STYLE }
          : undefined,
      clamav: e.CLAMAV_HOST ? { host: e.CLAMAV_HOST.split(':')[0]!, port: Number(e.CLAMAV_HOST.split(':')[1] ?? 3310), timeoutMs: e.CLAMAV_TIMEOUT_MS } : undefined,
    },
  };
}
