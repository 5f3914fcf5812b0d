import type { ConversationDto, ParticipantDto } from '@parley/protocol';
import type { conversations, visitors } from '../../db/schema';

export type ConversationRow = typeof conversations.$inferSelect;
export type VisitorRow = typeof visitors.$inferSelect;

export interface ConversationExtras {
  assignedAgentName?: string | null;
  unreadCount?: number;
  visitorReadSeq?: number;
  agentReadSeq?: number;
  participants?: ParticipantDto[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The one shape of a conversation, for REST responses and socket payloads alike. */
export function presentConversation(row: ConversationRow, visitor: Pick<VisitorRow, 'id' | 'name' | 'email' | 'externalId' | 'verified'> & { phone?: string | null }, extras: ConversationExtras = {}): ConversationDto {
  return {
    id: row.id,
    siteId: row.siteId,
    visitorId: row.visitorId,
    status: row.status,
    channel: row.channel,
    subject: row.subject,
    priority: row.priority,
    tags: row.tags,
    assignedAgentId: row.assignedAgentId,
    assignedAgentName: extras.assignedAgentName ?? null,
    lastSeq: row.lastSeq,
    lastMessageAt: iso(row.lastMessageAt),
    lastMessagePreview: row.lastMessagePreview,
    createdAt: row.createdAt.toISOString(),
    assignedAt: iso(row.assignedAt),
    closedAt: iso(row.closedAt),
    visitor: { id: visitor.id, name: visitor.name, email: visitor.email, phone: visitor.phone ?? null, externalId: visitor.externalId, verified: visitor.verified },
    departmentId: row.departmentId,
    participants: extras.participants ?? [],
    queuedAt: iso(row.queuedAt),
    updatedAt: row.updatedAt.toISOString(),
    rating: row.ratingScore !== null && row.ratedAt ? { score: row.ratingScore, comment: row.ratingComment ?? '', ratedAt: row.ratedAt.toISOString() } : null,
    triggerId: row.triggerId,
    ...(extras.unreadCount !== undefined ? { unreadCount: extras.unreadCount } : {}),
    ...(extras.visitorReadSeq !== undefined ? { visitorReadSeq: extras.visitorReadSeq } : {}),
    ...(extras.agentReadSeq !== undefined ? { agentReadSeq: extras.agentReadSeq } : {}),
  };
}

/** Tags, priority and internal fields are agent-only: a visitor's copy goes without them. */
export function redactForVisitor(dto: ConversationDto): ConversationDto {
  return { ...dto, tags: [], priority: 'normal', subject: null, unreadCount: undefined, departmentId: null, visitor: { ...dto.visitor, externalId: null } };
}

export const refOf = (row: ConversationRow) => ({ workspaceId: row.workspaceId, siteId: row.siteId, visitorId: row.visitorId, conversationId: row.id });
