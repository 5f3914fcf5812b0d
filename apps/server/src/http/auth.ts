import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import type { AgentActor, ApiActor } from '../modules/auth/actors';
import { actorFromApiToken, agentFromSession, SESSION_COOKIE } from '../modules/auth/sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who is calling: an API token (`Authorization: Bearer`) or an agent session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`.
 */
export async function authenticate(ctx: Ctx, req: FastifyRequest, allow: { api: boolean }): Promise<AgentActor | ApiActor> {
  const header = req.headers.authorization;
  // Only the Bearer scheme means an API token (a proxy's Basic auth must not get in the way).
  if (header && /^Bearer\s/i.test(header)) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m || !allow.api) throw new AppError('unauthenticated', allow.api ? 'Malformed Authorization header' : 'API tokens cannot be used here; sign in');
    const actor = await actorFromApiToken(ctx.db, m[1]!);
    if (!actor) throw new AppError('unauthenticated', 'Invalid or revoked API token');
    return actor;
  }
  const token = req.cookies[SESSION_COOKIE];
  const actor = token ? await agentFromSession(ctx.db, token) : undefined;
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
  if (!SAFE_METHODS.has(req.method)) {
    const csrf = req.headers['x-csrf-token'];
    if (typeof csrf !== 'string' || !safeEqual(csrf, actor.csrfToken)) throw new AppError('csrf_failed', 'Missing or invalid x-csrf-token header');
  }
  return actor;
}

export const requireAgent = async (ctx: Ctx, req: FastifyRequest) => (await authenticate(ctx, req, { api: false })) as AgentActor;
export const requireAgentOrApi = (ctx: Ctx, req: FastifyRequest) => authenticate(ctx, req, { api: true });

export function setSessionCookie(ctx: Ctx, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    path: '/',
    maxAge: Math.floor(ctx.config.sessionTtlMs / 1000),
  });
}
