import type { AgentRole, AgentStatus, Channel, ConversationStatus, MessageKind, NotificationType, Priority, SenderType } from './common';
import type { InboxFilters, RoutingSettings, WidgetSettings } from './rest';
import type { TriggerCondition, TriggerFrequency } from './engagement';
import type { FileTypeKey } from './file-types';

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
  /** `kind: 'file'` messages: the files (the body is the optional caption). */
  attachments?: AttachmentDto[];
}

/**
 * A file as carried in its message. Never holds a link: links are short-lived and issued per
 * participant by `GET /api/files/:id/link` (agents) or `GET /api/widget/files/:id/link` (visitors).
 */
export interface AttachmentDto {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  /** Sniffed from the bytes, never the browser's claim. */
  mime: string;
  type: FileTypeKey;
  /** Images: pixel size after EXIF orientation; a thumbnail exists. */
  width?: number;
  height?: number;
  /** `expired`: deleted by retention; `infected`: blocked by the virus scanner. */
  status: 'ready' | 'expired' | 'infected';
}

/** A short-lived signed link to a file (and its thumbnail for images). */
export interface FileLinkDto {
  url: string;
  thumbUrl: string | null;
  expiresAt: string;
}

/** A file in a conversation's side panel. */
export interface ConversationFileDto extends AttachmentDto {
  messageId: string;
  seq: number;
  uploaderType: 'visitor' | 'agent' | 'api';
  uploaderName: string | null;
  createdAt: string;
}

/** Files report of a site (admins). */
export interface FilesReportDto {
  siteId: string;
  /** Stored (not expired) files and their bytes. */
  count: number;
  bytes: number;
  quotaBytes: number;
  expired: number;
  infected: number;
  byType: { type: FileTypeKey; count: number; bytes: number }[];
  /** Uploads per day over the last 30 days (UTC dates). */
  daily: { date: string; count: number; bytes: number }[];
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
  visitor: { id: string; name: string | null; email: string | null; phone?: string | null; externalId: string | null; verified?: boolean };
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
  /** CSAT given by the visitor after the chat ended. */
  rating?: RatingDto | null;
  /** The proactive trigger whose prompt started this chat. */
  triggerId?: string | null;
}

export interface RatingDto {
  score: number;
  comment: string;
  ratedAt: string;
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
  /** Admins only: the key for identity verification (`hash` = HMAC-SHA256(user id, this)). */
  identitySecret?: string;
}

/** What the widget learns about its site before anything else (public). */
export interface WidgetConfigDto {
  siteId: string;
  name: string;
  settings: WidgetSettings;
  agentsOnline: number;
  /** Departments the visitor can pick from (shown when there are two or more). */
  departments: { id: string; name: string }[];
  availability: AvailabilityDto;
  /** The site's enabled proactive triggers, evaluated in the widget. */
  triggers: WidgetTriggerDto[];
}

/**
 * Can a visitor chat now? `closed`: outside business hours (or a holiday); `no_agents`: within
 * hours but no agent of the site is online. `nextOpenAt`: the next opening when closed.
 */
export interface AvailabilityDto {
  available: boolean;
  reason: 'open' | 'closed' | 'no_agents';
  nextOpenAt: string | null;
}

/** What the widget needs of a trigger (no stats, no name). */
export interface WidgetTriggerDto {
  id: string;
  priority: number;
  conditions: TriggerCondition[];
  delaySeconds: number;
  message: string;
  frequency: TriggerFrequency;
  businessHoursOnly: boolean;
  onlyWhenAgentsOnline: boolean;
}

export interface TriggerDto extends WidgetTriggerDto {
  siteId: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Per trigger over a period: prompts shown, accepted, dismissed, and chats they started. */
export interface TriggerStatsDto {
  triggerId: string;
  name: string;
  shown: number;
  accepted: number;
  dismissed: number;
  chats: number;
}

/** Per trigger, what this visitor has seen (frequency caps; "dismiss remembers"). */
export interface TriggerHistoryDto {
  total: number;
  today: number;
  session: number;
  dismissed: boolean;
}

/** The visitor as their own widget sees them. */
export interface VisitorSelfDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  verified: boolean;
  /** The pre-chat form was answered (or every required field is already known). */
  profileComplete: boolean;
  visitCount: number;
  /** The current session (null when tracking is off). */
  session: { pagesViewed: number; referrer: string | null; utmSource: string | null } | null;
  triggers: Record<string, TriggerHistoryDto>;
}

export interface PageViewDto {
  id: string;
  url: string;
  title: string;
  enteredAt: string;
  leftAt: string | null;
  /** Time spent on the page so far. */
  seconds: number;
}

export interface VisitorSessionDto {
  id: string;
  startedAt: string;
  lastSeenAt: string;
  endedAt: string | null;
  landingUrl: string | null;
  referrer: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };
  pageViews: PageViewDto[];
}

export interface DeviceDto {
  browser: string | null;
  os: string | null;
  /** desktop | mobile | tablet | … (ua-parser-js device type; desktop when absent). */
  device: string | null;
}

export interface GeoDto {
  country: string | null;
  countryCode: string | null;
  city: string | null;
}

/** One row of the live-visitors page (`GET /api/visitors/live`, `visitor_activity` events). */
export interface LiveVisitorDto {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  verified: boolean;
  online: boolean;
  device: DeviceDto;
  geo: GeoDto;
  currentUrl: string | null;
  currentTitle: string | null;
  /** Start of the current session (time on site). */
  sessionStartedAt: string | null;
  pagesViewed: number;
  visitCount: number;
  referrer: string | null;
  utmSource: string | null;
  cart: { total: number; currency: string | null } | null;
  /** The visitor's open (queued/active) chat, if any. */
  conversation: { id: string; status: ConversationStatus; assignedAgentId: string | null } | null;
  lastSeenAt: string;
}

export interface VisitorEventDto {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  createdAt: string;
}

/** `GET /api/visitors/:id`: everything the conversation side panel shows. */
export interface VisitorDetailDto extends LiveVisitorDto {
  phone: string | null;
  externalId: string | null;
  attributes: Record<string, unknown>;
  context: Record<string, unknown>;
  firstSeenAt: string;
  /** Latest sessions first, each with its page views in order. */
  sessions: VisitorSessionDto[];
  events: VisitorEventDto[];
  conversations: { id: string; status: ConversationStatus; createdAt: string; lastMessagePreview: string | null; rating: RatingDto | null }[];
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}
