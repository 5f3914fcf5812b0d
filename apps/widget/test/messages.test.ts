import { describe, expect, it } from 'vitest';
import { buildMessage } from '@parley/protocol/testing';
import { maxAgentSeq, maxSeq, receipt, startsRun, unreadCount } from '../src/app/messages';

const msg = buildMessage;

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

describe('sender runs', () => {
  const ana = { senderType: 'agent' as const, senderId: 'a', senderName: 'Ana' };
  const bo = { senderType: 'agent' as const, senderId: 'b', senderName: 'Bo' };

  it('shows the name again when another agent writes, after an event line, or after the visitor', () => {
    expect(startsRun(undefined, msg(1, ana))).toBe(true);
    expect(startsRun(msg(1, ana), msg(2, ana))).toBe(false);
    expect(startsRun(msg(1, ana), msg(2, bo))).toBe(true);
    expect(startsRun(msg(1, { ...ana, kind: 'event', senderType: 'system' }), msg(2, ana))).toBe(true);
    expect(startsRun(msg(1), msg(2, ana))).toBe(true);
  });
});
