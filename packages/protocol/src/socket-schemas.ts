import { z } from 'zod';
import { ClientId, MessageBody } from './common';
import { SiteKey } from './rest';
import { LIMITS } from './limits';

/** zod twins of the payload interfaces in ./events: the server validates every socket event. */
export const SendMessagePayload = z.object({ conversationId: z.uuid().optional(), clientId: ClientId, body: MessageBody, kind: z.enum(['text', 'note']).optional(), departmentId: z.uuid().optional(), triggerId: z.uuid().optional() });
export const TypingPayload = z.object({ conversationId: z.uuid(), isTyping: z.boolean() });
export const ReadPayload = z.object({ conversationId: z.uuid(), seq: z.number().int().min(0).max(LIMITS.seqMax) });
export const SyncPayload = z.object({
  conversations: z.array(z.object({ conversationId: z.uuid(), afterSeq: z.number().int().min(0).max(LIMITS.seqMax) })).max(LIMITS.pageSizeMax),
});
export const VisitorStatePayload = z.object({ afterSeq: z.number().int().min(0).max(LIMITS.seqMax).optional() }).default({});
export const CloseConversationPayload = z.object({ conversationId: z.uuid() });
export const VisitorAuth = z.object({ siteKey: SiteKey, visitorId: z.uuid(), token: z.string().min(16).max(128) });
