import { and, eq } from 'drizzle-orm';
import { RoutingSettings, WidgetSettings, type CreateSiteBody, type UpdateSiteBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { sites } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import { newId, randomToken } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { isAdmin } from '../auth/policy';
import { presentSite } from './presenter';

/** Inserts a site (used by settings, setup and the demo bootstrap). */
export async function insertSite(db: Executor, workspaceId: string, input: Omit<CreateSiteBody, 'routing'> & { routing?: CreateSiteBody['routing'] }, opts: { isDemo?: boolean } = {}) {
  const [row] = await db
    .insert(sites)
    .values({
      id: newId(),
      workspaceId,
      name: input.name,
      domains: [...new Set(input.domains)],
      widgetKey: randomToken(12),
      secret: randomToken(32),
      settings: WidgetSettings.parse(input.settings ?? {}),
      routing: RoutingSettings.parse(input.routing ?? {}),
      isDemo: opts.isDemo ?? false,
    })
    .returning();
  return row!;
}

export async function createSite(ctx: Ctx, actor: AgentActor, input: CreateSiteBody) {
  if (!isAdmin(actor)) throw forbidden('Only admins can add sites');
  const row = await insertSite(ctx.db, actor.workspaceId, input);
  ctx.bus.emit({ name: 'site.created', workspaceId: actor.workspaceId, siteId: row.id });
  return presentSite(row, ctx.config.publicUrl, actor);
}

export async function updateSite(ctx: Ctx, actor: AgentActor, siteId: string, input: UpdateSiteBody) {
  if (!isAdmin(actor)) throw forbidden('Only admins can change sites');
  const { updated, before } = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(sites).where(and(eq(sites.id, siteId), eq(sites.workspaceId, actor.workspaceId))).for('update');
    if (!current) throw notFound('Site');
    const [updated] = await tx
      .update(sites)
      .set({
        name: input.name ?? current.name,
        domains: input.domains ? [...new Set(input.domains)] : current.domains,
        settings: input.settings ? WidgetSettings.parse({ ...WidgetSettings.parse(current.settings), ...input.settings }) : current.settings,
        routing: input.routing ? RoutingSettings.parse({ ...current.routing, ...input.routing }) : current.routing,
        active: input.active ?? current.active,
        updatedAt: new Date(),
      })
      .where(eq(sites.id, siteId))
      .returning();
    return { updated: updated!, before: current };
  });
  // Widgets connected under the old rules reconnect and are checked again (or refused).
  const narrowed = before.domains.some((d) => !updated.domains.includes(d));
  if ((before.active && !updated.active) || narrowed) ctx.bus.emit({ name: 'access.revoked', siteId });
  ctx.bus.emit({ name: 'site.updated', workspaceId: actor.workspaceId, siteId });
  return presentSite(updated, ctx.config.publicUrl, actor);
}
