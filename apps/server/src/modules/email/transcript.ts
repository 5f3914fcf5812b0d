import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { WidgetSettings } from '@parley/protocol';
import type { Ctx } from '../../context';
import { conversations, messages, sites, visitors } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import type { VisitorActor } from '../auth/actors';
import { sender } from './mailer';
import { emailQueue, enqueueMail } from './queue';
import { transcriptMail, type TranscriptLine } from './templates';

/** A transcript mail goes to any address the visitor types: at most this many per conversation per window. */
const PER_WINDOW = 3;
const WINDOW_MS = 10 * 60_000;
const TRANSCRIPT_MAX_MESSAGES = 2000;
const recent = new Map<string, number[]>();

function allowed(conversationId: string, now: number): boolean {
  const times = (recent.get(conversationId) ?? []).filter((t) => now - t < WINDOW_MS);
  if (times.length >= PER_WINDOW) return false;
  recent.set(conversationId, [...times, now]);
  // Forget idle conversations so the map stays small.
  if (recent.size > 10_000) for (const [id, ts] of recent) if (ts.every((t) => now - t >= WINDOW_MS)) recent.delete(id);
  return true;
}

/**
 * Socket `conversation:transcript`: mails the visitor their conversation as they saw it (text
 * and files; never notes or internal events) at the given address or the one we know.
 */
export async function requestTranscript(ctx: Ctx, actor: VisitorActor, conversationId: string, email: string | undefined): Promise<{ email: string }> {
  const [row] = await ctx.db
    .select({ conv: conversations, visitorName: visitors.name, visitorEmail: visitors.email, siteName: sites.name, settings: sites.settings })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.visitorId, actor.visitorId)));
  if (!row) throw notFound('Conversation');
  const to = email ?? row.visitorEmail;
  if (!to) throw new AppError('no_email', 'Tell us where to send the transcript');
  if (!allowed(conversationId, Date.now())) throw new AppError('rate_limited', 'Too many transcripts for this conversation; try again in a few minutes');
  const rows = await ctx.db
    .select({ senderType: messages.senderType, senderName: messages.senderName, body: messages.body, attachments: messages.attachments, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), inArray(messages.kind, ['text', 'file']), isNull(messages.deletedAt)))
    .orderBy(asc(messages.seq))
    .limit(TRANSCRIPT_MAX_MESSAGES);
  const lines: TranscriptLine[] = rows.map((m) => ({
    who: m.senderType === 'visitor' ? (row.visitorName ?? 'You') : (m.senderName ?? row.siteName),
    at: m.createdAt,
    // Files by name (links are short-lived, so none is mailed).
    body: [m.body, ...m.attachments.map((a) => `📎 ${a.name}`)].filter(Boolean).join('\n'),
  }));
  const timeZone = WidgetSettings.parse(row.settings).businessHours.timezone;
  await ctx.db.transaction((tx) =>
    enqueueMail(ctx, tx, { kind: 'transcript', conversationId, from: sender(ctx.config, row.siteName), to, ...transcriptMail({ team: row.siteName, lines, timeZone }) }),
  );
  ctx.jobs.kick(emailQueue);
  return { email: to };
}
