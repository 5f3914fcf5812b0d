import { and, eq, sql } from 'drizzle-orm';
import { WidgetSettings, type OfflineMessageBody, type PreChatForm } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { conversations, messages, visitors } from '../../db/schema';
import { AppError, forbidden } from '../../errors';
import { refOf } from '../conversations/presenter';
import { agentsView, getConversationDto } from '../conversations/queries';
import { insertConversation } from '../conversations/store';
import { emailQueue } from '../email/queue';
import { presentMessage } from '../messages/presenter';
import { findVisitorMessageByClientId } from '../messages/queries';
import { appendMessage } from '../messages/store';
import type { SiteRow } from '../sites/presenter';
import { authenticateVisitor, createVisitor, issueToken, markInteracted } from '../visitors/service';
import { checkFormAnswers, type FormAnswers } from '../widget/form';
import { enqueueOfflineMails } from './mails';

export interface OfflineMessageResult {
  visitorId: string;
  token: string;
  conversationId: string;
}

/**
 * The form's answers with the offline form's own name and email in the form's name/email
 * fields. Required fields only count while the site shows its pre-chat form.
 */
function answersOf(form: PreChatForm, body: OfflineMessageBody): FormAnswers {
  const answers: Record<string, string> = { ...body.fields };
  for (const f of form.fields) {
    if (f.type === 'name') answers[f.key] = body.name;
    if (f.type === 'email') answers[f.key] = body.email;
  }
  const checked = checkFormAnswers({ ...form, fields: form.fields.map((f) => ({ ...f, required: form.enabled && f.required })) }, answers);
  return { ...checked, name: body.name, email: body.email };
}

/** Label → value of the answers agents should see besides name, email and message. */
function labelled(form: PreChatForm, a: FormAnswers): [string, string][] {
  const out: [string, string][] = [];
  for (const f of form.fields) {
    if (f.type === 'phone' && a.phone) out.push([f.label, a.phone]);
    const v = a.attributes[f.key];
    if (v !== undefined) out.push([f.label, f.type === 'select' ? (f.options.find((o) => o.value === v)?.label ?? v) : v]);
  }
  return out;
}

/** An earlier submission with this clientId: by this visitor, or (no credentials) by someone with this email on this site. */
async function earlier(tx: Tx, site: SiteRow, body: OfflineMessageBody, visitorId: string | undefined) {
  if (visitorId) {
    const m = await findVisitorMessageByClientId(tx, visitorId, body.clientId);
    return m ? { visitorId, conversationId: m.conversationId } : undefined;
  }
  const [m] = await tx
    .select({ visitorId: visitors.id, conversationId: messages.conversationId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(and(eq(messages.clientId, body.clientId), eq(messages.senderType, 'visitor'), eq(conversations.siteId, site.id), eq(conversations.channel, 'email'), eq(visitors.email, body.email)))
    .limit(1);
  return m;
}

/**
 * `POST /api/widget/offline-messages`: nobody can chat right now, so the visitor leaves a
 * message. In one transaction: the visitor (theirs when the widget sent valid credentials, a
 * new one otherwise) gets the name, email and form answers; a queued `email` conversation
 * starts with the message; the agents' mails and the auto-reply are enqueued. Agents see the
 * conversation in the inbox at once (same events as a widget chat). Idempotent on `clientId`:
 * a retry returns the same conversation (with a fresh token when it came without credentials,
 * since the first answer never reached the browser).
 */
export async function submitOfflineMessage(ctx: Ctx, site: SiteRow, body: OfflineMessageBody, meta: { userAgent?: string; ip?: string }): Promise<OfflineMessageResult> {
  const settings = WidgetSettings.parse(site.settings);
  if (!settings.offline.enabled) throw forbidden('This website does not take offline messages');
  const answers = answersOf(settings.preChatForm, body);
  const r = await ctx.db.transaction(async (tx) => {
    let known: { visitorId: string; token: string } | undefined;
    if (body.visitorId && body.token) {
      const auth = await authenticateVisitor(tx, { siteKey: site.widgetKey, visitorId: body.visitorId, token: body.token });
      if (!auth || auth.site.id !== site.id) throw new AppError('unauthenticated', 'Unknown visitor; start over without credentials');
      await tx.select({ id: visitors.id }).from(visitors).where(eq(visitors.id, body.visitorId)).for('update');
      known = { visitorId: body.visitorId, token: body.token };
    } else {
      // No visitor row to lock: two identical submissions at once must still start one conversation.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`parley:offline:${site.id}:${body.clientId}`}::text, 0))`);
    }
    const prior = await earlier(tx, site, body, known?.visitorId);
    if (prior) return { visitorId: prior.visitorId, token: known?.token ?? (await issueToken(tx, prior.visitorId)), conversationId: prior.conversationId, created: undefined };
    const visitor = known ?? (await createVisitor({ ...ctx, db: tx }, site, { userAgent: meta.userAgent, ip: meta.ip, persistent: true }));
    await tx
      .update(visitors)
      .set({
        name: answers.name,
        email: answers.email,
        ...(answers.phone ? { phone: answers.phone } : {}),
        attributes: sql`${visitors.attributes} || ${JSON.stringify(answers.attributes)}::jsonb`,
        lastSeenAt: new Date(),
      })
      .where(eq(visitors.id, visitor.visitorId));
    await markInteracted(tx, visitor.visitorId);
    const conv = await insertConversation(tx, { workspaceId: site.workspaceId, siteId: site.id, visitorId: visitor.visitorId, channel: 'email' });
    const appended = await appendMessage(tx, conv.id, { senderType: 'visitor', senderId: visitor.visitorId, senderName: answers.name!, kind: 'text', body: body.message, clientId: body.clientId });
    await enqueueOfflineMails(ctx, tx, {
      site,
      conversationId: conv.id,
      visitor: { name: answers.name!, email: answers.email! },
      message: body.message,
      fields: labelled(settings.preChatForm, answers),
      autoReply: settings.offline.autoReply,
      hours: settings.businessHours,
    });
    return { ...visitor, conversationId: conv.id, created: { conv: appended.conversation, message: appended.message } };
  });
  if (r.created) {
    ctx.jobs.kick(emailQueue);
    const ref = refOf(r.created.conv);
    const dto = await getConversationDto(ctx.db, agentsView(site.workspaceId), r.conversationId);
    if (dto) ctx.bus.emit({ name: 'conversation.created', ref, conversation: dto });
    ctx.bus.emit({ name: 'message.created', ref, message: presentMessage(r.created.message) });
  }
  return { visitorId: r.visitorId, token: r.token, conversationId: r.conversationId };
}
