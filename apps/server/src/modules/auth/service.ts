import { eq } from 'drizzle-orm';
import type { LoginBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { agents, workspaces } from '../../db/schema';
import { AppError } from '../../errors';
import { dummyHash, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { getAgentDto } from '../agents/queries';

/** Checks the password (constant work for unknown emails), opens a session, sets the agent online. */
export async function login(ctx: Ctx, input: LoginBody, meta: { userAgent?: string; ip?: string }) {
  const [agent] = await ctx.db.select().from(agents).where(eq(agents.email, input.email));
  const ok = agent && !agent.disabled ? await verifyPassword(agent.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  if (!agent || !ok) throw new AppError('invalid_credentials', 'Wrong email or password');
  const session = await createSession(ctx.db, agent, { ...meta, ttlMs: ctx.config.sessionTtlMs });
  await onlineAfterSignIn(ctx, agent);
  return { agent: (await getAgentDto(ctx.db, agent.workspaceId, agent.id))!, ...session };
}

/** Signing in (login or first-run setup) puts an offline agent online: they are at the dashboard. */
export async function onlineAfterSignIn(ctx: Ctx, agent: { id: string; workspaceId: string; status: string }) {
  if (agent.status !== 'offline') return;
  await ctx.db.update(agents).set({ status: 'online', lastSeenAt: new Date() }).where(eq(agents.id, agent.id));
  ctx.bus.emit({ name: 'agent.status_changed', workspaceId: agent.workspaceId, agentId: agent.id, status: 'online' });
}

export async function workspaceOf(ctx: Ctx, workspaceId: string) {
  const [ws] = await ctx.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws!;
}
