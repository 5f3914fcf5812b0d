/** Which screen the open chat window shows: a pure decision over the state and the settings. */
import { isEnded, type WidgetState } from '../state';
import type { Settings } from './types';

/**
 * - `sent`: the offline message went out (confirmation).
 * - `ended`: the chat was closed (rating, "start a new chat").
 * - `offline`: nobody can answer and the site collects messages instead (no chat under way).
 * - `prechat`: the site's form comes before the visitor's first message.
 * - `wait`: a returning visitor's profile is still on its way (don't flash the form).
 * - `chat`: the composer.
 */
export type View = 'sent' | 'ended' | 'offline' | 'prechat' | 'wait' | 'chat';

type ViewState = Pick<WidgetState, 'offlineSent' | 'status' | 'conversationId' | 'outbox' | 'messages' | 'config' | 'visitor' | 'conn'>;

/** @example chatView(state, settings) // → 'prechat' before a new visitor's first message */
export function chatView(s: ViewState, settings: Settings): View {
  if (s.offlineSent) return 'sent';
  if (isEnded(s.status)) return 'ended';
  const availability = s.config?.availability;
  const fresh = !s.conversationId && !s.outbox.length;
  if (fresh && availability && !availability.available && settings.offline?.enabled) return 'offline';
  const form = settings.preChatForm;
  const spoke = s.outbox.length > 0 || s.messages.some((m) => m.senderType === 'visitor');
  if (!form?.enabled || !form.fields.length || spoke || s.visitor?.profileComplete) return 'chat';
  return !s.visitor && s.conn === 'connecting' ? 'wait' : 'prechat';
}

/** The greeting shown as the team's first message before the chat exists: an accepted prompt's, else the site's. */
export function localGreeting(s: Pick<WidgetState, 'conversationId' | 'acceptedTrigger'>, settings: Settings): string | null {
  if (s.conversationId) return null;
  if (s.acceptedTrigger) return s.acceptedTrigger.message;
  return settings.greeting?.enabled && settings.greeting.message ? settings.greeting.message : null;
}
