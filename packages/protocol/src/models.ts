import type { AgentRole, AgentStatus, Channel, ConversationStatus, MessageKind, NotificationType, Priority, SenderType } from './common';
import type { InboxFilters, RoutingSettings, WidgetSettings } from './rest';

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
  /** Notes: ids of the agents @mentioned. */
  mentions?: string[];
}

export interface ParticipantDto {
  agentId: string;
  name: string;
  avatarUrl: string | null;
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
  visitor: { id: string; name: string | null; email: string | null; phone?: string | null; externalId: string | null };
  departmentId: string | null;
  /** Agents besides the assignee who joined the chat (multi-agent chats). */
  participants: ParticipantDto[];
  /** When it (last) entered the queue; waiting time is counted from here. */
  queuedAt: string | null;
  /** Bumped by every change: of two copies, the one with the later `updatedAt` is current. */
  updatedAt: string;
  /** Paging cursor for the list this row came from. */
  cursor?: string;
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
  departmentIds: string[];
  createdAt: string;
}

export interface DepartmentDto {
  id: string;
  name: string;
  /** Empty: every site. */
  siteIds: string[];
  agentIds: string[];
  createdAt: string;
}

export interface TransferDto {
  id: string;
  conversationId: string;
  fromAgentId: string | null;
  fromAgentName: string | null;
  toAgentId: string | null;
  toAgentName: string | null;
  toDepartmentId: string | null;
  toDepartmentName: string | null;
  reason: string | null;
  mode: 'leave' | 'stay';
  createdAt: string;
}

export interface CannedResponseDto {
  id: string;
  title: string;
  shortcut: string;
  category: string | null;
  body: string;
  shared: boolean;
  /** Who owns a personal response (null for shared ones). */
  ownerAgentId: string | null;
  usageCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SavedViewDto {
  id: string;
  name: string;
  filters: InboxFilters;
  createdAt: string;
}

export interface SearchResultDto {
  conversationId: string;
  siteId: string;
  siteName: string;
  status: ConversationStatus;
  visitor: { id: string; name: string | null; email: string | null; phone: string | null };
  matchedIn: 'message' | 'visitor';
  /** The matching message (or the chat's last message), shortened. */
  preview: string;
  /** Seq of the matching message, to scroll to it. */
  seq: number | null;
  at: string;
}

export interface NotificationDto {
  id: string;
  type: NotificationType;
  conversationId: string | null;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

/** A queued visitor's place in line. */
export interface QueueInfo {
  position: number;
  /** null while there is no history to estimate from. */
  estimatedWaitSeconds: number | null;
}

export interface SiteDto {
  id: string;
  name: string;
  domains: string[];
  widgetKey: string;
  settings: WidgetSettings;
  routing: RoutingSettings;
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
  /** Departments the visitor can pick from (shown when there are two or more). */
  departments: { id: string; name: string }[];
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}
