/** The widget's state shape (read by components, changed only by the store). */
import type { ConversationStatus, MessageDto, QueueInfo, RatingDto, VisitorSelfDto, WidgetConfigDto } from '@parley/protocol';
import type { OutboxItem } from './outbox';

export interface AgentInfo {
  name: string;
  avatarUrl: string | null;
}

/** `reconnecting`: the socket was (or tried to be) up and is not now. */
export type ConnState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export interface WidgetState {
  config: WidgetConfigDto | null;
  /** The site refused us (unknown key, origin not allowed): render nothing. */
  disabled: boolean;
  visible: boolean;
  open: boolean;
  online: boolean;
  conn: ConnState;
  /** The visitor has a message waiting and the server cannot be reached to start the chat. */
  unreachable: boolean;
  conversationId: string | null;
  status: ConversationStatus | null;
  messages: MessageDto[];
  outbox: OutboxItem[];
  agent: AgentInfo | null;
  agentTyping: string | null;
  agentReadSeq: number;
  seenSeq: number;
  /** The visitor's place in line while their chat waits for an agent. */
  queue: QueueInfo | null;
  /** The team the visitor picked for their next new chat. */
  departmentId: string | null;
  /** The proactive prompt the visitor accepted: shown as the team's first message until the chat exists. */
  acceptedTrigger: AcceptedTrigger | null;

  // ---- UI (pre-chat form, offline form, rating) ----
  /** The visitor as the server sees them (null until the first sync): profile, pre-chat form done. */
  visitor: VisitorSelfDto | null;
  /** CSAT given, by conversation id. */
  ratings: Record<string, RatingDto>;
  /** The offline message went out (to be answered at this email): the confirmation shows. */
  offlineSent: string | null;
}

/** What a UI action (form, rating, transcript) got back; `code: 'network'` = no answer. */
export type ActionResult = { ok: true; email?: string } | { ok: false; code: string; message: string };

/** The offline form's answers (`POST /api/widget/offline-messages` without the credentials). */
export interface OfflineInput {
  name: string;
  email: string;
  message: string;
  fields: Record<string, string>;
}

/** A proactive trigger whose prompt the visitor accepted (proactive.ts). */
export interface AcceptedTrigger {
  id: string;
  message: string;
}

export const isEnded = (status: ConversationStatus | null) => status === 'closed' || status === 'resolved';

/** A send's idempotency key: a UUID where available. */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12);
}
