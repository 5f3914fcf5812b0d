import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ApiTokenDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import { apiTokens } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import { newId, randomToken, sha256 } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { isAdmin } from '../auth/policy';

type Row = typeof apiTokens.$inferSelect;
const present = (r: Row): ApiTokenDto => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null });

/** Returns the plain token once; only its sha256 is kept. */
export async function createToken(ctx: Ctx, actor: AgentActor, name: string) {
  if (!isAdmin(actor)) throw forbidden('Only admins can create API tokens');
  const token = `pk_${randomToken(32)}`;
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({ id: newId(), workspaceId: actor.workspaceId, name, tokenHash: sha256(token), prefix: token.slice(0, 8), createdBy: actor.agentId })
    .returning();
  return { token, apiToken: present(row!) };
}

export async function listTokens(ctx: Ctx, actor: AgentActor) {
  if (!isAdmin(actor)) throw forbidden('Only admins can see API tokens');
  const rows = await ctx.db.select().from(apiTokens).where(and(eq(apiTokens.workspaceId, actor.workspaceId), isNull(apiTokens.revokedAt))).orderBy(desc(apiTokens.createdAt));
  return rows.map(present);
}

export async function revokeToken(ctx: Ctx, actor: AgentActor, id: string) {
  if (!isAdmin(actor)) throw forbidden('Only admins can revoke API tokens');
  const rows = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, actor.workspaceId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!rows.length) throw notFound('API token');
}
