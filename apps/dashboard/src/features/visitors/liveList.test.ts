import { describe, expect, it } from 'vitest';
import type { ConversationDto, LiveVisitorDto, VisitorDetailDto } from '@parley/protocol';
import { applyActivity, applyConversation, applyLiveFields, expireLeaving, fromSnapshot, LEAVE_FADE_MS, patchVisitorChat, visibleRange, type LiveRow } from './liveList';

const SITE = 'site-a';
function visitor(id: string, over: Partial<LiveVisitorDto> = {}): LiveVisitorDto {
  return {
    id,
    siteId: SITE,
    name: null,
    email: null,
    verified: false,
    online: true,
    device: { browser: 'Chrome', os: 'Linux', device: null },
    geo: { country: null, countryCode: null, city: null },
    currentUrl: 'https://shop.test/',
    currentTitle: 'Home',
    sessionStartedAt: '2025-06-18T12:00:00.000Z',
    pagesViewed: 1,
    visitCount: 1,
    referrer: null,
    utmSource: null,
    cart: null,
    conversation: null,
    lastSeenAt: '2025-06-18T12:00:00.000Z',
    ...over,
  };
}
const ids = (rows: readonly LiveRow[]) => rows.map((r) => r.id);

describe('live visitors list', () => {
  it('keeps online visitors of the snapshot, newest arrival first', () => {
    const rows = fromSnapshot([
      visitor('a', { sessionStartedAt: '2025-06-18T11:00:00.000Z' }),
      visitor('b', { sessionStartedAt: '2025-06-18T12:00:00.000Z' }),
      visitor('c', { online: false }),
    ]);
    expect(ids(rows)).toEqual(['b', 'a']);
  });

  it('inserts a new visitor in order and replaces a known one in place', () => {
    let rows = fromSnapshot([visitor('a', { sessionStartedAt: '2025-06-18T11:00:00.000Z' })]);
    rows = applyActivity(rows, visitor('b', { sessionStartedAt: '2025-06-18T11:30:00.000Z' }), 0);
    expect(ids(rows)).toEqual(['b', 'a']);
    rows = applyActivity(rows, visitor('a', { sessionStartedAt: '2025-06-18T11:00:00.000Z', currentTitle: 'Pricing', pagesViewed: 2, lastSeenAt: '2025-06-18T12:01:00.000Z' }), 0);
    expect(ids(rows)).toEqual(['b', 'a']);
    expect(rows[1]).toMatchObject({ currentTitle: 'Pricing', pagesViewed: 2 });
  });

  it('ignores a copy older than the row it has', () => {
    const rows = fromSnapshot([visitor('a', { currentTitle: 'Checkout', lastSeenAt: '2025-06-18T12:05:00.000Z' })]);
    const next = applyActivity(rows, visitor('a', { currentTitle: 'Home', lastSeenAt: '2025-06-18T12:01:00.000Z' }), 0);
    expect(next).toBe(rows);
  });

  it('ignores visitors of other sites when filtered by site', () => {
    const rows = fromSnapshot([visitor('a')]);
    expect(applyActivity(rows, visitor('x', { siteId: 'site-b' }), 0, SITE)).toBe(rows);
    expect(ids(applyActivity(rows, visitor('x', { siteId: 'site-b', sessionStartedAt: '2025-06-18T10:00:00.000Z' }), 0))).toEqual(['a', 'x']);
  });

  it('fades a visitor who left, then removes the row', () => {
    let rows = fromSnapshot([visitor('a'), visitor('b', { sessionStartedAt: '2025-06-18T11:00:00.000Z' })]);
    rows = applyActivity(rows, visitor('a', { online: false, lastSeenAt: '2025-06-18T12:02:00.000Z' }), 1000);
    expect(rows.find((r) => r.id === 'a')).toMatchObject({ online: false, leavingAt: 1000 });
    expect(expireLeaving(rows, 1000 + LEAVE_FADE_MS - 1)).toBe(rows);
    expect(ids(expireLeaving(rows, 1000 + LEAVE_FADE_MS))).toEqual(['b']);
  });

  it('a visitor who comes back while fading stays (new page load)', () => {
    let rows = fromSnapshot([visitor('a')]);
    rows = applyActivity(rows, visitor('a', { online: false, lastSeenAt: '2025-06-18T12:02:00.000Z' }), 1000);
    rows = applyActivity(rows, visitor('a', { currentTitle: 'Page 2', lastSeenAt: '2025-06-18T12:02:00.000Z' }), 1200);
    expect(rows[0]!.leavingAt).toBeUndefined();
    expect(ids(expireLeaving(rows, 1000 + LEAVE_FADE_MS))).toEqual(['a']);
  });

  it('an offline event for an unknown visitor changes nothing', () => {
    const rows = fromSnapshot([visitor('a')]);
    expect(applyActivity(rows, visitor('zzz', { online: false }), 0)).toBe(rows);
  });

});

function conversation(over: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: 'c1',
    siteId: SITE,
    visitorId: 'a',
    status: 'active',
    channel: 'web',
    subject: null,
    priority: 'normal',
    tags: [],
    assignedAgentId: 'agent-1',
    assignedAgentName: 'Alice',
    lastSeq: 2,
    lastMessageAt: null,
    lastMessagePreview: 'Hello',
    createdAt: '2025-06-18T12:00:00.000Z',
    assignedAt: null,
    closedAt: null,
    visitor: { id: 'a', name: null, email: null, externalId: null },
    departmentId: null,
    participants: [],
    queuedAt: null,
    updatedAt: '2025-06-18T12:00:00.000Z',
    ...over,
  };
}

describe('chats of live visitors', () => {
  it('links a visitor row to the chat that opened and unlinks it when that chat ends', () => {
    let rows = fromSnapshot([visitor('a'), visitor('b', { sessionStartedAt: '2025-06-18T11:00:00.000Z' })]);
    rows = applyConversation(rows, conversation());
    expect(rows[0]!.conversation).toEqual({ id: 'c1', status: 'active', assignedAgentId: 'agent-1' });
    // another, older chat of theirs closing does not unlink the open one
    expect(applyConversation(rows, conversation({ id: 'old', status: 'closed' }))).toBe(rows);
    rows = applyConversation(rows, conversation({ status: 'resolved' }));
    expect(rows[0]!.conversation).toBeNull();
    // someone not on the list
    expect(applyConversation(rows, conversation({ visitorId: 'zzz' }))).toBe(rows);
  });
});

describe('visitor detail', () => {
  const detail: VisitorDetailDto = {
    ...visitor('a'),
    phone: null,
    externalId: null,
    attributes: {},
    context: {},
    firstSeenAt: '2025-06-01T00:00:00.000Z',
    sessions: [],
    events: [],
    conversation: { id: 'c1', status: 'active', assignedAgentId: 'agent-1' },
    conversations: [
      { id: 'c1', status: 'active', createdAt: '2025-06-18T12:00:00.000Z', lastMessagePreview: 'Hello', rating: null },
      { id: 'c0', status: 'closed', createdAt: '2025-06-10T12:00:00.000Z', lastMessagePreview: 'Bye', rating: null },
    ],
  };

  it('follows a chat that closed and got rated', () => {
    const rating = { score: 4, comment: 'Quick', ratedAt: '2025-06-18T12:30:00.000Z' };
    const next = patchVisitorChat(detail, conversation({ status: 'closed', lastMessagePreview: 'Thanks', rating }));
    expect(next.conversation).toBeNull();
    expect(next.conversations[0]).toMatchObject({ status: 'closed', lastMessagePreview: 'Thanks', rating });
    expect(next.conversations[1]).toBe(detail.conversations[1]);
  });

  it('takes the live fields of an activity event for the same visitor only', () => {
    const moved = applyLiveFields(detail, visitor('a', { currentTitle: 'Checkout', pagesViewed: 5, cart: { total: 30, currency: 'EUR' } }));
    expect(moved).toMatchObject({ currentTitle: 'Checkout', pagesViewed: 5, cart: { total: 30, currency: 'EUR' }, firstSeenAt: detail.firstSeenAt });
    expect(applyLiveFields(detail, visitor('b'))).toBe(detail);
  });
});

describe('visibleRange', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    expect(visibleRange(0, 600, 60, 1000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(6000, 600, 60, 1000, 5)).toEqual({ start: 95, end: 115 });
    expect(visibleRange(60_000, 600, 60, 1000, 5)).toEqual({ start: 995, end: 1000 });
    expect(visibleRange(0, 600, 60, 0)).toEqual({ start: 0, end: 0 });
  });
});
