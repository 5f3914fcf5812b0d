import type { ServerEvent } from '@parley/protocol';
import type { DomainEvent } from '../events/bus';
import { rooms } from './rooms';

export interface Delivery {
  rooms: string[];
  event: ServerEvent;
}

/**
 * The one function that decides who hears what. Visitors only ever get events of their own
 * conversations and never notes or agent-only data; agents get events of their sites only.
 */
export function deliveriesFor(e: DomainEvent, now = new Date()): Delivery[] {
  const timestamp = now.toISOString();
  switch (e.name) {
    case 'message.created':
    case 'message.updated':
    case 'message.replayed': {
      const agents = rooms.siteAgents(e.ref.siteId);
      const visible = e.message.kind !== 'note';
      return [{ rooms: visible ? [agents, rooms.visitor(e.ref.visitorId)] : [agents], event: { type: 'message', conversationId: e.ref.conversationId, data: e.message, timestamp } }];
    }
    case 'conversation.created':
    case 'conversation.updated':
      return [{ rooms: [rooms.siteAgents(e.ref.siteId)], event: { type: 'conversation', conversationId: e.ref.conversationId, data: e.conversation, timestamp } }];
    case 'conversation.assigned':
      return [
        { rooms: [rooms.siteAgents(e.ref.siteId)], event: { type: 'conversation', conversationId: e.ref.conversationId, data: e.conversation, timestamp } },
        {
          rooms: [rooms.siteAgents(e.ref.siteId), rooms.visitor(e.ref.visitorId)],
          event: { type: 'agent_assigned', conversationId: e.ref.conversationId, data: { agentId: e.agent.id, agentName: e.agent.pseudoName, avatarUrl: e.agent.avatarUrl }, timestamp },
        },
      ];
    case 'conversation.status_changed':
      return [
        { rooms: [rooms.siteAgents(e.ref.siteId)], event: { type: 'conversation', conversationId: e.ref.conversationId, data: e.conversation, timestamp } },
        {
          rooms: [rooms.siteAgents(e.ref.siteId), rooms.visitor(e.ref.visitorId)],
          event: { type: 'status_change', conversationId: e.ref.conversationId, data: { status: e.conversation.status, by: e.by }, timestamp },
        },
      ];
    case 'conversation.transferred':
    case 'conversation.unanswered':
      // Agents see the new state; the visitor sees the transfer's system message only.
      return [{ rooms: [rooms.siteAgents(e.ref.siteId)], event: { type: 'conversation', conversationId: e.ref.conversationId, data: e.conversation, timestamp } }];
    case 'queue.changed':
      return e.entries.map((q) => ({ rooms: [rooms.visitor(q.visitorId)], event: { type: 'queue', conversationId: q.conversationId, data: q.queue, timestamp } }));
    case 'notification.created':
      return [{ rooms: [rooms.agent(e.agentId)], event: { type: 'notification', conversationId: e.notification.conversationId, data: e.notification, timestamp } }];
    case 'typing': {
      // A visitor's typing goes to agents only; an agent's to the visitor and fellow agents.
      const to = e.actor.type === 'visitor' ? [rooms.siteAgents(e.ref.siteId)] : [rooms.siteAgents(e.ref.siteId), rooms.visitor(e.ref.visitorId)];
      return [
        {
          rooms: to,
          event: { type: 'typing', conversationId: e.ref.conversationId, data: { userId: e.actor.id, userName: e.actor.name, senderType: e.actor.type, isTyping: e.isTyping }, timestamp },
        },
      ];
    }
    case 'read': {
      const to = e.readerType === 'visitor' ? [rooms.siteAgents(e.ref.siteId)] : [rooms.siteAgents(e.ref.siteId), rooms.visitor(e.ref.visitorId)];
      return [{ rooms: to, event: { type: 'read', conversationId: e.ref.conversationId, data: { readerType: e.readerType, readerId: e.readerId, seq: e.seq }, timestamp } }];
    }
    case 'agent.status_changed':
      return [{ rooms: [rooms.workspaceAgents(e.workspaceId)], event: { type: 'agent_status', conversationId: null, data: { agentId: e.agentId, status: e.status }, timestamp } }];
    case 'availability.changed':
      return [{ rooms: [rooms.siteVisitors(e.siteId)], event: { type: 'availability', conversationId: null, data: e.availability, timestamp } }];
    case 'visitor.activity':
      // Tracking data is for the site's agents; visitors never see each other (or themselves) here.
      return [{ rooms: [rooms.siteAgents(e.siteId)], event: { type: 'visitor_activity', conversationId: null, data: e.visitor, timestamp } }];
    case 'agent.sites_changed':
    case 'site.created':
    case 'site.updated':
    case 'access.revoked':
      return []; // room membership changes, handled by the realtime layer
  }
}
