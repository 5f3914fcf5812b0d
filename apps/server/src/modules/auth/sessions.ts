import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { agents, apiTokens, sessions } from '../../db/schema';
import { randomToken, sha256 } from '../../ids';
import type { AgentActor, ApiActor } from './actors';
import { seesAllSites } from './actors';
import { siteIdsOfAgent } from '../agents/queries';

export const SESSION_COOKIE = 'parley_sid';

/** Creates a session; returns the cookie value (only its hash is stored) and the CSRF token. */
export async function createSession(db: Executor, agent: { id: string; workspaceId: string }, meta: { userAgent?: string; ip?: string; ttlMs: number }) {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  await db.insert(sessions).values({
    id: sha256(token),
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    csrfToken,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    ip: meta.ip ?? null,
    expiresAt: new Date(Date.now() + meta.ttlMs),
  });
  return { token, csrfToken };
}

export async function revokeSession(db: Executor, token: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sha256(token)));
}

/** The agent behind a session cookie, or undefined if unknown, expired, revoked or disabled. */
export async function agentFromSession(db: Executor, token: string): Promise<AgentActor | undefined> {
  const sessionId = sha256(token);
  const [r] = await db
    .select({ s: sessions, a: agents })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()), eq(agents.disabled, false)));
  if (!r) return undefined;
  return {
    kind: 'agent',
    workspaceId: r.a.workspaceId,
    agentId: r.a.id,
    role: r.a.role,
    name: r.a.name,
    pseudoName: r.a.pseudoName,
    avatarUrl: r.a.avatarUrl,
    siteIds: seesAllSites(r.a.role) ? 'all' : await siteIdsOfAgent(db, r.a.id),
    sessionId,
    csrfToken: r.s.csrfToken,
  };
}

export async function actorFromApiToken(db: Executor, token: string): Promise<ApiActor | undefined> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  // Coarse last-used stamp; an hour of precision is plenty and spares a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 3600_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return { kind: 'api', workspaceId: row.workspaceId, tokenId: row.id };
}
