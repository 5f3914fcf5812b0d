/**
 * Realtime contract. Server → client events use seed 003's envelope
 * `{ type, conversationId, data, timestamp }`; client → server events take a payload and
 * an acknowledgement callback answering `Ack<T>`.
 *
 * @example
 *   socket.emit('message', { conversationId, clientId, body }, (ack) => {
 *     if (ack.ok) markSent(ack.data.message);
 *   });
 */
import type { AgentStatus, ConversationStatus } from './common';
import type { AvailabilityDto, ConversationDto, LiveVisitorDto, MessageDto, NotificationDto, QueueInfo, VisitorSelfDto } from './models';
import type { Attributes, IdentifyPayload as IdentifyBody, TriggerAction, VisitorContext, VisitorUpdatePayload as VisitorUpdateBody } from './engagement';

export interface Envelope<T extends string, D> {
  type: T;
  conversationId: string | null;
  data: D;
  timestamp: string;
}

export type ErrorBody = { code: string; message: string };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export type MessageEvent = Envelope<'message', MessageDto>;
export type TypingEvent = Envelope<'typing', { userId: string; userName: string | null; senderType: 'visitor' | 'agent'; isTyping: boolean }>;
export type ReadEvent = Envelope<'read', { readerType: 'visitor' | 'agent'; readerId: string; seq: number }>;
export type AgentAssignedEvent = Envelope<'agent_assigned', { agentId: string; agentName: string; avatarUrl: string | null }>;
export type StatusChangeEvent = Envelope<'status_change', { status: ConversationStatus; by: 'visitor' | 'agent' | 'system' }>;
/** Agents only: a conversation was created or changed (inbox rows). */
export type ConversationEvent = Envelope<'conversation', ConversationDto>;
/** Agents only: an agent's presence changed. */
export type AgentStatusEvent = Envelope<'agent_status', { agentId: string; status: AgentStatus }>;

/** Visitor only: their place in the queue changed (null once an agent has the chat). */
export type QueueEvent = Envelope<'queue', QueueInfo | null>;
/** Agents only, to the one agent concerned: a new entry in their notification center. */
export type NotificationEvent = Envelope<'notification', NotificationDto>;
/** Visitors of a site: whether they can chat now changed (agents came/went, hours opened/closed). */
export type AvailabilityEvent = Envelope<'availability', AvailabilityDto>;
/** Agents of the visitor's site: a visitor arrived, moved to another page, changed context, or left (`online: false`). */
export type VisitorActivityEvent = Envelope<'visitor_activity', LiveVisitorDto>;

export type ServerEvent =
  | QueueEvent
  | NotificationEvent
  | MessageEvent
  | TypingEvent
  | ReadEvent
  | AgentAssignedEvent
  | StatusChangeEvent
  | ConversationEvent
  | AgentStatusEvent
  | AvailabilityEvent
  | VisitorActivityEvent;

export interface ServerToClientEvents {
  message: (e: MessageEvent) => void;
  typing: (e: TypingEvent) => void;
  read: (e: ReadEvent) => void;
  agent_assigned: (e: AgentAssignedEvent) => void;
  status_change: (e: StatusChangeEvent) => void;
  conversation: (e: ConversationEvent) => void;
  agent_status: (e: AgentStatusEvent) => void;
  queue: (e: QueueEvent) => void;
  notification: (e: NotificationEvent) => void;
  availability: (e: AvailabilityEvent) => void;
  visitor_activity: (e: VisitorActivityEvent) => void;
}

/** Visitor: `conversationId` may be omitted on the first send (a conversation is started). */
export interface SendMessagePayload {
  conversationId?: string;
  clientId: string;
  body: string;
  /** Agents only: `note` is an internal note the visitor never sees. */
  kind?: 'text' | 'note';
  /** Visitor's first message only: the department they picked. */
  departmentId?: string;
  /** Visitor's first message only: the proactive prompt they accepted (its message opens the chat). */
  triggerId?: string;
}
export interface TypingPayload {
  conversationId: string;
  isTyping: boolean;
}
export interface ReadPayload {
  conversationId: string;
  seq: number;
}
/** Ask for everything after `afterSeq` in each conversation (0 = all). */
export interface SyncPayload {
  conversations: { conversationId: string; afterSeq: number }[];
}
export interface SyncResult {
  conversations: { conversation: ConversationDto; messages: MessageDto[] }[];
}
/** Visitor only: the visitor's current (latest) conversation with its messages after `afterSeq`. */
export interface VisitorStatePayload {
  afterSeq?: number;
}
export interface VisitorStateResult {
  conversation: ConversationDto | null;
  messages: MessageDto[];
  agent: { name: string; avatarUrl: string | null } | null;
  /** Set while the conversation waits for an agent. */
  queue: QueueInfo | null;
  /** The visitor themselves: profile, pre-chat form state, session facts, trigger history. */
  visitor: VisitorSelfDto;
}

export interface ClientToServerEvents {
  message: (p: SendMessagePayload, ack: (a: Ack<{ message: MessageDto; conversation: ConversationDto }>) => void) => void;
  typing: (p: TypingPayload) => void;
  read: (p: ReadPayload, ack?: (a: Ack<{ seq: number }>) => void) => void;
  sync: (p: SyncPayload, ack: (a: Ack<SyncResult>) => void) => void;
  'visitor:state': (p: VisitorStatePayload, ack: (a: Ack<VisitorStateResult>) => void) => void;
  /** Agents: the dashboard saw keyboard/mouse activity (throttled); resets auto-away. */
  'agent:activity': (p: Record<string, never>, ack?: (a: Ack<{ status: AgentStatus }>) => void) => void;
  /** Visitor closes the chat from the widget. */
  'conversation:close': (p: { conversationId: string }, ack: (a: Ack<{ conversation: ConversationDto }>) => void) => void;
  /** Visitor: CSAT after the chat ended (once; a second rating replaces the first). */
  'conversation:rate': (p: { conversationId: string; score: number; comment?: string }, ack: (a: Ack<{ conversation: ConversationDto }>) => void) => void;
  /** Visitor: email me this chat. */
  'conversation:transcript': (p: { conversationId: string; email?: string }, ack: (a: Ack<{ email: string }>) => void) => void;
  /** Visitor: the page they are on (on connect and every navigation). */
  'visitor:page': (p: { url: string; title?: string; referrer?: string }, ack?: (a: Ack<{ visitor: VisitorSelfDto }>) => void) => void;
  /** Visitor: the pre-chat form's answers. */
  'visitor:profile': (p: { fields: Record<string, string> }, ack: (a: Ack<{ visitor: VisitorSelfDto }>) => void) => void;
  /**
   * Visitor (SDK identify/boot user): with a valid hash the visitor becomes verified; when the site
   * already has a verified visitor with that id, the widget is handed that visitor (new `token`).
   */
  'visitor:identify': (p: IdentifyBody, ack: (a: Ack<{ visitorId: string; token?: string; verified: boolean }>) => void) => void;
  /** Visitor (SDK update/setAttributes): profile claims and attributes, merged. */
  'visitor:update': (p: VisitorUpdateBody, ack?: (a: Ack<{ visitor: VisitorSelfDto }>) => void) => void;
  /** Visitor (SDK setContext): replaces the context shown to agents. */
  'visitor:context': (p: VisitorContext, ack?: (a: Ack<Record<string, never>>) => void) => void;
  /** Visitor (SDK trackEvent). */
  'visitor:event': (p: { name: string; properties?: Attributes }, ack?: (a: Ack<Record<string, never>>) => void) => void;
  /** Visitor: a proactive prompt was shown, accepted or dismissed. */
  'visitor:trigger': (p: { triggerId: string; action: TriggerAction }, ack?: (a: Ack<{ visitor: VisitorSelfDto }>) => void) => void;
}

/**
 * Why the server refused a Socket.IO handshake: `connect_error`'s `err.data`.
 *
 * @example socket.on('connect_error', (err) => { if ((err as { data?: HandshakeRefusal }).data?.code === 'origin_not_allowed') hide(); });
 */
export interface HandshakeRefusal {
  code: 'unauthenticated' | 'origin_not_allowed' | 'unavailable' | 'internal';
  message: string;
}

/** Socket.IO handshake `auth` for a visitor; agents authenticate with their session cookie. */
export interface VisitorAuth {
  siteKey: string;
  visitorId: string;
  token: string;
}
