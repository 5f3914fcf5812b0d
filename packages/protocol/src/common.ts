import { z } from 'zod';
import { LIMITS } from './limits';

export const Id = z.uuid();

export const ConversationStatus = z.enum(['queued', 'active', 'resolved', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Who wrote a message. `visitor` is what seed 003 calls `customer`. */
export const SenderType = z.enum(['visitor', 'agent', 'system', 'bot']);
export type SenderType = z.infer<typeof SenderType>;

export const MessageKind = z.enum(['text', 'file', 'note', 'event']);
export type MessageKind = z.infer<typeof MessageKind>;

export const AgentRole = z.enum(['owner', 'admin', 'manager', 'agent']);
export type AgentRole = z.infer<typeof AgentRole>;

export const AgentStatus = z.enum(['online', 'away', 'busy', 'offline']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const Channel = z.enum(['web', 'mobile', 'email', 'api']);
export type Channel = z.infer<typeof Channel>;

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

/** Message text: trimmed, non-empty, at most LIMITS.messageMaxChars characters. */
export const MessageBody = z
  .string()
  .trim()
  .min(1, 'Message is empty')
  .max(LIMITS.messageMaxChars, `Message is longer than ${LIMITS.messageMaxChars} characters`);

/** A client-generated idempotency key for a send (a UUID, or any 8–64 char token). */
export const ClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'clientId must be 8-64 url-safe characters');

export const Email = z.email().max(LIMITS.emailMaxChars);
export const PersonName = z.string().trim().min(1).max(LIMITS.nameMaxChars);

/** Allowed domain of a site: a host name such as `shop.example.com`, `*.example.com` or `localhost`. */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'Not a valid domain name (use e.g. shop.example.com or *.example.com)')
  .max(253);

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must look like #1f6feb');

/** How a site hands new chats to agents. */
export const RoutingMode = z.enum(['manual', 'round_robin', 'least_loaded']);
export type RoutingMode = z.infer<typeof RoutingMode>;

/** A transfer either hands the chat over (`leave`) or keeps the sender in it (`stay`). */
export const TransferMode = z.enum(['leave', 'stay']);
export type TransferMode = z.infer<typeof TransferMode>;

export const NotificationType = z.enum(['waiting', 'message', 'transfer', 'mention', 'unanswered']);
export type NotificationType = z.infer<typeof NotificationType>;

/** A conversation tag: short, trimmed, compared case-insensitively (stored lower-case). */
export const Tag = z.string().trim().toLowerCase().min(1).max(50);
