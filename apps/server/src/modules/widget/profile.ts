import { eq, sql } from 'drizzle-orm';
import { WidgetSettings, type VisitorSelfDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import { sites, visitors } from '../../db/schema';
import { notFound } from '../../errors';
import type { VisitorActor } from '../auth/actors';
import { announceVisitor } from '../visitors/live';
import { announceVisitorChats } from '../visitors/profile';
import { visitorSelf } from '../visitors/self';
import { markInteracted } from '../visitors/service';
import { checkFormAnswers } from './form';

/**
 * The visitor answered the pre-chat form (socket `visitor:profile`): checked against the
 * site's form, name/email/phone land on the visitor's columns and the other answers in
 * `attributes`; answering is interacting (the cookieless key goes). Agents see the new name
 * on the visitor's open chats at once.
 */
export async function submitProfile(ctx: Ctx, actor: VisitorActor, fields: Record<string, string>): Promise<VisitorSelfDto> {
  await ctx.db.transaction(async (tx) => {
    const [site] = await tx.select({ settings: sites.settings }).from(sites).where(eq(sites.id, actor.siteId));
    if (!site) throw notFound('Site');
    const answers = checkFormAnswers(WidgetSettings.parse(site.settings).preChatForm, fields);
    const [row] = await tx
      .update(visitors)
      .set({
        ...(answers.name ? { name: answers.name } : {}),
        ...(answers.email ? { email: answers.email } : {}),
        ...(answers.phone ? { phone: answers.phone } : {}),
        attributes: sql`${visitors.attributes} || ${JSON.stringify(answers.attributes)}::jsonb`,
        profileCompletedAt: new Date(),
        lastSeenAt: new Date(),
      })
      .where(eq(visitors.id, actor.visitorId))
      .returning({ id: visitors.id });
    if (!row) throw notFound('Visitor');
    await markInteracted(tx, actor.visitorId);
  });
  await announceVisitor(ctx, actor.visitorId);
  await announceVisitorChats(ctx, actor.visitorId);
  return visitorSelf(ctx.db, actor.visitorId);
}
