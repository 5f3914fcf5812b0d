import { and, desc, eq, inArray } from 'drizzle-orm';
import type { PageViewDto, VisitorDetailDto, VisitorSessionDto } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { conversations, pageViews, visitorEvents, visitors, visitorSessions } from '../../db/schema';
import { notFound } from '../../errors';
import type { AgentActor } from '../auth/actors';
import { canAccessSite } from '../auth/policy';
import { presentConversation } from '../conversations/presenter';
import { isLive, presentLiveVisitor, type SessionRow } from './live';

const SESSIONS = 10;
const EVENTS = 50;
const CONVERSATIONS = 50;
const PAGE_VIEWS = 500;

type PageViewRow = typeof pageViews.$inferSelect;

function presentSession(s: SessionRow, views: PageViewRow[], windowMs: number, now: Date): VisitorSessionDto {
  // An open page view lasts until now while the visitor is here, else until they were last seen.
  const openEnd = isLive(s, windowMs, now) ? now : s.lastSeenAt;
  return {
    id: s.id,
    startedAt: s.startedAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    endedAt: s.endedAt?.toISOString() ?? null,
    landingUrl: s.landingUrl,
    referrer: s.referrer,
    utm: { source: s.utmSource, medium: s.utmMedium, campaign: s.utmCampaign, term: s.utmTerm, content: s.utmContent },
    pageViews: views.map(
      (p): PageViewDto => ({
        id: p.id,
        url: p.url,
        title: p.title,
        enteredAt: p.enteredAt.toISOString(),
        leftAt: p.leftAt?.toISOString() ?? null,
        seconds: Math.max(0, Math.round(((p.leftAt ?? openEnd).getTime() - p.enteredAt.getTime()) / 1000)),
      }),
    ),
  };
}

/**
 * `GET /api/visitors/:id`: the live facts plus contact, attributes, context, the latest
 * sessions with their page views (time spent on each), the latest events and every chat
 * of the visitor with its rating. Visitors of sites the agent cannot read are a 404.
 */
export async function visitorDetail(db: Executor, actor: AgentActor, visitorId: string, windowMs: number, now = new Date()): Promise<VisitorDetailDto> {
  const [v] = await db.select().from(visitors).where(and(eq(visitors.id, visitorId), eq(visitors.workspaceId, actor.workspaceId)));
  if (!v || !canAccessSite(actor, { id: v.siteId, workspaceId: v.workspaceId })) throw notFound('Visitor');
  const sessions = await db.select().from(visitorSessions).where(eq(visitorSessions.visitorId, v.id)).orderBy(desc(visitorSessions.startedAt)).limit(SESSIONS);
  // The latest page views of those sessions (a long single-page-app visit can have many), oldest first.
  const views = sessions.length
    ? (
        await db
          .select()
          .from(pageViews)
          .where(inArray(pageViews.sessionId, sessions.map((s) => s.id)))
          .orderBy(desc(pageViews.enteredAt))
          .limit(PAGE_VIEWS)
      ).reverse()
    : [];
  const events = await db.select().from(visitorEvents).where(eq(visitorEvents.visitorId, v.id)).orderBy(desc(visitorEvents.createdAt)).limit(EVENTS);
  const chats = await db.select().from(conversations).where(eq(conversations.visitorId, v.id)).orderBy(desc(conversations.createdAt)).limit(CONVERSATIONS);
  const open = chats.find((c) => c.status === 'queued' || c.status === 'active') ?? null;
  const current = sessions[0] ?? null;
  return {
    ...presentLiveVisitor(v, current, open, isLive(current, windowMs, now)),
    phone: v.phone,
    externalId: v.externalId,
    attributes: v.attributes,
    context: v.context,
    firstSeenAt: v.firstSeenAt.toISOString(),
    sessions: sessions.map((s) =>
      presentSession(
        s,
        views.filter((p) => p.sessionId === s.id),
        windowMs,
        now,
      ),
    ),
    events: events.map((e) => ({ id: e.id, name: e.name, properties: e.properties, createdAt: e.createdAt.toISOString() })),
    conversations: chats.map((c) => {
      const dto = presentConversation(c, v);
      return { id: c.id, status: c.status, createdAt: dto.createdAt, lastMessagePreview: dto.lastMessagePreview, rating: dto.rating ?? null };
    }),
  };
}
