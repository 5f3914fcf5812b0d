import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Config } from './config';
import type { Ctx } from './context';
import { openDatabase, type Database } from './db/client';
import { AppError, errorBody } from './errors';
import { EventBus } from './events/bus';
import { cspDirectives } from './http/csp';
import { staticRoutes } from './http/static';
import { agentRoutes } from './modules/agents/routes';
import { authRoutes } from './modules/auth/routes';
import { chatApiRoutes } from './modules/conversations/api-routes';
import { conversationRoutes } from './modules/conversations/routes';
import { bootstrap } from './modules/setup/service';
import { setupRoutes } from './modules/setup/routes';
import { siteRoutes } from './modules/sites/routes';
import { tokenRoutes } from './modules/tokens/routes';
import { widgetRoutes } from './modules/widget/routes';
import { cannedRoutes } from './modules/canned/routes';
import { searchRoutes } from './modules/search/routes';
import { viewRoutes } from './modules/views/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { startNotifications } from './modules/notifications/listener';
import { startAvailabilityPush } from './modules/widget/availability';
import { pushRoutes } from './modules/push/routes';
import { RoutingScheduler } from './modules/routing/listener';
import { startSweeper, sweep, type SweepResult } from './modules/routing/sweeper';
import { departmentRoutes } from './modules/departments/routes';
import { workspaceRoutes } from './modules/workspace/routes';
import { collabRoutes } from './modules/collab/routes';
import { visitorRoutes } from './modules/visitors/routes';
import { triggerRoutes } from './modules/triggers/routes';
import { openGeoIp } from './modules/tracking/geoip';
import { startEmail } from './modules/email/start';
import { offlineRoutes } from './modules/offline/routes';
import { filesRoutes } from './modules/files/routes';
import { startFiles } from './modules/files/retention';
import { JobQueue } from './jobs/queue';
import { isDatabaseDown } from './realtime/handler';
import { createRealtime } from './realtime/io';
import { connectRedis, type RedisPair } from './realtime/redis';
import type { IoServer } from './realtime/types';

export interface AppDeps {
  config: Config;
  /** Tests pass their own (fresh) database; otherwise it is opened from config. */
  database?: Database;
  /** Socket.IO adapter channel prefix (tests isolate runs sharing one Redis). */
  redisPrefix?: string;
  logger?: FastifyServerOptions['logger'];
}

export interface ParleyApp {
  app: FastifyInstance;
  ctx: Ctx;
  io: IoServer;
  database: Database;
  routing: RoutingScheduler;
  /** Port of the inbound SMTP server for email replies (SMTP_INBOUND_PORT), when it runs. */
  smtpInboundPort: number | undefined;
  /** Every HTTP route as registered, HEAD included (tests check each is fuzzed and in the authorization matrix). */
  routes: { method: string; url: string }[];
  /** One presence/auto-away/unanswered sweep now (tests pass their own clock). */
  sweep(opts?: { now?: Date }): Promise<SweepResult>;
  close(): Promise<void>;
}

/** Builds the whole server (HTTP + realtime) without listening; main.ts and tests listen. */
export async function buildApp(deps: AppDeps): Promise<ParleyApp> {
  const { config } = deps;
  const database = deps.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`, poolSize: config.databasePoolSize }));
  await bootstrap(database.db, config);

  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // The router's own refusals (a malformed %-escape, a path param over maxParamLength) in our error shape.
    frameworkErrors: (err, _req, reply) => void (reply as unknown as FastifyReply).code(err.statusCode === 414 ? 414 : 400).send({ error: { code: 'bad_request', message: 'Malformed or too long URL' } }),
  });
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  const ctx: Ctx = { db: database.db, bus: new EventBus(), config, geo: await openGeoIp(config.geoipDbPath, app.log), jobs: new JobQueue(database, app.log) };
  const redis: RedisPair | undefined = config.redisUrl ? connectRedis(config.redisUrl, app.log, deps.redisPrefix) : undefined;

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(errorBody(err));
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode === 429) return reply.code(429).send({ error: { code: 'rate_limited', message: 'Too many attempts; wait a few minutes and try again' } });
    if (e.statusCode === 413) return reply.code(413).send({ error: { code: 'payload_too_large', message: 'Request body is too large' } });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: { code: 'bad_request', message: e.message || 'Bad request' } });
    }
    if (isDatabaseDown(err)) {
      req.log.warn({ err: e.message }, 'database unavailable');
      return reply.code(503).send({ error: { code: 'unavailable', message: 'The database is unavailable; try again shortly' } });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong' } });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // The dashboard's policy (http/csp.ts); widget pages and /demo answer with their own.
    // upgrade-insecure-requests only over https: on a plain-http install it would send the
    // dashboard's own scripts to an https port nobody listens on.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...cspDirectives(() => config.publicUrl, 'app'), ...(config.publicUrl.startsWith('https:') ? { 'upgrade-insecure-requests': [] } : {}) },
    },
  });
  // preHandler: the login limit is keyed by the email in the parsed body.
  // With Redis away the limits are not enforced (skipOnError) rather than every limited route failing or hanging.
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler', ...(redis ? { redis: redis.limiter, nameSpace: `${redis.prefix}:rl:`, skipOnError: true } : {}) });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, string> = {};
    try {
      await database.ping();
      checks.database = 'ok';
    } catch {
      checks.database = 'down';
    }
    if (redis) checks.redis = redis.pub.status === 'ready' ? 'ok' : 'down';
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', checks });
  });

  setupRoutes(app, ctx);
  authRoutes(app, ctx);
  agentRoutes(app, ctx);
  siteRoutes(app, ctx);
  tokenRoutes(app, ctx);
  conversationRoutes(app, ctx);
  chatApiRoutes(app, ctx);
  widgetRoutes(app, ctx);
  cannedRoutes(app, ctx);
  searchRoutes(app, ctx);
  viewRoutes(app, ctx);
  notificationRoutes(app, ctx);
  pushRoutes(app, ctx);
  departmentRoutes(app, ctx);
  workspaceRoutes(app, ctx);
  collabRoutes(app, ctx);
  visitorRoutes(app, ctx);
  triggerRoutes(app, ctx);
  offlineRoutes(app, ctx);
  await filesRoutes(app, ctx);
  await staticRoutes(app, ctx);

  // Workers register before the queue starts polling.
  const email = await startEmail(ctx, app.log);
  startFiles(ctx, app.log);
  await ctx.jobs.start();

  const io = createRealtime(ctx, app.server, app.log, redis);
  const stopNotifications = startNotifications(ctx, app.log);
  const stopAvailability = startAvailabilityPush(ctx, app.log);
  const routing = new RoutingScheduler(ctx, app.log);
  ctx.bus.on(routing.onEvent);
  const connectedAgents = () => [...new Set([...io.of('/').sockets.values()].flatMap((s) => (s.data.actor?.kind === 'agent' ? [s.data.actor.agentId] : [])))];
  const connectedVisitors = () => [...new Set([...io.of('/').sockets.values()].flatMap((s) => (s.data.actor?.kind === 'visitor' ? [s.data.actor.visitorId] : [])))];
  const stopSweeper = startSweeper(ctx, routing, connectedAgents, app.log, connectedVisitors);

  let closed = false;
  return {
    app,
    ctx,
    io,
    database,
    routing,
    smtpInboundPort: email.inboundPort,
    routes,
    sweep: (opts = {}) => sweep(ctx, routing, { ...opts, connectedAgentIds: connectedAgents(), connectedVisitorIds: connectedVisitors() }),
    async close() {
      if (closed) return;
      closed = true;
      await stopSweeper();
      await routing.idle();
      await stopNotifications();
      await stopAvailability();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close();
      await email.close();
      await ctx.jobs.stop();
      await redis?.close();
      await database.close();
    },
  };
}
