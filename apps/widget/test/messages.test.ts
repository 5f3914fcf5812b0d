import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { maxAgentSeq, maxSeq, mergeMessages, receipt, unreadCount } from '../src/app/messages';

function msg(seq: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `id-${seq}`,
    conversationId: 'c1',
    seq,
    senderType: 'visitor',
    senderId: null,
    senderName: null,
    kind: 'text',
    body: `message ${seq}`,
    clientId: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    ...over,
  };
}

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order', () => {
    const merged = mergeMessages([msg(3)], [msg(1), msg(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps one copy of a message delivered twice (live event and resync)', () => {
    const merged = mergeMessages([msg(1), msg(2)], [msg(2), msg(3)]);
    expect(merged.map((m) => m.id)).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('lets the later copy of the same seq win', () => {
    const merged = mergeMessages([msg(1, { body: 'old' })], [msg(1, { body: 'edited' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0].body).toBe('edited');
  });

  it('never keeps an internal note, even if the server sent one', () => {
    const merged = mergeMessages([], [msg(1), msg(2, { kind: 'note', senderType: 'agent' }), msg(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 3]);
  });

  it('deduplicates by id when the same message comes with another seq', () => {
    const merged = mergeMessages([msg(1), msg(2, { id: 'x' })], [msg(5, { id: 'x' })]);
    expect(merged.map((m) => `${m.id}@${m.seq}`)).toEqual(['id-1@1', 'x@5']);
  });
});

describe('seq helpers', () => {
  const list = [msg(1), msg(2, { senderType: 'agent' }), msg(3, { senderType: 'system' }), msg(4, { senderType: 'bot' }), msg(5)];

  it('finds the highest seq held and the highest team seq', () => {
    expect(maxSeq(list)).toBe(5);
    expect(maxSeq([])).toBe(0);
    expect(maxAgentSeq(list)).toBe(4);
  });

  it('counts only team messages after what the visitor has seen as unread', () => {
    expect(unreadCount(list, 0)).toBe(2);
    expect(unreadCount(list, 2)).toBe(1);
    expect(unreadCount(list, 4)).toBe(0);
  });

  it('shows ✓✓ once an agent has read up to the message', () => {
    expect(receipt(msg(5), 4)).toBe('✓');
    expect(receipt(msg(5), 5)).toBe('✓✓');
  });
});
