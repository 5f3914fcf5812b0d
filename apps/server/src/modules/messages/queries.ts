import { and, asc, eq, gt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { conversations, messages } from '../../db/schema';
import { presentMessage } from './presenter';

/** Messages after `afterSeq`, ascending. Visitors never get notes. */
export async function listMessages(db: Executor, conversationId: string, opts: { afterSeq: number; limit: number; forVisitor: boolean }) {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, opts.afterSeq), opts.forVisitor ? ne(messages.kind, 'note') : undefined))
    .orderBy(asc(messages.seq))
    .limit(opts.limit);
  return rows.map(presentMessage);
}

/** A visitor's earlier send with this clientId, in any of their conversations. */
export async function findVisitorMessageByClientId(db: Executor, visitorId: string, clientId: string) {
  const [r] = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.clientId, clientId), eq(conversations.visitorId, visitorId), eq(messages.senderType, 'visitor'), eq(messages.senderId, visitorId)))
    .limit(1);
  return r?.message;
}

export async function findMessageByClientId(db: Executor, conversationId: string, clientId: string) {
  const [r] = await db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.clientId, clientId)));
  return r;
}
