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
  if (agent.status === 'offline') {
    await ctx.db.update(agents).set({ status: 'online', lastSeenAt: new Date() }).where(eq(agents.id, agent.id));
    ctx.bus.emit({ name: 'agent.status_changed', workspaceId: agent.workspaceId, agentId: agent.id, status: 'online' });
  }
  return { agent: (await getAgentDto(ctx.db, agent.workspaceId, agent.id))!, ...session };
}

export async function workspaceOf(ctx: Ctx, workspaceId: string) {
  const [ws] = await ctx.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws!;
}
