import { z } from 'zod';
import { AgentRole, AgentStatus, Channel, ConversationStatus, Domain, Email, HexColor, MessageBody, PersonName, Priority } from './common';
import { LIMITS } from './limits';

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
  title: z.string().trim().max(80),
  welcomeText: z.string().trim().max(500),
};
/** A site's widget look; every field has a default. */
export const WidgetSettings = z.object({
  color: widgetSettingsFields.color.default('#2563eb'),
  position: widgetSettingsFields.position.default('right'),
  title: widgetSettingsFields.title.default('Chat with us'),
  welcomeText: widgetSettingsFields.welcomeText.default('Hi! How can we help you today?'),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;
/** A change to some widget settings (no defaults: absent fields stay as they are). */
export const WidgetSettingsPatch = z.object(widgetSettingsFields).partial();
export type WidgetSettingsPatch = z.infer<typeof WidgetSettingsPatch>;

export const CreateSiteBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  domains: z.array(Domain).max(LIMITS.siteDomainsMax).default([]),
  settings: WidgetSettingsPatch.default({}),
});
export type CreateSiteBody = z.infer<typeof CreateSiteBody>;

export const UpdateSiteBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars).optional(),
  domains: z.array(Domain).max(LIMITS.siteDomainsMax).optional(),
  settings: WidgetSettingsPatch.optional(),
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

// ---- API tokens -------------------------------------------------------------------------

/** `POST /api/tokens` → `{ token }` (shown once) */
export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(LIMITS.nameMaxChars) });
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

// ---- inbox (dashboard) ------------------------------------------------------------------

export const InboxQuery = z.object({
  status: z.enum(['waiting', 'active', 'closed']).default('waiting'),
  siteId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  /** Closed list paging: ISO timestamp of the last row's closedAt. */
  before: z.iso.datetime().optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const MessagesQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).max(LIMITS.seqMax).default(0),
  limit: z.coerce.number().int().min(1).max(LIMITS.syncMaxMessages).default(200),
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

// ---- widget (visitor side) --------------------------------------------------------------

export const SiteKey = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** `POST /api/widget/visitors`: creates the visitor on first interaction → `{ visitorId, token }`. */
export const CreateVisitorBody = z.object({ siteKey: SiteKey });
export type CreateVisitorBody = z.infer<typeof CreateVisitorBody>;

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
