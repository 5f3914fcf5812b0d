import { describe, expect, it } from 'vitest';
import { buildMessage } from '@parley/protocol/testing';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { appendPage, applyMessage, attentionCount, markRead, tabOf, upsertConversation, visitorLabel } from './inboxLists';

let n = 0;
function conv(overrides: Partial<ConversationDto> = {}): ConversationDto {
  n += 1;
  const id = overrides.id ?? `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    siteId: 'site-1',
    visitorId: `visitor-${n}`,
    status: 'queued',
    channel: 'web',
    subject: null,
    priority: 'normal',
    tags: [],
    assignedAgentId: null,
    assignedAgentName: null,
    lastSeq: 1,
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessagePreview: 'hello',
    createdAt: '2025-01-01T10:00:00.000Z',
    assignedAt: null,
    closedAt: null,
    visitor: { id: `visitor-${n}`, name: null, email: null, externalId: null },
    departmentId: null,
    participants: [],
    queuedAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    unreadCount: 0,
    ...overrides,
  };
}

const msg = (conversationId: string, seq: number, overrides: Partial<MessageDto> = {}) => buildMessage(seq, { conversationId, ...overrides });

describe('tabOf', () => {
  it('maps statuses to tabs', () => {
    expect(tabOf('queued')).toBe('waiting');
    expect(tabOf('active')).toBe('active');
    expect(tabOf('resolved')).toBe('closed');
    expect(tabOf('closed')).toBe('closed');
  });
});

describe('upsertConversation', () => {
  it('keeps the waiting list oldest first', () => {
    const older = conv({ createdAt: '2025-01-01T09:00:00.000Z' });
    const newer = conv({ createdAt: '2025-01-01T11:00:00.000Z' });
    const list = upsertConversation('waiting', upsertConversation('waiting', [], newer), older);
    expect(list.map((c) => c.id)).toEqual([older.id, newer.id]);
  });

  it('moves an accepted chat out of waiting and into active', () => {
    const c = conv();
    const waiting = [c];
    const accepted = { ...c, status: 'active' as const, assignedAgentId: 'a1', assignedAt: '2025-01-01T10:05:00.000Z' };
    expect(upsertConversation('waiting', waiting, accepted)).toEqual([]);
    expect(upsertConversation('active', [], accepted).map((x) => x.id)).toEqual([c.id]);
  });

  it('sorts active chats by latest activity first', () => {
    const quiet = conv({ status: 'active', lastMessageAt: '2025-01-01T10:00:00.000Z' });
    const busy = conv({ status: 'active', lastMessageAt: '2025-01-01T11:00:00.000Z' });
    expect(upsertConversation('active', [quiet], busy).map((c) => c.id)).toEqual([busy.id, quiet.id]);
  });

  it('an older copy arriving late rolls nothing back but the read marks move forward', () => {
    const current = conv({ status: 'active', tags: ['refund'], updatedAt: '2025-01-01T10:05:00.000Z', agentReadSeq: 1 });
    const stale = { ...current, tags: [], status: 'queued' as const, updatedAt: '2025-01-01T10:04:00.000Z', agentReadSeq: 3 };
    const [row] = upsertConversation('active', [current], stale);
    expect(row).toMatchObject({ tags: ['refund'], status: 'active', agentReadSeq: 3 });
  });

  it('keeps my unread count when the event omits it', () => {
    const c = conv({ status: 'active', unreadCount: 4 });
    const { unreadCount: _drop, ...event } = { ...c, subject: 'Billing' };
    const [row] = upsertConversation('active', [c], event as ConversationDto);
    expect(row?.unreadCount).toBe(4);
    expect(row?.subject).toBe('Billing');
  });

  it('keeps the assigned agent name when a payload omits it for the same agent', () => {
    const c = conv({ status: 'active', assignedAgentId: 'a1', assignedAgentName: 'Ada' });
    expect(upsertConversation('active', [c], { ...c, assignedAgentName: null })[0]?.assignedAgentName).toBe('Ada');
    expect(upsertConversation('active', [c], { ...c, assignedAgentId: 'a2', assignedAgentName: null })[0]?.assignedAgentName).toBeNull();
  });

  it('does not let an older snapshot roll back the preview', () => {
    const c = conv({ status: 'active', lastSeq: 5, lastMessagePreview: 'latest' });
    const [row] = upsertConversation('active', [c], { ...c, lastSeq: 3, lastMessagePreview: 'stale' });
    expect(row?.lastMessagePreview).toBe('latest');
    expect(row?.lastSeq).toBe(5);
  });

  it('leaves a list untouched when the conversation belongs elsewhere', () => {
    const list = [conv()];
    expect(upsertConversation('waiting', list, conv({ status: 'closed' }))).toBe(list);
  });
});

describe('applyMessage', () => {
  it('updates preview and time, bumps unread and re-sorts', () => {
    const a = conv({ status: 'active', lastMessageAt: '2025-01-01T11:00:00.000Z' });
    const b = conv({ status: 'active', lastMessageAt: '2025-01-01T10:00:00.000Z' });
    const next = applyMessage('active', [a, b], msg(b.id, 2, { body: 'any news?' }), { countsUnread: true });
    expect(next.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(next[0]).toMatchObject({ lastSeq: 2, lastMessagePreview: 'any news?', unreadCount: 1 });
  });

  it('does not bump unread for a chat I am reading', () => {
    const a = conv({ status: 'active' });
    expect(applyMessage('active', [a], msg(a.id, 2), { countsUnread: false })[0]?.unreadCount).toBe(0);
  });

  it('ignores a message it already applied (same or lower seq)', () => {
    const a = conv({ status: 'active', lastSeq: 3 });
    const list = [a];
    expect(applyMessage('active', list, msg(a.id, 3), { countsUnread: true })).toBe(list);
  });

  it('returns the same list for an unknown conversation so the caller can refetch', () => {
    const list = [conv()];
    expect(applyMessage('waiting', list, msg('other', 2), { countsUnread: true })).toBe(list);
  });

  it('labels internal notes in the preview', () => {
    const a = conv({ status: 'active' });
    expect(applyMessage('active', [a], msg(a.id, 2, { kind: 'note', senderType: 'agent', body: 'VIP' }), { countsUnread: false })[0]?.lastMessagePreview).toBe('Note: VIP');
  });
});

describe('markRead, appendPage, attentionCount, visitorLabel', () => {
  it('clears one row', () => {
    const a = conv({ unreadCount: 3 });
    expect(markRead([a], a.id)[0]?.unreadCount).toBe(0);
  });
  it('appends older closed rows without duplicates', () => {
    const a = conv({ status: 'closed', closedAt: '2025-01-02T00:00:00.000Z' });
    const b = conv({ status: 'closed', closedAt: '2025-01-01T00:00:00.000Z' });
    expect(appendPage('closed', [a], [a, b]).map((c) => c.id)).toEqual([a.id, b.id]);
  });
  it('counts waiting chats plus unread active messages', () => {
    expect(attentionCount([conv(), conv()], [conv({ unreadCount: 2 }), conv({ unreadCount: 1 })])).toBe(5);
    expect(attentionCount(undefined, undefined)).toBe(0);
  });
  it('names anonymous visitors by a short id', () => {
    expect(visitorLabel({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', name: null })).toBe('Visitor #F4A5B');
    expect(visitorLabel({ id: 'x', name: ' Ada ' })).toBe('Ada');
  });
});
