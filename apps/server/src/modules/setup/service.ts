import { asc, eq, sql } from 'drizzle-orm';
import type { SetupBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { agents, sites, workspaces } from '../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../ids';
import { insertAgent } from '../agents/service';
import { getAgentDto } from '../agents/queries';
import { createSession } from '../auth/sessions';
import { onlineAfterSignIn } from '../auth/service';
import { insertSite } from '../sites/service';

// Any constant: serialises first-start work across nodes sharing one database.
const BOOTSTRAP_LOCK = 72_616_002;

function demoDomains(publicUrl: string) {
  return [...new Set(['localhost', '127.0.0.1', new URL(publicUrl).hostname.toLowerCase()])];
}

/**
 * First start: a workspace, the demo site (unless DEMO_PAGE=false) and, when
 * ADMIN_EMAIL/ADMIN_PASSWORD are set, the owner. Later starts change nothing.
 */
export async function bootstrap(db: Db, config: Config) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    let [ws] = await tx.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
    if (!ws) {
      [ws] = await tx.insert(workspaces).values({ id: newId(), name: 'My workspace' }).returning();
      if (config.demoPage) {
        await insertSite(
          tx,
          ws!.id,
          { name: 'Demo site', domains: demoDomains(config.publicUrl), settings: { title: 'Chat with us', welcomeText: 'Hi! This is the Parley demo. Ask anything — an agent will answer from the dashboard.' } },
          { isDemo: true },
        );
      }
    }
    const [anyAgent] = await tx.select({ id: agents.id }).from(agents).limit(1);
    if (!anyAgent && config.admin) {
      await insertAgent(tx, ws!.id, { name: config.admin.name, email: config.admin.email, password: config.admin.password, role: 'owner', maxChats: 10, siteIds: [] });
    }
  });
}

export async function needsSetup(db: Db) {
  const [anyAgent] = await db.select({ id: agents.id }).from(agents).limit(1);
  return !anyAgent;
}

/** The first-run screen: creates the owner and the first site, then signs the owner in. */
export async function runSetup(ctx: Ctx, input: SetupBody, meta: { userAgent?: string; ip?: string }) {
  const owner = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [anyAgent] = await tx.select({ id: agents.id }).from(agents).limit(1);
    if (anyAgent) throw new AppError('already_set_up', 'Parley is already set up; sign in instead');
    let [ws] = await tx.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
    if (!ws) [ws] = await tx.insert(workspaces).values({ id: newId(), name: input.workspaceName }).returning();
    else await tx.update(workspaces).set({ name: input.workspaceName }).where(eq(workspaces.id, ws.id));
    await insertSite(tx, ws!.id, { name: input.siteName, domains: input.siteDomains, settings: {} });
    const id = await insertAgent(tx, ws!.id, { name: input.name, email: input.email, password: input.password, role: 'owner', maxChats: 10, siteIds: [] });
    return { id, workspaceId: ws!.id };
  });
  const session = await createSession(ctx.db, owner, { ...meta, ttlMs: ctx.config.sessionTtlMs });
  await onlineAfterSignIn(ctx, { ...owner, status: 'offline' });
  return { agent: (await getAgentDto(ctx.db, owner.workspaceId, owner.id))!, ...session };
}

export async function demoSite(db: Db) {
  const [site] = await db.select().from(sites).where(eq(sites.isDemo, true)).orderBy(asc(sites.createdAt)).limit(1);
  return site;
}
