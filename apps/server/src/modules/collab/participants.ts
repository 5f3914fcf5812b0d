import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { conversationParticipants } from '../../db/schema';

/** Has the agent joined this chat (and not left)? */
export async function isParticipant(db: Executor, conversationId: string, agentId: string): Promise<boolean> {
  const [row] = await db
    .select({ agentId: conversationParticipants.agentId })
    .from(conversationParticipants)
    .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.agentId, agentId), isNull(conversationParticipants.leftAt)));
  return !!row;
}
