import { v7 } from 'uuid';
import type { Priority } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { conversations, messages, visitors } from '../../db/schema';

/** Test data straight into the database: chat lists, export and search need many, varied chats fast. */
export interface SeedChat {
  workspaceId: string;
  siteId: string;
  visitor?: { id?: string; name?: string | null; email?: string | null; phone?: string | null };
  status?: 'queued' | 'active' | 'resolved' | 'closed';
  assignedAgentId?: string | null;
  departmentId?: string | null;
  tags?: readonly string[];
  priority?: Priority;
  createdAt?: Date;
  closedAt?: Date | null;
  messages?: readonly { body: string; senderType?: 'visitor' | 'agent' | 'system'; senderName?: string; kind?: 'text' | 'note' | 'event' }[];
}

let clock = Date.UTC(2025, 0, 1);
/** Strictly increasing instants, so ids (uuid v7) and timestamps agree. */
const tick = () => new Date((clock += 1000));

export async function seedChats(db: Executor, chats: SeedChat[]) {
  const visitorRows: (typeof visitors.$inferInsert)[] = [];
  const convRows: (typeof conversations.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  for (const c of chats) {
    const createdAt = c.createdAt ?? tick();
    const visitorId = c.visitor?.id ?? v7({ msecs: createdAt.getTime() });
    if (!c.visitor?.id) visitorRows.push({ id: visitorId, workspaceId: c.workspaceId, siteId: c.siteId, name: c.visitor?.name ?? null, email: c.visitor?.email ?? null, phone: c.visitor?.phone ?? null });
    const id = v7({ msecs: createdAt.getTime() });
    const msgs = (c.messages ?? []).map((m, i) => {
      const at = new Date(createdAt.getTime() + (i + 1) * 10);
      return { id: v7({ msecs: at.getTime() }), workspaceId: c.workspaceId, conversationId: id, seq: i + 1, senderType: m.senderType ?? 'visitor', senderName: m.senderName ?? null, kind: m.kind ?? 'text', body: m.body, createdAt: at };
    });
    messageRows.push(...msgs);
    const status = c.status ?? 'queued';
    convRows.push({
      id,
      workspaceId: c.workspaceId,
      siteId: c.siteId,
      visitorId,
      status,
      assignedAgentId: c.assignedAgentId ?? null,
      departmentId: c.departmentId ?? null,
      tags: [...(c.tags ?? [])],
      priority: c.priority ?? 'normal',
      createdAt,
      queuedAt: createdAt,
      closedAt: c.closedAt !== undefined ? c.closedAt : status === 'closed' || status === 'resolved' ? new Date(createdAt.getTime() + 60_000) : null,
      lastSeq: msgs.length,
      lastMessageAt: msgs.at(-1)?.createdAt ?? null,
      lastMessagePreview: msgs.at(-1)?.body.slice(0, 120) ?? null,
    });
  }
  for (let i = 0; i < visitorRows.length; i += 1000) await db.insert(visitors).values(visitorRows.slice(i, i + 1000));
  for (let i = 0; i < convRows.length; i += 1000) await db.insert(conversations).values(convRows.slice(i, i + 1000));
  for (let i = 0; i < messageRows.length; i += 1000) await db.insert(messages).values(messageRows.slice(i, i + 1000));
  return convRows.map((c) => ({ id: c.id!, visitorId: c.visitorId, createdAt: c.createdAt! }));
}
