import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { WidgetSettings, type AvailabilityDto } from '@parley/protocol';
import { availabilityOf } from '@parley/protocol/hours';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { sites } from '../../db/schema';
import type { DomainEvent } from '../../events/bus';
import { chatSitesOf, countOnlineAgents, findAgent } from '../agents/queries';
import type { SiteRow } from '../sites/presenter';

/** Whether a site's visitors can chat now (business hours, then agents online). */
export async function siteAvailability(db: Executor, site: Pick<SiteRow, 'id' | 'workspaceId' | 'settings'>, now = new Date()): Promise<AvailabilityDto> {
  const agentsOnline = await countOnlineAgents(db, site.workspaceId, site.id);
  return availabilityOf(WidgetSettings.parse(site.settings).businessHours, agentsOnline, now);
}

/** What may have changed in a workspace since its last pass. */
interface Pending {
  all: boolean;
  siteIds: Set<string>;
  agentIds: Set<string>;
}

/**
 * Pushes `availability` to a site's widgets whenever it may have changed: an agent's status
 * or sites changed, or the site's settings (business hours). Each node handles the events it
 * committed and emits the state it reads after the change, so the answer is correct on any
 * number of nodes; passes run one at a time per workspace (a burst costs one extra pass and
 * the last one always reads the latest state). Hours opening and closing by the clock are
 * computed by the widget itself. Returns a stop function that waits for work in flight.
 */
export function startAvailabilityPush(ctx: Ctx, log: FastifyBaseLogger): () => Promise<void> {
  const pending = new Map<string, Pending>();
  const running = new Map<string, Promise<void>>();

  async function sitesToCheck(workspaceId: string, p: Pending): Promise<Set<string> | 'all'> {
    if (p.all) return 'all';
    const out = new Set(p.siteIds);
    for (const agentId of p.agentIds) {
      const agent = await findAgent(ctx.db, workspaceId, agentId);
      // A just-disabled agent's sites may have lost their last online agent: check them too.
      const served = agent ? await chatSitesOf(ctx.db, { ...agent, disabled: false }) : [];
      if (served === 'all') return 'all';
      for (const id of served) out.add(id);
    }
    return out;
  }

  async function pass(workspaceId: string, p: Pending) {
    const scope = await sitesToCheck(workspaceId, p);
    if (scope !== 'all' && !scope.size) return;
    const rows = await ctx.db.select().from(sites).where(and(eq(sites.workspaceId, workspaceId), eq(sites.active, true)));
    for (const site of rows) {
      if (scope !== 'all' && !scope.has(site.id)) continue;
      ctx.bus.emit({ name: 'availability.changed', workspaceId, siteId: site.id, availability: await siteAvailability(ctx.db, site) });
    }
  }

  function kick(workspaceId: string, change: Partial<{ all: boolean; siteId: string; agentId: string }>) {
    const p = pending.get(workspaceId) ?? { all: false, siteIds: new Set<string>(), agentIds: new Set<string>() };
    p.all ||= change.all ?? false;
    if (change.siteId) p.siteIds.add(change.siteId);
    if (change.agentId) p.agentIds.add(change.agentId);
    pending.set(workspaceId, p);
    if (running.has(workspaceId)) return;
    const run = (async () => {
      while (pending.has(workspaceId)) {
        const next = pending.get(workspaceId)!;
        pending.delete(workspaceId);
        await pass(workspaceId, next).catch((err: unknown) => log.error({ err, workspaceId }, 'availability push failed'));
      }
      running.delete(workspaceId);
    })();
    running.set(workspaceId, run);
  }

  const off = ctx.bus.on((e: DomainEvent) => {
    if (e.name === 'agent.status_changed') kick(e.workspaceId, { agentId: e.agentId });
    // The agent may have left sites as well as joined some: check them all.
    else if (e.name === 'agent.sites_changed') kick(e.workspaceId, { all: true });
    else if (e.name === 'site.updated') kick(e.workspaceId, { siteId: e.siteId });
  });

  return async () => {
    off();
    while (running.size) await Promise.all([...running.values()]);
  };
}
