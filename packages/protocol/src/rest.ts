import { z } from 'zod';
import { AgentRole, AgentStatus, Channel, ConversationStatus, Domain, Email, HexColor, MessageBody, PersonName, Priority, RoutingMode, Tag, TransferMode } from './common';
import { LIMITS } from './limits';
import { DarkMode, LauncherIcon, WidgetLanguage, siteBehaviourFields } from './site-settings';

const Password = z.string().min(LIMITS.passwordMinChars, `Password must have at least ${LIMITS.passwordMinChars} characters`).max(LIMITS.passwordMaxChars);

// ---- auth -------------------------------------------------------------------------------

/** `POST /api/auth/login` → `{ agent, csrfToken }` and a session cookie. */
export const LoginBody = z.object({ email: z.string().trim().toLowerCase().pipe(Email), password: z.string().min(1).max(LIMITS.passwordMaxChars) });
export type LoginBody = z.infer<typeof LoginBody>;

/** `POST /api/setup` (first run only): the owner and the first site. */
export const SetupBody = z.object({
  workspaceName: z.string().trim().min(1).max(LIMITS.nameMaxChars).default('My workspace'),
  name: PersonName,
  email: z.string().trim().toLowerCase().pipe(Email),
  password: Password,
  siteName: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  siteDomains: z.array(Domain).max(LIMITS.siteDomainsMax).default([]),
});
export type SetupBody = z.infer<typeof SetupBody>;

// ---- sites ------------------------------------------------------------------------------

const widgetSettingsFields = {
  color: HexColor,
  position: z.enum(['right', 'left']),
  /** The team name shown in the widget's header. */
  title: z.string().trim().max(80),
  welcomeText: z.string().trim().max(500),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  launcherIcon: LauncherIcon,
  darkMode: DarkMode,
  language: WidgetLanguage,
};
/** A site's widget look and visitor-facing behaviour; every field has a default. */
export const WidgetSettings = z.object({
  color: widgetSettingsFields.color.default('#2563eb'),
  position: widgetSettingsFields.position.default('right'),
  title: widgetSettingsFields.title.default('Chat with us'),
  welcomeText: widgetSettingsFields.welcomeText.default('Hi! How can we help you today?'),
  avatarUrl: widgetSettingsFields.avatarUrl.default(null),
  launcherIcon: widgetSettingsFields.launcherIcon.default('chat'),
  darkMode: widgetSettingsFields.darkMode.default('auto'),
  language: widgetSettingsFields.language.default('auto'),
  preChatForm: siteBehaviourFields.preChatForm.prefault({}),
  businessHours: siteBehaviourFields.businessHours.prefault({}),
  offline: siteBehaviourFields.offline.prefault({}),
  greeting: siteBehaviourFields.greeting.prefault({}),
  away: siteBehaviourFields.away.prefault({}),
  tracking: siteBehaviourFields.tracking.prefault({}),
  files: siteBehaviourFields.files.prefault({}),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;
/** A change to some widget settings: each top-level key present replaces the stored one. */
export const WidgetSettingsPatch = z.object({ ...widgetSettingsFields, ...siteBehaviourFields }).partial();
export type WidgetSettingsPatch = z.infer<typeof WidgetSettingsPatch>;

const routingFields = {
  mode: RoutingMode,
  /** A chat waiting longer than this is re-announced to every agent of the site; 0 = never. */
  unansweredAlertSeconds: z.number().int().min(0).max(86_400),
};
/** How a site's new chats reach agents; every field has a default. */
export const RoutingSettings = z.object({
  mode: routingFields.mode.default('manual'),
  unansweredAlertSeconds: routingFields.unansweredAlertSeconds.default(120),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;
export const RoutingSettingsPatch = z.object(routingFields).partial();
export type RoutingSettingsPatch = z.infer<typeof RoutingSettingsPatch>;

export const CreateSiteBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  domains: z.array(Domain).max(LIMITS.siteDomainsMax).default([]),
  settings: WidgetSettingsPatch.default({}),
  routing: RoutingSettingsPatch.default({}),
});
export type CreateSiteBody = z.infer<typeof CreateSiteBody>;

export const UpdateSiteBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars).optional(),
  domains: z.array(Domain).max(LIMITS.siteDomainsMax).optional(),
  settings: WidgetSettingsPatch.optional(),
  routing: RoutingSettingsPatch.optional(),
  active: z.boolean().optional(),
});
export type UpdateSiteBody = z.infer<typeof UpdateSiteBody>;

// ---- agents -----------------------------------------------------------------------------

export const CreateAgentBody = z.object({
  name: PersonName,
  email: z.string().trim().toLowerCase().pipe(Email),
  password: Password,
  pseudoName: z.string().trim().min(1).max(LIMITS.nameMaxChars).optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  role: AgentRole.exclude(['owner']).default('agent'),
  maxChats: z.number().int().min(1).max(100).default(5),
  siteIds: z.array(z.uuid()).max(500).default([]),
});
export type CreateAgentBody = z.infer<typeof CreateAgentBody>;

export const UpdateAgentBody = z.object({
  name: PersonName.optional(),
  pseudoName: z.string().trim().min(1).max(LIMITS.nameMaxChars).optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  role: AgentRole.exclude(['owner']).optional(),
  maxChats: z.number().int().min(1).max(100).optional(),
  siteIds: z.array(z.uuid()).max(500).optional(),
  password: Password.optional(),
});
export type UpdateAgentBody = z.infer<typeof UpdateAgentBody>;

/** `PUT /api/me/status` */
export const SetStatusBody = z.object({ status: AgentStatus });
export type SetStatusBody = z.infer<typeof SetStatusBody>;

// ---- workspace settings, departments -----------------------------------------------------

const workspaceSettingsFields = {
  /** An online agent with no dashboard activity for this long is set to away; 0 = never. */
  autoAwayMinutes: z.number().int().min(0).max(24 * 60),
  /** When an agent goes offline, their active chats go back to the queue (else they stay). */
  requeueOnOffline: z.boolean(),
  /** How long an agent may be disconnected (closed tab, lost network) before they count as offline. */
  offlineGraceSeconds: z.number().int().min(5).max(3600),
};
export const WorkspaceSettings = z.object({
  autoAwayMinutes: workspaceSettingsFields.autoAwayMinutes.default(15),
  requeueOnOffline: workspaceSettingsFields.requeueOnOffline.default(true),
  offlineGraceSeconds: workspaceSettingsFields.offlineGraceSeconds.default(60),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
/** `PUT /api/workspace/settings` (admins) */
export const WorkspaceSettingsPatch = z.object(workspaceSettingsFields).partial();
export type WorkspaceSettingsPatch = z.infer<typeof WorkspaceSettingsPatch>;

/** `POST /api/departments`; `siteIds: []` means every site. */
export const CreateDepartmentBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  siteIds: z.array(z.uuid()).max(500).default([]),
  agentIds: z.array(z.uuid()).max(1000).default([]),
});
export type CreateDepartmentBody = z.infer<typeof CreateDepartmentBody>;
export const UpdateDepartmentBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars).optional(),
  siteIds: z.array(z.uuid()).max(500).optional(),
  agentIds: z.array(z.uuid()).max(1000).optional(),
});
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>;

// ---- API tokens -------------------------------------------------------------------------

/** `POST /api/tokens` → `{ token }` (shown once) */
export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(LIMITS.nameMaxChars) });
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

// ---- inbox (dashboard) ------------------------------------------------------------------

/** Comma-separated ids in a query string (`siteIds=a,b`), or an array. */
const IdList = z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.uuid()).max(500));

export const InboxStatus = z.enum(['waiting', 'active', 'closed', 'all']);
export type InboxStatus = z.infer<typeof InboxStatus>;
/** `mine`, `unassigned`, or an agent id. */
export const AgentFilter = z.union([z.enum(['mine', 'unassigned']), z.uuid()]);
export const DatePreset = z.enum(['today', 'yesterday', '7d', '30d', 'custom']);
export type DatePreset = z.infer<typeof DatePreset>;
/** Lead form filled (the visitor left an email or phone) or still pending. */
export const LeadStatus = z.enum(['filled', 'pending']);
export type LeadStatus = z.infer<typeof LeadStatus>;

/** The filters of a chat list; what a saved view stores (dates as a preset or a custom range). */
export const InboxFilters = z.object({
  status: InboxStatus.default('waiting'),
  siteIds: IdList.optional(),
  agent: AgentFilter.optional(),
  departmentId: z.uuid().optional(),
  datePreset: DatePreset.optional(),
  /** Conversations created at or after / before these instants. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  leadStatus: LeadStatus.optional(),
  tag: Tag.optional(),
  priority: Priority.optional(),
});
export type InboxFilters = z.infer<typeof InboxFilters>;

/** `GET /api/conversations` and `GET /api/conversations/export.csv` */
export const InboxQuery = InboxFilters.extend({
  /** One visitor's chats (the side panel's previous chats). */
  visitorId: z.uuid().optional(),
  /** Back-compat single site filter. */
  siteId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  /** Paging for closed/all lists: the last row's `cursor` from the previous page. */
  before: z.string().max(200).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

/** `POST /api/views` */
export const SavedViewBody = z.object({ name: z.string().trim().min(1).max(LIMITS.nameMaxChars), filters: InboxFilters });
export type SavedViewBody = z.infer<typeof SavedViewBody>;

/** `GET /api/search?q=` */
export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'Type something to search for').max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** `PATCH /api/conversations/:id`: tags, priority, subject; resolve, close or reopen (`active`). */
export const UpdateConversationBody = z
  .object({
    tags: z.array(Tag).max(50).optional(),
    priority: Priority.optional(),
    subject: z.string().trim().max(LIMITS.subjectMaxChars).nullable().optional(),
    status: z.enum(['active', 'resolved', 'closed']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Nothing to update');
export type UpdateConversationBody = z.infer<typeof UpdateConversationBody>;

/** `POST /api/conversations/:id/transfer`: to an agent or to a department, never both. */
export const TransferBody = z
  .object({
    toAgentId: z.uuid().optional(),
    toDepartmentId: z.uuid().optional(),
    reason: z.string().trim().max(500).optional(),
    mode: TransferMode.default('leave'),
  })
  .refine((b) => (b.toAgentId ? 1 : 0) + (b.toDepartmentId ? 1 : 0) === 1, 'Choose an agent or a department to transfer to');
export type TransferBody = z.infer<typeof TransferBody>;

// ---- canned responses ---------------------------------------------------------------------

/** What `/shortcut` in the composer matches. */
export const Shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'Shortcut: 1-32 letters, digits, - or _ (no spaces)');
export const CreateCannedBody = z.object({
  title: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  shortcut: Shortcut,
  category: z.string().trim().max(60).nullable().default(null),
  body: MessageBody,
  /** Shared with the whole team (admins and managers only) or personal. */
  shared: z.boolean().default(false),
});
export type CreateCannedBody = z.infer<typeof CreateCannedBody>;
export const UpdateCannedBody = z
  .object({ title: z.string().trim().min(1).max(LIMITS.nameMaxChars), shortcut: Shortcut, category: z.string().trim().max(60).nullable(), body: MessageBody, shared: z.boolean() })
  .partial();
export type UpdateCannedBody = z.infer<typeof UpdateCannedBody>;

// ---- notifications, push ------------------------------------------------------------------

export const NotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unreadOnly: z.preprocess((v) => v === 'true' || v === true, z.boolean()).default(false),
});
/** `POST /api/notifications/read`: some ids, or everything. */
export const MarkNotificationsReadBody = z.union([z.object({ ids: z.array(z.uuid()).min(1).max(500) }), z.object({ all: z.literal(true) })]);
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBody>;

/** `POST /api/push/subscriptions`: a browser PushSubscription's JSON. */
export const PushSubscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  keys: z.object({ p256dh: z.string().min(16).max(200), auth: z.string().min(8).max(100) }),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;
export const DeletePushSubscriptionBody = z.object({ endpoint: z.url().max(2000) });

export const MessagesQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).max(LIMITS.seqMax).default(0),
  limit: z.coerce.number().int().min(1).max(LIMITS.syncMaxMessages).default(200),
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

// ---- widget (visitor side) --------------------------------------------------------------

export const SiteKey = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);


// ---- integrations REST API (seed 003) ----------------------------------------------------

/** Seed 003 `senderType`: `customer` is our `visitor`. */
export const ApiSenderType = z.enum(['customer', 'agent', 'system']);

/** `POST /api/chat/start` → `{ conversation }` */
export const ApiChatStartBody = z.object({
  customerId: z.string().trim().min(1).max(200),
  customerName: PersonName,
  customerEmail: z.string().trim().toLowerCase().pipe(Email).optional(),
  channel: Channel.default('api'),
  subject: z.string().trim().max(LIMITS.subjectMaxChars).optional(),
  /** Which site of the workspace; defaults to the workspace's first site. */
  siteId: z.uuid().optional(),
});
export type ApiChatStartBody = z.infer<typeof ApiChatStartBody>;

/** `PUT /api/chat/:conversationId` → `{ conversation }` */
export const ApiChatUpdateBody = z
  .object({
    status: ConversationStatus.optional(),
    subject: z.string().trim().max(LIMITS.subjectMaxChars).nullable().optional(),
    agentId: z.uuid().nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    priority: Priority.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Nothing to update');
export type ApiChatUpdateBody = z.infer<typeof ApiChatUpdateBody>;

/** `POST /api/chat/:conversationId/message` → `{ message }` */
export const ApiMessageBody = z.object({
  senderId: z.string().trim().min(1).max(200),
  senderName: PersonName,
  senderType: ApiSenderType,
  content: MessageBody,
  clientId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type ApiMessageBody = z.infer<typeof ApiMessageBody>;
