import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { WorkspaceSettings, WorkspaceSettingsPatch } from '@parley/protocol';
import type { Ctx } from '../../context';
import { workspaces } from '../../db/schema';
import { forbidden } from '../../errors';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { isAdmin } from '../auth/policy';
import { workspaceSettings } from '../routing/presence';

/** Workspace-wide settings: auto-away, requeue on offline, offline grace. */
export function workspaceRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/workspace/settings', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { settings: await workspaceSettings(ctx.db, actor.workspaceId) };
  });
  app.put('/api/workspace/settings', async (req) => {
    const actor = await requireAgent(ctx, req);
    if (!isAdmin(actor)) throw forbidden('Only admins can change workspace settings');
    const patch = parse(WorkspaceSettingsPatch, req.body);
    const settings = await ctx.db.transaction(async (tx) => {
      const [w] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for('update');
      const next = WorkspaceSettings.parse({ ...w?.settings, ...patch });
      await tx.update(workspaces).set({ settings: next }).where(eq(workspaces.id, actor.workspaceId));
      return next;
    });
    return { settings };
  });
}
