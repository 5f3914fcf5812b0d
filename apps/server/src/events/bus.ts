import type { AgentStatus, AvailabilityDto, ConversationDto, LiveVisitorDto, MessageDto, NotificationDto, QueueInfo, TransferDto } from '@parley/protocol';

/** Where a conversation lives: enough to compute any event's audience. */
export interface ConvRef {
  workspaceId: string;
  siteId: string;
  visitorId: string;
  conversationId: string;
}

/**
 * Domain events, emitted by services after their transaction commits. Names live here and
 * only here; listeners (realtime fan-out now; webhooks, email, push later) subscribe.
 */
export type DomainEvent =
  | { name: 'message.created'; ref: ConvRef; message: MessageDto }
  /** A stored message changed (its file expired): clients keep the new copy of that seq. */
  | { name: 'message.updated'; ref: ConvRef; message: MessageDto }
  /**
   * A retried send answered from the stored row: announced again (realtime only), since the
   * attempt that stored it may have died between its commit and its fan-out.
   */
  | { name: 'message.replayed'; ref: ConvRef; message: MessageDto }
  | { name: 'conversation.created'; ref: ConvRef; conversation: ConversationDto }
  | { name: 'conversation.updated'; ref: ConvRef; conversation: ConversationDto }
  /** `via: 'routing'` when automatic routing (not an agent) chose the assignee. */
  | { name: 'conversation.assigned'; ref: ConvRef; conversation: ConversationDto; agent: { id: string; pseudoName: string; avatarUrl: string | null }; via?: 'routing' }
  | { name: 'conversation.status_changed'; ref: ConvRef; conversation: ConversationDto; by: 'visitor' | 'agent' | 'system' }
  /** After commit of a transfer; `conversation` is the state after it (assignee or queue). */
  | { name: 'conversation.transferred'; ref: ConvRef; conversation: ConversationDto; transfer: TransferDto }
  /** A chat has waited longer than its site's unansweredAlertSeconds (once per period). */
  | { name: 'conversation.unanswered'; ref: ConvRef; conversation: ConversationDto; waitedSeconds: number }
  /** Queue positions of a site's waiting visitors changed; `queue: null` once assigned. */
  | { name: 'queue.changed'; entries: { visitorId: string; conversationId: string; queue: QueueInfo | null }[] }
  /** A notification row was stored for one agent. */
  | { name: 'notification.created'; workspaceId: string; agentId: string; notification: NotificationDto }
  | { name: 'typing'; ref: ConvRef; actor: { type: 'visitor' | 'agent'; id: string; name: string | null }; isTyping: boolean }
  | { name: 'read'; ref: ConvRef; readerType: 'visitor' | 'agent'; readerId: string; seq: number }
  | { name: 'agent.status_changed'; workspaceId: string; agentId: string; status: AgentStatus }
  | { name: 'agent.sites_changed'; workspaceId: string; agentId: string; siteIds: string[] | 'all' }
  | { name: 'site.created'; workspaceId: string; siteId: string }
  /** A site's name, domains or settings changed (business hours may open or close it). */
  | { name: 'site.updated'; workspaceId: string; siteId: string }
  /** Whether a site's visitors can chat now may have changed (pushed to its widgets). */
  | { name: 'availability.changed'; workspaceId: string; siteId: string; availability: AvailabilityDto }
  /** A visitor arrived, changed page, context or profile, or left (`visitor.online` false): the live-visitors page. */
  | { name: 'visitor.activity'; workspaceId: string; siteId: string; visitor: LiveVisitorDto }
  /** A session was signed out, an agent disabled, a site turned off or a visitor merged away: those sockets must go. */
  | { name: 'access.revoked'; sessionId?: string; agentId?: string; siteId?: string; visitorId?: string };

export type EventName = DomainEvent['name'];
type Listener = (event: DomainEvent) => void;

export class EventBus {
  private listeners: Listener[] = [];
  on(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
  /** Call only after the change is committed. A failing listener never breaks the caller. */
  emit(event: DomainEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('event listener failed', event.name, err);
      }
    }
  }
}
