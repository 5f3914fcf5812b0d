import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { sites } from '../../db/schema';
import type { Actor, AgentActor } from '../auth/actors';
import { canAccessSite } from '../auth/policy';
import { notFound } from '../../errors';

export async function findSiteByKey(db: Executor, widgetKey: string) {
  const [row] = await db.select().from(sites).where(eq(sites.widgetKey, widgetKey));
  return row;
}

export async function findSite(db: Executor, workspaceId: string, siteId: string) {
  const [row] = await db.select().from(sites).where(and(eq(sites.id, siteId), eq(sites.workspaceId, workspaceId)));
  return row;
}

/** The site, if the agent may read it; otherwise 404 (another workspace's or site's ids are not confirmed). */
export async function findReadableSite(db: Executor, actor: AgentActor, siteId: string) {
  const site = await findSite(db, actor.workspaceId, siteId);
  if (!site || !canAccessSite(actor, site)) throw notFound('Site');
  return site;
}

/** The sites an actor may see, oldest first. */
export async function listSitesFor(db: Executor, actor: Actor) {
  const scope = actor.kind === 'agent' && actor.siteIds !== 'all' ? actor.siteIds : null;
  if (scope && !scope.length) return [];
  return db
    .select()
    .from(sites)
    .where(and(eq(sites.workspaceId, actor.workspaceId), scope ? inArray(sites.id, scope) : undefined))
    .orderBy(asc(sites.createdAt));
}
