import { eq, sql } from 'drizzle-orm';
import type { Channel } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { conversations } from '../../db/schema';
import { newId } from '../../ids';

/** Low-level insert shared by the widget path and the REST API; callers own the transaction. */
export async function insertConversation(
  tx: Executor,
  input: { id?: string; workspaceId: string; siteId: string; visitorId: string; channel: Channel; subject?: string | null; departmentId?: string | null; triggerId?: string | null },
) {
  const [row] = await tx
    .insert(conversations)
    .values({ id: input.id ?? newId(), workspaceId: input.workspaceId, siteId: input.siteId, visitorId: input.visitorId, channel: input.channel, subject: input.subject ?? null, status: 'queued', departmentId: input.departmentId ?? null, triggerId: input.triggerId ?? null, queuedAt: new Date() })
    .returning();
  return row!;
}

/**
 * `conversations.updated_at` for an UPDATE: the clock when the row is written (the row lock
 * is held by then) and always past the previous value, so it rises in commit order and
 * clients can drop a copy older than the one they hold (`ConversationDto.updatedAt`).
 */
export const touched = sql`greatest(clock_timestamp(), ${conversations.updatedAt} + interval '1 microsecond')`;

/**
 * A resolved or closed conversation the visitor wrote to again (an email reply): back in the
 * queue, unassigned, so it reaches the agents. The caller holds the row lock.
 */
export async function requeueConversation(tx: Executor, conversationId: string) {
  const [row] = await tx
    .update(conversations)
    .set({ status: 'queued', assignedAgentId: null, assignedAt: null, queuedAt: new Date(), alertedAt: null, resolvedAt: null, closedAt: null, updatedAt: touched })
    .where(eq(conversations.id, conversationId))
    .returning();
  return row!;
}
