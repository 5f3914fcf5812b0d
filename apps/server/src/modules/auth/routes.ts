import type { FastifyInstance } from 'fastify';
import { LoginBody, SetStatusBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent, setSessionCookie } from '../../http/auth';
import { AppError } from '../../errors';
import { parse } from '../../validate';
import { getAgentDto } from '../agents/queries';
import { setStatus } from '../agents/service';
import { login, workspaceOf } from './service';
import { revokeSession, SESSION_COOKIE } from './sessions';

export function authRoutes(app: FastifyInstance, ctx: Ctx) {
  // Besides the per-address-and-account limit below: one address trying many accounts
  // (password spraying). The plugin runs one limiter per request, so this one is called here.
  const perIp = app.createRateLimit({ max: ctx.config.limits.loginPerIp, timeWindow: 15 * 60_000, keyGenerator: (req) => `login-ip:${req.ip}` });
  app.post(
    '/api/auth/login',
    {
      config: {
        rateLimit: {
          max: ctx.config.loginRateLimit,
          timeWindow: '15 minutes',
          // Per address and per account, so one attacker cannot lock everyone out.
          keyGenerator: (req) => `login:${req.ip}:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase().slice(0, 254)}`,
        },
      },
    },
    async (req, reply) => {
      const limit = await perIp(req);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', limit.ttlInSeconds);
        throw new AppError('rate_limited', 'Too many sign-in attempts from your network; wait a few minutes and try again');
      }
      const body = parse(LoginBody, req.body);
      const r = await login(ctx, body, { userAgent: req.headers['user-agent'], ip: req.ip });
      setSessionCookie(ctx, reply, r.token);
      return { agent: r.agent, csrfToken: r.csrfToken };
    },
  );

  app.post('/api/auth/logout', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) await revokeSession(ctx.db, token);
    ctx.bus.emit({ name: 'access.revoked', sessionId: actor.sessionId });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { agent: await getAgentDto(ctx.db, actor.workspaceId, actor.agentId), csrfToken: actor.csrfToken, workspace: await workspaceOf(ctx, actor.workspaceId) };
  });

  app.put('/api/me/status', async (req) => {
    const actor = await requireAgent(ctx, req);
    const body = parse(SetStatusBody, req.body);
    return { agent: await setStatus(ctx, actor, body.status) };
  });
}
