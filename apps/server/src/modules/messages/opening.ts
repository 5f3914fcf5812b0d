import { and, eq } from 'drizzle-orm';
import { WidgetSettings } from '@parley/protocol';
import type { Tx } from '../../db/client';
import { triggers } from '../../db/schema';
import { AppError } from '../../errors';
import type { SiteRow } from '../sites/presenter';
import { siteAvailability } from '../widget/availability';
import type { NewMessage } from './store';

/** What a visitor's first message brings with it: bot messages around it and the trigger it answers. */
export interface ConversationStart {
  triggerId: string | null;
  /** The greeting or the accepted prompt's message: seq 1, before the visitor's message. */
  before: NewMessage | null;
  /** The away message, right after the visitor's message, when nobody can answer now. */
  after: NewMessage | null;
}

/** Messages the site sends by itself: `bot`, under the team name (and avatar) of the widget header. */
function botMessage(settings: WidgetSettings, body: string): NewMessage {
  return { senderType: 'bot', senderId: null, senderName: settings.title || null, senderAvatarUrl: settings.avatarUrl, kind: 'text', body };
}

/**
 * Decides, inside the send transaction and before anything is written, how a new widget
 * conversation opens (ARCHITECTURE "Greeting, trigger and away messages"): the accepted
 * trigger's message, else the greeting when enabled; then the away message when the site is
 * not `open` and away messages are on. A `triggerId` that is not an enabled trigger of this
 * site is refused, so nothing is stored.
 */
export async function conversationStart(tx: Tx, site: Pick<SiteRow, 'id' | 'workspaceId' | 'settings'>, triggerId: string | undefined): Promise<ConversationStart> {
  const settings = WidgetSettings.parse(site.settings);
  let before: NewMessage | null = settings.greeting.enabled ? botMessage(settings, settings.greeting.message) : null;
  if (triggerId) {
    const [trigger] = await tx
      .select({ message: triggers.message })
      .from(triggers)
      .where(and(eq(triggers.id, triggerId), eq(triggers.siteId, site.id), eq(triggers.enabled, true)));
    if (!trigger) throw new AppError('validation_failed', 'triggerId: not an active trigger of this website');
    before = botMessage(settings, trigger.message);
  }
  const availability = settings.away.enabled ? await siteAvailability(tx, site) : null;
  const after = availability && availability.reason !== 'open' ? botMessage(settings, settings.away.message) : null;
  return { triggerId: triggerId ?? null, before, after };
}
