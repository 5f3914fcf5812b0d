import type { AgentStatus, ConversationDto, MessageDto } from '@parley/protocol';

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
  | { name: 'conversation.created'; ref: ConvRef; conversation: ConversationDto }
  | { name: 'conversation.updated'; ref: ConvRef; conversation: ConversationDto }
  | { name: 'conversation.assigned'; ref: ConvRef; conversation: ConversationDto; agent: { id: string; pseudoName: string; avatarUrl: string | null } }
  | { name: 'conversation.status_changed'; ref: ConvRef; conversation: ConversationDto; by: 'visitor' | 'agent' | 'system' }
  | { name: 'typing'; ref: ConvRef; actor: { type: 'visitor' | 'agent'; id: string; name: string | null }; isTyping: boolean }
  | { name: 'read'; ref: ConvRef; readerType: 'visitor' | 'agent'; readerId: string; seq: number }
  | { name: 'agent.status_changed'; workspaceId: string; agentId: string; status: AgentStatus }
  | { name: 'agent.sites_changed'; workspaceId: string; agentId: string; siteIds: string[] | 'all' }
  | { name: 'site.created'; workspaceId: string; siteId: string }
  /** A session was signed out, an agent disabled or a site turned off: those sockets must go. */
  | { name: 'access.revoked'; sessionId?: string; agentId?: string; siteId?: string };

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
