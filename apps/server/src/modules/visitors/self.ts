import { eq } from 'drizzle-orm';
import { WidgetSettings, type VisitorSelfDto } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { sites, visitors } from '../../db/schema';
import { notFound } from '../../errors';
import { isCurrentSession } from '../tracking/service';
import { triggerHistory } from '../triggers/queries';
import { latestSession, type VisitorRow } from './live';

/** Whether every required pre-chat field is already known (or the form was answered / is off). */
function profileComplete(v: VisitorRow, settings: WidgetSettings): boolean {
  if (v.profileCompletedAt || !settings.preChatForm.enabled) return true;
  const known = (key: string, type: string) => {
    const value = type === 'name' ? v.name : type === 'email' ? v.email : type === 'phone' ? v.phone : v.attributes[key];
    return value !== null && value !== undefined && value !== '';
  };
  return settings.preChatForm.fields.every((f) => !f.required || known(f.key, f.type));
}

/**
 * The visitor as their own widget sees them (`visitor:state`, and the acks of `visitor:page`,
 * `visitor:profile`, `visitor:update`, `visitor:trigger`): profile, pre-chat form state, the
 * current session's facts the trigger engine needs (null when tracking is off or the last
 * visit timed out) and the per-trigger history (frequency caps, dismissals).
 */
export async function visitorSelf(db: Executor, visitorId: string, now = new Date()): Promise<VisitorSelfDto> {
  const [r] = await db.select({ v: visitors, settings: sites.settings }).from(visitors).innerJoin(sites, eq(sites.id, visitors.siteId)).where(eq(visitors.id, visitorId));
  if (!r) throw notFound('Visitor');
  const latest = await latestSession(db, visitorId);
  const session = isCurrentSession(latest, now) ? latest : undefined;
  return {
    id: r.v.id,
    name: r.v.name,
    email: r.v.email,
    phone: r.v.phone,
    verified: r.v.verified,
    profileComplete: profileComplete(r.v, WidgetSettings.parse(r.settings)),
    visitCount: r.v.visitCount,
    session: session ? { pagesViewed: session.pageViews, referrer: session.referrer, utmSource: session.utmSource } : null,
    triggers: await triggerHistory(db, visitorId, session?.id ?? null),
  };
}
