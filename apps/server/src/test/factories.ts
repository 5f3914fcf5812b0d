import type { AgentRole, CreateSiteBody } from '@parley/protocol';
import type { Ctx } from '../context';
import { workspaces } from '../db/schema';
import { newId } from '../ids';
import { insertAgent } from '../modules/agents/service';
import { insertSite } from '../modules/sites/service';

let n = 0;
const seq = () => `${Date.now().toString(36)}${++n}`;

export async function buildWorkspace(ctx: Ctx, name = `Workspace ${seq()}`) {
  const [ws] = await ctx.db.insert(workspaces).values({ id: newId(), name }).returning();
  return ws!;
}

/** The workspace the server bootstrapped (where the demo site lives). */
export async function defaultWorkspace(ctx: Ctx) {
  const [ws] = await ctx.db.select().from(workspaces).limit(1);
  return ws!;
}

/**
 * A site for tests. Its automatic greeting and away messages are off unless `settings` turns
 * them on, so a visitor's first message is seq 1 as most suites expect.
 */
export async function buildSite(ctx: Ctx, overrides: Partial<CreateSiteBody> & { workspaceId?: string } = {}) {
  const workspaceId = overrides.workspaceId ?? (await defaultWorkspace(ctx)).id;
  const settings = { greeting: { enabled: false, message: 'Hi there 👋 How can we help?' }, away: { enabled: false, message: 'We are away.' }, ...overrides.settings };
  return insertSite(ctx.db, workspaceId, { name: overrides.name ?? `Site ${seq()}`, domains: overrides.domains ?? ['127.0.0.1', 'localhost'], settings, routing: overrides.routing ?? {} });
}

export interface BuiltAgent {
  id: string;
  email: string;
  password: string;
  workspaceId: string;
  pseudoName: string;
}

export async function buildAgent(
  ctx: Ctx,
  overrides: { workspaceId?: string; role?: AgentRole; siteIds?: string[]; name?: string; pseudoName?: string; email?: string; maxChats?: number } = {},
): Promise<BuiltAgent> {
  const workspaceId = overrides.workspaceId ?? (await defaultWorkspace(ctx)).id;
  const email = overrides.email ?? `agent-${seq()}@example.com`;
  const password = 'correct horse battery';
  const name = overrides.name ?? 'Test Agent';
  const pseudoName = overrides.pseudoName ?? `Agent${n}`;
  const id = await insertAgent(ctx.db, workspaceId, { name, email, password, pseudoName, role: (overrides.role ?? 'agent') as 'agent', maxChats: overrides.maxChats ?? 5, siteIds: overrides.siteIds ?? [] });
  return { id, email, password, workspaceId, pseudoName };
}
