import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { MarkNotificationsReadBody, NotificationType } from '@parley/protocol';
import type { Db } from '../../db/client';
import { notifications } from '../../db/schema';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';
import type { NotificationRow } from './presenter';
import { unreadCount } from './queries';

/** One notification for several agents, as the triggers decide it. */
export interface Notice {
  workspaceId: string;
  conversationId: string;
  type: NotificationType;
  agentIds: string[];
  title: string;
  body: string;
}

/**
 * Stores a row per recipient. A `message` notice refreshes the agent's unread one for that
 * chat instead of adding another, so a chatty visitor does not flood the notification center.
 */
export async function storeNotice(db: Db, n: Notice): Promise<NotificationRow[]> {
  if (n.agentIds.length === 0) return [];
  const createdAt = new Date();
  const rows: NotificationRow[] = [];
  let fresh = n.agentIds;
  if (n.type === 'message') {
    const refreshed = await db
      .update(notifications)
      .set({ title: n.title, body: n.body, createdAt })
      .where(and(inArray(notifications.agentId, fresh), eq(notifications.conversationId, n.conversationId), eq(notifications.type, 'message'), isNull(notifications.readAt)))
      .returning();
    // One per agent, even if a race between two nodes once stored two.
    const byAgent = new Map(refreshed.map((r) => [r.agentId, r]));
    rows.push(...byAgent.values());
    fresh = fresh.filter((id) => !byAgent.has(id));
  }
  if (fresh.length) {
    const values = fresh.map((agentId) => ({ id: newId(), workspaceId: n.workspaceId, agentId, type: n.type, conversationId: n.conversationId, title: n.title, body: n.body, createdAt }));
    rows.push(...(await db.insert(notifications).values(values).returning()));
  }
  return rows;
}

/** `POST /api/notifications/read`: only ever touches the caller's own notifications. */
export async function markRead(db: Db, actor: AgentActor, body: MarkNotificationsReadBody): Promise<number> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.agentId, actor.agentId), isNull(notifications.readAt), 'ids' in body ? inArray(notifications.id, body.ids) : undefined));
  return unreadCount(db, actor);
}
