import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { installationSetting } from '../../db/app-settings';

const Secret = z.object({ key: z.string().min(32) });

/** The installation's key for signing reply addresses, created on first use and shared by every node. */
export async function replySecret(db: Db): Promise<string> {
  return (await installationSetting(db, 'email_reply_secret', Secret, () => ({ key: randomBytes(32).toString('hex') }))).key;
}

/** The first 10 hex characters of HMAC-SHA256(conversationId): unguessable, short enough for a local part. */
function signature(secret: string, conversationId: string): string {
  return createHmac('sha256', secret).update(conversationId).digest('hex').slice(0, 10);
}

/** `reply+<conversationId>.<signature>@<domain>`: where a visitor's email reply goes. */
export function replyAddress(secret: string, conversationId: string, domain: string): string {
  return `reply+${conversationId}.${signature(secret, conversationId)}@${domain}`;
}

const REPLY = /^reply\+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-f]{10})@[^@\s]+$/;

/** The conversation a reply address stands for, if its signature is valid (case-insensitive: some relays change case). */
export function conversationOfReplyAddress(secret: string, address: string): string | undefined {
  const m = REPLY.exec(address.trim().toLowerCase());
  if (!m) return undefined;
  const [, conversationId, sig] = m as unknown as [string, string, string];
  const expected = Buffer.from(signature(secret, conversationId));
  return timingSafeEqual(expected, Buffer.from(sig)) ? conversationId : undefined;
}

/** Message-ID of the mail carrying one Parley message. */
export const messageMailId = (messageId: string, domain: string) => `<msg-${messageId}@${domain}>`;
/** The thread root every mail of a conversation refers to (the offline auto-reply carries it). */
export const threadRootId = (conversationId: string, domain: string) => `<conv-${conversationId}@${domain}>`;
