import { Readable } from 'node:stream';
import { and, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { agents, conversations, messages, sites, visitors } from '../../db/schema';
import { csvRow } from './csv';
import { chatFilter, type ChatFilters, type Lister } from './filters';

const CONVERSATION_BATCH = 500;
const MESSAGE_PAGE = 2000;

const HEADER = [
  'conversation_id',
  'site',
  'status',
  'priority',
  'tags',
  'created_at',
  'closed_at',
  'assigned_agent',
  'visitor_name',
  'visitor_email',
  'visitor_phone',
  'message_at',
  'sender_type',
  'sender_name',
  'kind',
  'body',
];

type Conv = Awaited<ReturnType<typeof conversationBatch>>[number];
type Msg = Awaited<ReturnType<typeof messagePage>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Newest first by id (uuid v7: creation order), a batch at a time. */
function conversationBatch(db: Executor, actor: Lister, f: ChatFilters, beforeId: string | undefined) {
  return db
    .select({
      id: conversations.id,
      site: sites.name,
      status: conversations.status,
      priority: conversations.priority,
      tags: conversations.tags,
      createdAt: conversations.createdAt,
      closedAt: conversations.closedAt,
      agent: agents.name,
      visitorName: visitors.name,
      visitorEmail: visitors.email,
      visitorPhone: visitors.phone,
    })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(agents, eq(agents.id, conversations.assignedAgentId))
    .where(and(chatFilter(actor, f), beforeId ? lt(conversations.id, beforeId) : undefined))
    .orderBy(desc(conversations.id))
    .limit(CONVERSATION_BATCH);
}

/** The batch's messages in the batch's order (conversation id desc), then seq; paged after `after`. */
function messagePage(db: Executor, conversationIds: string[], after: { conversationId: string; seq: number } | undefined) {
  return db
    .select({ conversationId: messages.conversationId, seq: messages.seq, createdAt: messages.createdAt, senderType: messages.senderType, senderName: messages.senderName, kind: messages.kind, body: messages.body })
    .from(messages)
    .where(
      and(
        inArray(messages.conversationId, conversationIds),
        isNull(messages.deletedAt),
        after ? or(lt(messages.conversationId, after.conversationId), and(eq(messages.conversationId, after.conversationId), gt(messages.seq, after.seq))) : undefined,
      ),
    )
    .orderBy(desc(messages.conversationId), messages.seq)
    .limit(MESSAGE_PAGE);
}

const record = (c: Conv, m: Msg | null) =>
  csvRow([
    c.id,
    c.site,
    c.status,
    c.priority,
    c.tags.join('; '),
    iso(c.createdAt),
    iso(c.closedAt),
    c.agent,
    c.visitorName,
    c.visitorEmail,
    c.visitorPhone,
    m && iso(m.createdAt),
    m?.senderType,
    m?.senderName,
    m?.kind,
    m?.body,
  ]);

/** One CSV record per message; a conversation without messages gets one record of its own. */
async function* exportRecords(db: Executor, actor: Lister, f: ChatFilters): AsyncGenerator<string> {
  yield csvRow(HEADER);
  let beforeId: string | undefined;
  for (;;) {
    const convs = await conversationBatch(db, actor, f, beforeId);
    if (!convs.length) return;
    // Messages come in the batch's order: walk both together, giving empty chats their one row.
    let i = 0;
    let current: string | undefined;
    const upTo = (conversationId: string | null) => {
      let out = '';
      while (i < convs.length && convs[i]!.id !== conversationId) {
        if (current !== convs[i]!.id) out += record(convs[i]!, null);
        i++;
      }
      return out;
    };
    let after: Msg | undefined;
    for (;;) {
      const page = await messagePage(
        db,
        convs.map((c) => c.id),
        after,
      );
      let out = '';
      for (const m of page) {
        out += upTo(m.conversationId);
        current = m.conversationId;
        out += record(convs[i]!, m);
      }
      if (out) yield out;
      if (page.length < MESSAGE_PAGE) break;
      after = page.at(-1);
    }
    const rest = upTo(null);
    if (rest) yield rest;
    if (convs.length < CONVERSATION_BATCH) return;
    beforeId = convs.at(-1)!.id;
  }
}

/**
 * The filtered chats as CSV, produced batch by batch as the client reads: the next batch is
 * queried only when the response has drained (Readable.from pulls on demand), so memory stays
 * flat however many conversations match.
 */
export const exportCsv = (db: Executor, actor: Lister, f: ChatFilters) => Readable.from(exportRecords(db, actor, f), { objectMode: false });
