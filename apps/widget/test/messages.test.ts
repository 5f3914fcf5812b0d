import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { maxAgentSeq, maxSeq, receipt, unreadCount } from '../src/app/messages';

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
