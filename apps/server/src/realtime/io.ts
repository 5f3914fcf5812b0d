import type { Server as HttpServer } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { SocketSchemas, type HandshakeRefusal } from '@parley/protocol';
import type { Ctx } from '../context';
import { sites } from '../db/schema';
import { AppError } from '../errors';
import type { AgentActor } from '../modules/auth/actors';
import { agentFromSession, SESSION_COOKIE } from '../modules/auth/sessions';
import { registerConversationHandlers, registerVisitorHandlers } from '../modules/conversations/socket';
import { registerMessageHandlers } from '../modules/messages/socket';
import { registerPresenceHandlers } from '../modules/routing/socket';
import { registerTriggerHandlers } from '../modules/triggers/socket';
import { registerWidgetHandlers } from '../modules/widget/socket';
import { originAllowed, requestOrigin } from '../modules/sites/origins';
import { authenticateVisitor } from '../modules/visitors/service';
import { registerVisitorSdkHandlers } from '../modules/visitors/socket';
import { registerTrackingHandlers, trackVisitorPresence } from '../modules/tracking/socket';
import { registerEmailHandlers } from '../modules/email/socket';
import { deliveriesFor } from './audience';
import { guardSocket } from './guard';
import { toErrorBody } from './handler';
import { RateLimiter } from './limits';
import { rooms } from './rooms';
import type { IoServer, IoSocket } from './types';
import type { RedisPair } from './redis';

/** Agents' socket actor is re-read from the session at most this often (revocation, site changes). */
const AGENT_ACTOR_TTL_MS = 2000;

function refused(code: HandshakeRefusal['code'], message: string) {
  const err = new Error(message) as Error & { data: HandshakeRefusal };
  err.data = { code, message };
  return err;
}

/** Agents connect from the dashboard, which Parley itself serves: its host or PUBLIC_URL's. */
function dashboardOrigin(origin: string | undefined, host: string | undefined, publicUrl: string) {
  if (!origin) return true; // non-browser clients send no Origin; the session cookie still decides
  try {
    const h = new URL(origin).host;
    return h === host || h === new URL(publicUrl).host;
  } catch {
    return false;
  }
}

async function siteRoomsFor(ctx: Ctx, actor: AgentActor): Promise<string[]> {
  const ids = actor.siteIds === 'all' ? (await ctx.db.select({ id: sites.id }).from(sites).where(eq(sites.workspaceId, actor.workspaceId))).map((s) => s.id) : actor.siteIds;
  return ids.map(rooms.siteAgents);
}

export function createRealtime(ctx: Ctx, httpServer: HttpServer, log: FastifyBaseLogger, redis?: RedisPair): IoServer {
  const io: IoServer = new Server(httpServer, {
    // Cross-origin polling from host pages; who may connect is decided below, per site.
    cors: { origin: true, credentials: false },
    pingInterval: 25_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 256 * 1024,
    // No connectionStateRecovery: it replays missed events and restores old rooms before
    // the auth middleware runs, so a revoked agent or a removed site assignment would leak.
    // Clients resync by seq on every connect instead (DESIGN.md section 4).
  });
  if (redis) {
    io.adapter(createAdapter(redis.pub, redis.sub, { key: redis.prefix }));
    // While Redis was away this node's clients missed what other nodes sent. Closing their
    // connections (the transport, not a `disconnect`: both clients reconnect on their own) makes
    // each resync by seq, the one recovery path; spread at ~1 ms per socket, 1 to 10 s.
    redis.onRestored(() => {
      const sockets = [...io.of('/').sockets.values()];
      const spreadMs = Math.min(10_000, Math.max(1000, sockets.length));
      log.info({ sockets: sockets.length, spreadMs }, 'redis is back: clients reconnect to resync what they missed');
      for (const s of sockets) setTimeout(() => s.conn.close(), Math.random() * spreadMs).unref();
    });
  }

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as Record<string, unknown> | undefined;
      if (auth && typeof auth.siteKey === 'string') {
        const parsed = SocketSchemas.VisitorAuth.safeParse(auth);
        if (!parsed.success) return next(refused('unauthenticated', 'Invalid visitor credentials'));
        const found = await authenticateVisitor(ctx.db, parsed.data);
        if (!found) return next(refused('unauthenticated', 'Unknown visitor or site'));
        if (!originAllowed(requestOrigin(socket.handshake.headers), found.site.domains)) return next(refused('origin_not_allowed', "This page is not one of the site's allowed domains"));
        socket.data.actor = found.actor;
        socket.data.actorLoadedAt = Date.now();
        return next();
      }
      const token = fastifyCookie.parse(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const agent = token ? await agentFromSession(ctx.db, token) : undefined;
      if (!agent) return next(refused('unauthenticated', 'Sign in to continue'));
      if (!dashboardOrigin(socket.handshake.headers.origin, socket.handshake.headers.host, ctx.config.publicUrl)) return next(refused('origin_not_allowed', 'Cross-site agent connections are refused'));
      socket.data.actor = agent;
      socket.data.sessionToken = token;
      socket.data.actorLoadedAt = Date.now();
      next();
    } catch (err) {
      const body = toErrorBody(err, log);
      next(refused(body.code === 'unavailable' ? 'unavailable' : 'internal', body.message));
    }
  });

  const limiter = new RateLimiter(redis, log);
  io.on('connection', (socket: IoSocket) => {
    guardSocket(socket, ctx, limiter, log);
    void onConnection(ctx, socket, log).catch((err) => {
      log.error({ err }, 'socket setup failed');
      socket.disconnect(true);
    });
  });

  // Fan-out after commit: every domain event goes to the rooms deliveriesFor() names.
  ctx.bus.on((event) => {
    for (const d of deliveriesFor(event)) io.to(d.rooms).emit(d.event.type as 'message', d.event as never);
    if (event.name === 'access.revoked') {
      if (event.sessionId) io.in(rooms.session(event.sessionId)).disconnectSockets(true);
      if (event.agentId) io.in(rooms.agent(event.agentId)).disconnectSockets(true);
      if (event.siteId) io.in(rooms.siteVisitors(event.siteId)).disconnectSockets(true);
      if (event.visitorId) io.in(rooms.visitor(event.visitorId)).disconnectSockets(true);
    }
    if (event.name === 'site.created') io.in(rooms.workspaceAllSites(event.workspaceId)).socketsJoin(rooms.siteAgents(event.siteId));
    if (event.name === 'agent.sites_changed') void moveAgentRooms(ctx, io, event).catch((err) => log.error({ err }, 'room update failed'));
  });
  return io;
}

async function moveAgentRooms(ctx: Ctx, io: IoServer, e: { workspaceId: string; agentId: string; siteIds: string[] | 'all' }) {
  const all = (await ctx.db.select({ id: sites.id }).from(sites).where(eq(sites.workspaceId, e.workspaceId))).map((s) => s.id);
  const keep = e.siteIds === 'all' ? all : e.siteIds;
  const target = io.in(rooms.agent(e.agentId));
  target.socketsLeave([...all.filter((id) => !keep.includes(id)).map(rooms.siteAgents), ...(e.siteIds === 'all' ? [] : [rooms.workspaceAllSites(e.workspaceId)])]);
  target.socketsJoin([...keep.map(rooms.siteAgents), ...(e.siteIds === 'all' ? [rooms.workspaceAllSites(e.workspaceId)] : [])]);
}

async function onConnection(ctx: Ctx, socket: IoSocket, log: FastifyBaseLogger) {
  const first = socket.data.actor;
  if (first.kind === 'visitor') {
    // Before the join's await, so a page view sent at once is not missed.
    registerTrackingHandlers(socket, ctx, log, first);
    registerVisitorSdkHandlers(socket, ctx, log, first);
    await socket.join([rooms.visitor(first.visitorId), rooms.siteVisitors(first.siteId)]);
    trackVisitorPresence(socket, ctx, log, first);
    const actorOf = async () => first;
    registerVisitorHandlers(socket, ctx, log, first);
    registerWidgetHandlers(socket, ctx, log, first);
    registerTriggerHandlers(socket, ctx, log, first);
    registerEmailHandlers(socket, ctx, log, first);
    registerMessageHandlers(socket, ctx, log, actorOf);
    registerConversationHandlers(socket, ctx, log, actorOf);
    return;
  }
  const actorOf = async (): Promise<AgentActor> => {
    if (Date.now() - socket.data.actorLoadedAt > AGENT_ACTOR_TTL_MS) {
      const fresh = socket.data.sessionToken ? await agentFromSession(ctx.db, socket.data.sessionToken) : undefined;
      if (!fresh) {
        socket.disconnect(true);
        throw new AppError('unauthenticated', 'Your session has ended; sign in again');
      }
      socket.data.actor = fresh;
      socket.data.actorLoadedAt = Date.now();
    }
    return socket.data.actor as AgentActor;
  };
  // Handlers first, so nothing the client sends right after connecting is missed.
  registerMessageHandlers(socket, ctx, log, actorOf);
  registerConversationHandlers(socket, ctx, log, actorOf);
  registerPresenceHandlers(socket, ctx, log, actorOf);
  await socket.join([
    rooms.agent(first.agentId),
    rooms.session(first.sessionId),
    rooms.workspaceAgents(first.workspaceId),
    ...(first.siteIds === 'all' ? [rooms.workspaceAllSites(first.workspaceId)] : []),
    ...(await siteRoomsFor(ctx, first)),
  ]);
}
