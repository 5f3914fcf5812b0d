import type { AgentRole, AgentStatus, Channel, ConversationStatus, MessageKind, Priority, SenderType } from './common';
import type { WidgetSettings } from './rest';

/** A message as every client sees it (the one presenter's output). */
export interface MessageDto {
  id: string;
  conversationId: string;
  seq: number;
  senderType: SenderType;
  senderId: string | null;
  /** Pseudo name for agents, visitor name, or null. */
  senderName: string | null;
  senderAvatarUrl?: string | null;
  kind: MessageKind;
  body: string;
  clientId: string | null;
  createdAt: string;
}

export interface ConversationDto {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  channel: Channel;
  subject: string | null;
  priority: Priority;
  tags: string[];
  assignedAgentId: string | null;
  assignedAgentName: string | null;
  lastSeq: number;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  createdAt: string;
  assignedAt: string | null;
  closedAt: string | null;
  visitor: { id: string; name: string | null; email: string | null; externalId: string | null };
  /** Agent views only: visitor messages after this agent's read cursor. */
  unreadCount?: number;
  /** Highest seq the other side has read (for ✓✓). */
  visitorReadSeq?: number;
  agentReadSeq?: number;
}

export interface AgentDto {
  id: string;
  name: string;
  email: string;
  pseudoName: string;
  avatarUrl: string | null;
  role: AgentRole;
  status: AgentStatus;
  maxChats: number;
  siteIds: string[];
  createdAt: string;
}

export interface SiteDto {
  id: string;
  name: string;
  domains: string[];
  widgetKey: string;
  settings: WidgetSettings;
  active: boolean;
  isDemo: boolean;
  /** The one-line embed code for this site. */
  snippet: string;
  createdAt: string;
}

/** What the widget learns about its site before anything else (public). */
export interface WidgetConfigDto {
  siteId: string;
  name: string;
  settings: WidgetSettings;
  agentsOnline: number;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}
