import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AttachmentDto, ConversationDto, MessageDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { isUniqueViolation } from '../../db/client';
import { conversations, readCursors, sites, visitors } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../errors';
import type { Actor, AgentActor, ApiActor, VisitorActor } from '../auth/actors';
import { canReadConversation, canReplyIn, canWriteNote } from '../auth/policy';
import { isParticipant } from '../collab/participants';
import { departmentsForSite } from '../departments/service';
import { mentionedAgents } from './mentions';
import { refOf, type ConversationRow } from '../conversations/presenter';
import { agentsView, findConversation, getConversationDto } from '../conversations/queries';
import { insertConversation } from '../conversations/store';
import { emailQueue } from '../email/queue';
import { mailAgentReply } from '../email/replies';
import { conversationStart, type ConversationStart } from './opening';
import { presentMessage, type MessageRow } from './presenter';
import { findMessageByClientId, findVisitorMessageByClientId } from './queries';
import { appendMessage, type NewMessage } from './store';

export interface SendInput {
  conversationId?: string;
  clientId?: string;
  body: string;
  kind?: 'text' | 'note';
  /** Visitor's first message: the department they picked in the widget. */
  departmentId?: string;
  /** Visitor's first message: the proactive prompt they accepted (its message opens the chat). */
  triggerId?: string;
  /** REST API only: who the integration says is writing. */
  as?: { senderType: 'customer' | 'agent' | 'system'; senderId: string; senderName: string };
  /**
   * Uploads (modules/files): the stored files. The message becomes `kind: 'file'` (a note
   * stays a note) and `body` is the caption, which may be empty.
   */
  attachments?: AttachmentDto[];
  /**
   * Uploads: runs inside the send's transaction right after a new message is appended (the
   * files row, the final quota and rate checks); throwing rolls the whole send back.
   */
  onAppend?: (tx: Tx, conv: ConversationRow, message: MessageRow) => Promise<void>;
  /** Uploads: the id a conversation this send starts gets (its files were stored under it). */
  newConversationId?: string;
  /** Visitors: called only when this send starts a conversation (the per-address limit); false refuses it. */
  takeChatStart?: () => Promise<boolean>;
}

export interface SendResult {
  message: MessageDto;
  conversation: ConversationDto;
  /** false when a retry returned the message stored by an earlier attempt. */
  created: boolean;
}

const OPEN = ['queued', 'active'] as const;

/**
 * The one way a message enters Parley (widget, dashboard, REST). Committed before it is
 * acknowledged, numbered inside the transaction, idempotent on `clientId`, fanned out after
 * commit. A concurrent duplicate that loses the race on the unique index returns the winner.
 */
export async function sendMessage(ctx: Ctx, actor: Actor, input: SendInput): Promise<SendResult> {
  try {
    return await sendOnce(ctx, actor, input);
  } catch (err) {
    if (input.clientId && isUniqueViolation(err)) return sendOnce(ctx, actor, input);
    throw err;
  }
}

async function sendOnce(ctx: Ctx, actor: Actor, input: SendInput): Promise<SendResult> {
  let mailed = false;
  const result: TxResult = await ctx.db.transaction(async (tx) => {
    const r = await (actor.kind === 'visitor' ? visitorSend(tx, actor, input) : actor.kind === 'agent' ? agentSend(tx, actor, input) : apiSend(tx, actor, input));
    if (r.created && input.onAppend) await input.onAppend(tx, r.conv, r.message);
    // An agent's answer in an email conversation is mailed to the visitor, committed with it.
    if (r.created) mailed = await mailAgentReply(ctx, tx, r.conv, r.message);
    return r;
  });
  if (mailed) ctx.jobs.kick(emailQueue);
  // Fan out straight after commit: nothing that can fail may stand between the commit and
  // the emit, or a retried send (answered from the stored row) would never be pushed live.
  const message = presentMessage(result.message);
  if (result.created) {
    if (result.createdConversation) {
      const dto = await getConversationDto(ctx.db, agentsView(result.conv.workspaceId), result.conv.id).catch(() => undefined);
      if (dto) ctx.bus.emit({ name: 'conversation.created', ref: refOf(result.conv), conversation: dto });
    }
    // In seq order: the greeting (or trigger message), the visitor's message, the away message.
    if (result.before) ctx.bus.emit({ name: 'message.created', ref: refOf(result.conv), message: presentMessage(result.before) });
    ctx.bus.emit({ name: 'message.created', ref: refOf(result.conv), message });
    if (result.after) ctx.bus.emit({ name: 'message.created', ref: refOf(result.conv), message: presentMessage(result.after) });
  } else {
    // A retry (same clientId) answered from the stored row. The attempt that stored it may have
    // died between its commit and its fan-out (a killed node), and then nobody was told: say it
    // again, to the sockets only (clients merge by seq; notifications and routing are not redone).
    const dto = await getConversationDto(ctx.db, agentsView(result.conv.workspaceId), result.conv.id).catch(() => undefined);
    if (dto) ctx.bus.emit({ name: 'conversation.updated', ref: refOf(result.conv), conversation: dto });
    ctx.bus.emit({ name: 'message.replayed', ref: refOf(result.conv), message });
  }
  // The sender's view of the conversation (visitors get the redacted copy).
  const conversation = (await getConversationDto(ctx.db, actor, result.conv.id))!;
  return { message, conversation, created: result.created };
}

interface TxResult {
  conv: ConversationRow;
  message: MessageRow;
  created: boolean;
  /** Only a visitor's first message starts a conversation. */
  createdConversation?: boolean;
  /** Bot messages around a visitor's first message (opening.ts). */
  before?: MessageRow;
  after?: MessageRow;
}

async function existing(tx: Tx, m: MessageRow): Promise<TxResult> {
  const [conv] = await tx.select().from(conversations).where(eq(conversations.id, m.conversationId));
  return { conv: conv!, message: m, created: false };
}

async function visitorSend(tx: Tx, actor: VisitorActor, input: SendInput): Promise<TxResult> {
  // Locking the visitor serialises this visitor's sends, so a retried first message
  // cannot start two conversations.
  const [visitor] = await tx.select().from(visitors).where(eq(visitors.id, actor.visitorId)).for('update');
  if (!visitor) throw notFound('Visitor');
  if (input.kind && input.kind !== 'text') throw new AppError('validation_failed', 'kind: visitors send text messages');
  const [site] = await tx.select({ id: sites.id, workspaceId: sites.workspaceId, active: sites.active, settings: sites.settings }).from(sites).where(eq(sites.id, actor.siteId));
  if (!site?.active) throw forbidden('Chat is turned off on this website');
  if (input.clientId) {
    const prior = await findVisitorMessageByClientId(tx, actor.visitorId, input.clientId);
    if (prior) return existing(tx, prior);
  }
  let conv: ConversationRow | undefined;
  if (input.conversationId) {
    // Locked, so an agent closing it at the same moment cannot interleave with this send.
    const [c] = await tx.select().from(conversations).where(and(eq(conversations.id, input.conversationId), eq(conversations.visitorId, actor.visitorId))).for('update');
    if (!c) throw notFound('Conversation');
    if ((OPEN as readonly string[]).includes(c.status)) conv = c;
  }
  // A closed conversation is never reopened by the visitor: the next message starts a new one.
  if (!conv && !input.conversationId) {
    [conv] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.visitorId, actor.visitorId), inArray(conversations.status, [...OPEN])))
      .orderBy(desc(conversations.createdAt))
      .limit(1)
      .for('update');
  }
  let start: ConversationStart | undefined;
  let before: MessageRow | undefined;
  if (!conv) {
    if (input.takeChatStart && !(await input.takeChatStart())) throw new AppError('rate_limited', 'Too many new chats from your network; try again in a few minutes');
    if (input.departmentId && !(await departmentsForSite(tx, actor.workspaceId, actor.siteId)).some((d) => d.id === input.departmentId)) {
      throw new AppError('validation_failed', 'departmentId: not a department of this website');
    }
    start = await conversationStart(tx, site, input.triggerId);
    conv = await insertConversation(tx, { id: input.newConversationId, workspaceId: actor.workspaceId, siteId: actor.siteId, visitorId: actor.visitorId, channel: 'web', departmentId: input.departmentId ?? null, triggerId: start.triggerId });
    if (start.before) before = (await appendMessage(tx, conv.id, start.before)).message;
  }
  // Sending is interacting: the cookieless anonKey goes (as in visitors/service markInteracted).
  await tx.update(visitors).set({ lastSeenAt: new Date(), anonKey: null }).where(eq(visitors.id, actor.visitorId));
  const r = await appendMessage(tx, conv.id, { senderType: 'visitor', senderId: actor.visitorId, senderName: visitor.name, ...contentOf(input, 'text'), clientId: input.clientId });
  const after = start?.after ? await appendMessage(tx, conv.id, start.after) : undefined;
  return { conv: after?.conversation ?? r.conversation, message: r.message, created: true, createdConversation: Boolean(start), before, after: after?.message };
}

/** Kind, body and files of the message to append: a text with files is a `file` message. */
function contentOf(input: SendInput, kind: 'text' | 'note'): Pick<NewMessage, 'kind' | 'body' | 'attachments'> {
  if (!input.attachments?.length) return { kind, body: input.body };
  return { kind: kind === 'note' ? 'note' : 'file', body: input.body, attachments: input.attachments };
}

async function lockConversation(tx: Tx, workspaceId: string, conversationId: string | undefined) {
  if (!conversationId) throw new AppError('validation_failed', 'conversationId: required');
  const [conv] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)))
    .for('update');
  return conv;
}

async function agentSend(tx: Tx, actor: AgentActor, input: SendInput): Promise<TxResult> {
  const conv = await lockConversation(tx, actor.workspaceId, input.conversationId);
  if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
  if (input.clientId) {
    const prior = await findMessageByClientId(tx, conv.id, input.clientId);
    if (prior) return { conv, message: prior, created: false };
  }
  const kind = input.kind ?? 'text';
  let mentions: string[] = [];
  if (kind === 'note') {
    if (!canWriteNote(actor, conv)) throw forbidden();
    mentions = (await mentionedAgents(tx, conv.workspaceId, conv.siteId, input.body)).filter((id) => id !== actor.agentId);
  } else {
    // The participant lookup only when the cheap rule says no (the assignee's sends skip it).
    if (!canReplyIn(actor, conv) && !canReplyIn(actor, conv, await isParticipant(tx, conv.id, actor.agentId))) {
      throw forbidden(actor.role === 'manager' ? 'Managers can read chats but not reply' : 'This chat is assigned to another agent; join it to reply');
    }
    if (conv.status === 'queued') throw new AppError('not_assigned', 'Accept this chat before replying');
    if (conv.status !== 'active') throw new AppError('conversation_closed', 'This chat is closed');
  }
  const r = await appendMessage(tx, conv.id, {
    senderType: 'agent',
    senderId: actor.agentId,
    senderName: actor.pseudoName,
    senderAvatarUrl: actor.avatarUrl,
    ...contentOf(input, kind),
    clientId: input.clientId,
    mentions,
  });
  return { conv: r.conversation, message: r.message, created: true };
}

async function apiSend(tx: Tx, actor: ApiActor, input: SendInput): Promise<TxResult> {
  const conv = await lockConversation(tx, actor.workspaceId, input.conversationId);
  if (!conv) throw notFound('Conversation');
  if (input.clientId) {
    const prior = await findMessageByClientId(tx, conv.id, input.clientId);
    if (prior) return { conv, message: prior, created: false };
  }
  if (!(OPEN as readonly string[]).includes(conv.status)) throw new AppError('conversation_closed', 'This chat is closed');
  const as = input.as ?? { senderType: 'system', senderId: actor.tokenId, senderName: 'API' };
  // An integration's upload is shown on the team's side of the chat.
  const m: NewMessage = input.attachments
    ? { senderType: 'agent', senderId: null, senderName: input.as?.senderName ?? 'API', ...contentOf(input, 'text'), clientId: input.clientId }
    : as.senderType === 'customer'
      ? { senderType: 'visitor', senderId: conv.visitorId, senderName: as.senderName, kind: 'text', body: input.body, clientId: input.clientId }
      : as.senderType === 'agent'
        ? { senderType: 'agent', senderId: as.senderId, senderName: as.senderName, kind: 'text', body: input.body, clientId: input.clientId }
        : { senderType: 'system', senderId: null, senderName: as.senderName, kind: 'event', body: input.body, clientId: input.clientId };
  const r = await appendMessage(tx, conv.id, m);
  return { conv: r.conversation, message: r.message, created: true };
}

/** Moves the reader's cursor forward (never back) and tells the other side. */
export async function markRead(ctx: Ctx, actor: VisitorActor | AgentActor, conversationId: string, seq: number) {
  const conv = await findConversation(ctx.db, actor.workspaceId, conversationId);
  if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
  const target = Math.min(seq, conv.lastSeq);
  const readerType = actor.kind;
  const readerId = actor.kind === 'visitor' ? actor.visitorId : actor.agentId;
  const [row] = await ctx.db
    .insert(readCursors)
    .values({ workspaceId: conv.workspaceId, conversationId, readerType, readerId, lastReadSeq: target })
    .onConflictDoUpdate({
      target: [readCursors.conversationId, readCursors.readerType, readCursors.readerId],
      set: { lastReadSeq: sql`greatest(${readCursors.lastReadSeq}, excluded.last_read_seq)`, updatedAt: new Date() },
    })
    .returning();
  const now = row!.lastReadSeq;
  if (now > 0) ctx.bus.emit({ name: 'read', ref: refOf(conv), readerType, readerId, seq: now });
  return now;
}
