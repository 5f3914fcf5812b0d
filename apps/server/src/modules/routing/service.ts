import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { RoutingSettings, type QueueInfo } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { agentDepartments, agents, conversations, sites } from '../../db/schema';
import { presentMessage } from '../messages/presenter';
import { appendMessage } from '../messages/store';
import { refOf } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { touched } from '../conversations/store';
import { countOnlineAgents, servesSite } from '../agents/queries';
import { chooseAgent, estimateWaitSeconds, type Candidate } from './choose';

/** At most this many waiting chats are routed per site and pass (the next pass takes the rest). */
const ROUTE_BATCH = 50;
/** Queue positions are pushed to at most this many waiting visitors per site. */
const QUEUE_PUSH_MAX = 500;

/** Serialises routing per workspace across nodes (agents' capacity spans sites). */
const routeLock = (workspaceId: string) => sql`select pg_advisory_xact_lock(hashtextextended(${`parley:route:${workspaceId}`}::text, 0))`;

/** Agents who can take chats on the site: not disabled, not managers, admins or assigned. */
async function candidatesFor(tx: Tx, workspaceId: string, siteId: string): Promise<(Candidate & { pseudoName: string; avatarUrl: string | null })[]> {
  const rows = await tx
    .select({
      agentId: agents.id,
      status: agents.status,
      maxChats: agents.maxChats,
      lastAssignedAt: agents.lastAssignedAt,
      pseudoName: agents.pseudoName,
      avatarUrl: agents.avatarUrl,
      // Table-qualified by hand: drizzle leaves columns of a one-table select unqualified.
      activeChats: sql<number>`(select count(*) from ${conversations} c where c.assigned_agent_id = ${agents}.id and c.status = 'active')`.mapWith(Number),
    })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, workspaceId),
        eq(agents.disabled, false),
        eq(agents.status, 'online'),
        servesSite(siteId),
      ),
    );
  if (!rows.length) return [];
  const teams = await tx.select().from(agentDepartments).where(inArray(agentDepartments.agentId, rows.map((r) => r.agentId)));
  return rows.map((r) => ({ ...r, departmentIds: teams.filter((t) => t.agentId === r.agentId).map((t) => t.departmentId) }));
}

/**
 * One routing pass over a site's waiting chats (oldest first): each goes to the agent
 * chooseAgent() picks, becoming active with "<pseudo> joined the chat". Returns how many
 * were assigned. Events go out after commit.
 */
export async function routeSite(ctx: Ctx, workspaceId: string, siteId: string): Promise<number> {
  const done = await ctx.db.transaction(async (tx) => {
    await tx.execute(routeLock(workspaceId));
    const [site] = await tx.select({ routing: sites.routing, active: sites.active }).from(sites).where(and(eq(sites.id, siteId), eq(sites.workspaceId, workspaceId)));
    if (!site?.active) return [];
    const { mode } = RoutingSettings.parse(site.routing);
    if (mode === 'manual') return [];
    const queued = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'queued')))
      .orderBy(asc(conversations.queuedAt), asc(conversations.createdAt))
      .limit(ROUTE_BATCH)
      // Not SKIP LOCKED: a notification row being inserted holds a key-share lock on its
      // conversation, and a skipped chat would wait for the next trigger. NO KEY UPDATE
      // does not conflict with those; a concurrent message insert is waited for briefly.
      .for('no key update');
    if (!queued.length) return [];
    const candidates = await candidatesFor(tx, workspaceId, siteId);
    const out = [];
    for (const conv of queued) {
      const pick = chooseAgent(mode, conv, candidates);
      if (!pick) break;
      const agent = candidates.find((c) => c.agentId === pick.agentId)!;
      const now = new Date();
      await tx.update(conversations).set({ status: 'active', assignedAgentId: agent.agentId, assignedAt: now, updatedAt: touched }).where(eq(conversations.id, conv.id));
      await tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.id, agent.agentId));
      const r = await appendMessage(tx, conv.id, { senderType: 'system', senderId: agent.agentId, senderName: null, kind: 'event', body: `${agent.pseudoName} joined the chat` });
      agent.activeChats += 1;
      agent.lastAssignedAt = now;
      out.push({ conv: r.conversation, message: r.message, agent: { id: agent.agentId, pseudoName: agent.pseudoName, avatarUrl: agent.avatarUrl } });
    }
    return out;
  });
  for (const d of done) {
    const ref = refOf(d.conv);
    ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(d.message) });
    const dto = await getConversationDto(ctx.db, agentsView(workspaceId), d.conv.id);
    if (dto) ctx.bus.emit({ name: 'conversation.assigned', ref, conversation: dto, agent: d.agent, via: 'routing' });
  }
  return done.length;
}

/** Average seconds from entering the queue to getting an agent, over the site's last 20 chats of the past day. */
async function recentAverageWait(db: Executor, siteId: string): Promise<number | null> {
  const [r] = await db
    .select({ avg: sql<string | null>`extract(epoch from avg(w.assigned_at - w.queued_at))` })
    .from(
      sql`(select assigned_at, queued_at from ${conversations}
        where site_id = ${siteId} and assigned_at is not null and queued_at is not null and assigned_at >= queued_at and assigned_at > now() - interval '1 day'
        order by assigned_at desc limit 20) w`,
    );
  return r?.avg === null || r?.avg === undefined ? null : Math.round(Number(r.avg));
}

/** The site's waiting chats in order with each one's place in line and estimated wait. */
export async function queueOf(db: Executor, workspaceId: string, siteId: string) {
  const waiting = await db
    .select({ id: conversations.id, visitorId: conversations.visitorId })
    .from(conversations)
    .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'queued')))
    .orderBy(asc(conversations.queuedAt), asc(conversations.createdAt))
    .limit(QUEUE_PUSH_MAX);
  if (!waiting.length) return [];
  const [avg, online] = await Promise.all([recentAverageWait(db, siteId), countOnlineAgents(db, workspaceId, siteId)]);
  return waiting.map((w, i) => ({ conversationId: w.id, visitorId: w.visitorId, queue: { position: i + 1, estimatedWaitSeconds: estimateWaitSeconds(i + 1, avg, online) } satisfies QueueInfo }));
}

/** One waiting conversation's place in line (the widget asks on connect). */
export async function queueInfoFor(db: Executor, conv: { id: string; workspaceId: string; siteId: string; status: string }): Promise<QueueInfo | null> {
  if (conv.status !== 'queued') return null;
  return (await queueOf(db, conv.workspaceId, conv.siteId)).find((q) => q.conversationId === conv.id)?.queue ?? null;
}

/** Sites of a workspace with chats waiting (what a routing pass needs to visit). */
export async function sitesWithQueue(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ siteId: conversations.siteId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, 'queued'), isNull(conversations.assignedAgentId)));
  return rows.map((r) => r.siteId);
}
