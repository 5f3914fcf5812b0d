/**
 * Visitor engagement contract: proactive triggers, the pre-chat form, offline messages,
 * tracking, the SDK's identity/attributes/context calls, CSAT and transcripts.
 * zod schemas (the server validates with them); the interfaces live in ./models and ./events.
 */
import { z } from 'zod';
import { ClientId, Email, MessageBody, PersonName } from './common';
import { LIMITS } from './limits';
import { FormFieldKey } from './site-settings';
import { SiteKey } from './rest';

// ---- proactive triggers ---------------------------------------------------------------------

const Text200 = z.string().trim().min(1).max(200);
/** One rule of a trigger; all of a trigger's conditions must hold (AND). */
export const TriggerCondition = z.discriminatedUnion('type', [
  /** Seconds since the current page was opened. */
  z.object({ type: z.literal('time_on_page'), seconds: z.number().int().min(0).max(3600) }),
  /** The page URL; `matches` is a glob where `*` is any text (e.g. `*\/pricing*`). */
  z.object({ type: z.literal('url'), op: z.enum(['contains', 'equals', 'starts_with', 'matches', 'not_contains']), value: Text200 }),
  /** The pointer leaves through the top of the window (desktop only). */
  z.object({ type: z.literal('exit_intent') }),
  /** Pages viewed in this session (including the current one) ≥ min. */
  z.object({ type: z.literal('pages_viewed'), min: z.number().int().min(1).max(1000) }),
  /** The visitor was here before (visit count > 1), or (false) is new. */
  z.object({ type: z.literal('returning_visitor'), value: z.boolean() }),
  /** `setContext({ cart: { total } })` compared with value. */
  z.object({ type: z.literal('cart_value'), op: z.enum(['gte', 'lte']), value: z.number().min(0).max(1e9) }),
  /** The session's referrer URL. */
  z.object({ type: z.literal('referrer'), op: z.enum(['contains', 'equals', 'not_contains']), value: Text200 }),
  /** The session's `utm_source` (case-insensitive equality). */
  z.object({ type: z.literal('utm_source'), value: Text200 }),
]);
export type TriggerCondition = z.infer<typeof TriggerCondition>;
export type TriggerConditionType = TriggerCondition['type'];

export const TriggerFrequency = z.object({
  /** At most this many shows per `per`. */
  max: z.number().int().min(1).max(100).default(1),
  per: z.enum(['session', 'day', 'visitor']).default('session'),
});
export type TriggerFrequency = z.infer<typeof TriggerFrequency>;

const triggerFields = {
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  enabled: z.boolean(),
  /** Higher first when several triggers could fire. */
  priority: z.number().int().min(0).max(100),
  conditions: z.array(TriggerCondition).min(1, 'Add at least one condition').max(10),
  /** Wait this long after the conditions hold before showing. */
  delaySeconds: z.number().int().min(0).max(600),
  message: MessageBody.pipe(z.string().max(1000)),
  frequency: TriggerFrequency,
  /** Only fire while the site is within its business hours. */
  businessHoursOnly: z.boolean(),
  /** Only fire while an agent of the site is online. */
  onlyWhenAgentsOnline: z.boolean(),
};
/** `POST /api/sites/:siteId/triggers` */
export const CreateTriggerBody = z.object({
  ...triggerFields,
  enabled: triggerFields.enabled.default(true),
  priority: triggerFields.priority.default(0),
  delaySeconds: triggerFields.delaySeconds.default(0),
  frequency: TriggerFrequency.prefault({}),
  businessHoursOnly: triggerFields.businessHoursOnly.default(false),
  onlyWhenAgentsOnline: triggerFields.onlyWhenAgentsOnline.default(false),
});
export type CreateTriggerBody = z.infer<typeof CreateTriggerBody>;
/** `PATCH /api/triggers/:id` */
export const UpdateTriggerBody = z
  .object(triggerFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Nothing to update');
export type UpdateTriggerBody = z.infer<typeof UpdateTriggerBody>;

export const TriggerAction = z.enum(['shown', 'accepted', 'dismissed']);
export type TriggerAction = z.infer<typeof TriggerAction>;
/** Socket `visitor:trigger`: the widget reports what the visitor did with a prompt. */
export const TriggerReportPayload = z.object({ triggerId: z.uuid(), action: TriggerAction });

/** `GET /api/sites/:siteId/triggers/stats?from&to` (ISO dates; default last 30 days). */
export const TriggerStatsQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

// ---- pre-chat form, identity, attributes, context -------------------------------------------

const FieldValue = z.string().trim().max(1000);
/** Socket `visitor:profile`: the pre-chat form's answers by field key (checked against the site's form). */
export const ProfilePayload = z.object({ fields: z.record(FormFieldKey, FieldValue).refine((r) => Object.keys(r).length <= 20, 'Too many fields') });

/** A phone number as people type it: digits with optional +, spaces, dots, dashes, parentheses; 6-20 digits. */
export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ().-]+$/, 'Phone number can only contain digits, spaces, + ( ) . -')
  .refine((p) => {
    const n = p.replace(/\D/g, '').length;
    return n >= 6 && n <= 20;
  }, 'Phone number must have 6 to 20 digits');

/** Custom attributes: flat string/number/boolean/null values. */
export const Attributes = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 50, 'At most 50 attributes');
export type Attributes = z.infer<typeof Attributes>;

/** SDK `identify` / `boot({ user })`: `hash` = hex HMAC-SHA256(id, site secret). */
export const IdentifyPayload = z.object({
  id: z.string().trim().min(1).max(200),
  name: PersonName.optional(),
  email: z.string().trim().toLowerCase().pipe(Email).optional(),
  phone: Phone.optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/i, 'hash must be the hex HMAC-SHA256 of the user id').optional(),
});
export type IdentifyPayload = z.infer<typeof IdentifyPayload>;

/** SDK `update` / `setAttributes`: profile claims and custom attributes (merged). */
export const VisitorUpdatePayload = z.object({
  name: PersonName.optional(),
  email: z.string().trim().toLowerCase().pipe(Email).optional(),
  phone: Phone.optional(),
  attributes: Attributes.optional(),
});
export type VisitorUpdatePayload = z.infer<typeof VisitorUpdatePayload>;

/**
 * SDK `setContext`: what the visitor is doing, replaced as a whole and shown to agents live.
 * `cart.total` drives the cart-value trigger.
 */
export const VisitorContext = z
  .object({
    cart: z
      .object({
        total: z.number().min(0).max(1e9),
        currency: z.string().trim().length(3).toUpperCase().optional(),
        items: z.array(z.object({ name: z.string().trim().min(1).max(200), quantity: z.number().int().min(0).max(1e6).default(1), price: z.number().min(0).max(1e9).optional() })).max(100).default([]),
      })
      .optional(),
  })
  .catchall(z.union([z.string().max(1000), z.number(), z.boolean(), z.null(), z.record(z.string(), z.unknown())]))
  .refine((c) => JSON.stringify(c).length <= 8000, 'Context is larger than 8000 characters');
export type VisitorContext = z.infer<typeof VisitorContext>;

/** SDK `trackEvent(name, properties)`. */
export const TrackEventPayload = z.object({ name: z.string().trim().min(1).max(100), properties: Attributes.default({}) });

/** Socket `visitor:page`: the visitor is on a (new) page; sent on connect and on every navigation. */
export const PageViewPayload = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: z.string().max(300).default(''),
  /** document.referrer of the first page of the session. */
  referrer: z.string().max(2000).default(''),
});
export type PageViewPayload = z.infer<typeof PageViewPayload>;

/** `POST /api/widget/visitors` → `{ visitorId, token }`: on the first interaction, or at page load when tracking. */
export const CreateVisitorBody = z.object({
  siteKey: SiteKey,
  /**
   * false: a tracked page load whose credentials the widget keeps in memory only. The new
   * visitor then takes over the history of today's never-interacted, offline anonymous
   * visitor of this browser (never their credentials).
   */
  persistent: z.boolean().default(true),
});
export type CreateVisitorBody = z.infer<typeof CreateVisitorBody>;

// ---- offline messages, CSAT, transcripts ----------------------------------------------------

/** `POST /api/widget/offline-messages` (public; visitor credentials when the widget has them). */
export const OfflineMessageBody = z.object({
  siteKey: SiteKey,
  visitorId: z.uuid().optional(),
  token: z.string().min(16).max(128).optional(),
  name: PersonName,
  email: z.string().trim().toLowerCase().pipe(Email),
  message: MessageBody,
  /** Other pre-chat form answers, by key. */
  fields: z.record(FormFieldKey, FieldValue).default({}),
  clientId: ClientId,
}).refine((b) => !b.visitorId === !b.token, { message: 'visitorId and token go together', path: ['token'] });
export type OfflineMessageBody = z.infer<typeof OfflineMessageBody>;

/** Socket `conversation:rate`: CSAT after a chat ends. */
export const RatePayload = z.object({ conversationId: z.uuid(), score: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).default('') });
/** Socket `conversation:transcript`: email the chat to the visitor (their known email unless given). */
export const TranscriptPayload = z.object({ conversationId: z.uuid(), email: z.string().trim().toLowerCase().pipe(Email).optional() });

/** `POST /api/visitors/:visitorId/conversations`: an agent starts a chat with an online visitor. */
export const StartVisitorChatBody = z.object({ body: MessageBody, clientId: ClientId });
export type StartVisitorChatBody = z.infer<typeof StartVisitorChatBody>;

/** `GET /api/visitors/live?siteId=` */
export const LiveVisitorsQuery = z.object({ siteId: z.uuid().optional() });
