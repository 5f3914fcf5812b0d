import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { leavesGap, linkify, mergeMessages, receiptFor } from './messageList';

const m = (seq: number, id = `m${seq}`): MessageDto => ({
  id,
  conversationId: 'c1',
  seq,
  senderType: 'visitor',
  senderId: null,
  senderName: null,
  kind: 'text',
  body: `#${seq}`,
  clientId: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('mergeMessages', () => {
  it('merges out-of-order batches into ascending seq without duplicates', () => {
    const merged = mergeMessages([m(1), m(3)], [m(2), m(3), m(4)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });
  it('returns the same array when nothing is new', () => {
    const list = [m(1), m(2)];
    expect(mergeMessages(list, [m(2)])).toBe(list);
  });
});

describe('leavesGap', () => {
  it('detects a missing seq', () => {
    expect(leavesGap([m(1), m(2)], m(4))).toBe(true);
    expect(leavesGap([m(1), m(2)], m(3))).toBe(false);
    expect(leavesGap(undefined, m(9))).toBe(false);
  });
});

describe('receiptFor', () => {
  it('shows read once the visitor cursor reaches the message', () => {
    expect(receiptFor({ seq: 5 }, undefined)).toBe('sent');
    expect(receiptFor({ seq: 5 }, 4)).toBe('sent');
    expect(receiptFor({ seq: 5 }, 5)).toBe('read');
  });
});

describe('linkify', () => {
  it('turns http(s) URLs into links and leaves the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1. thanks')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. thanks' },
    ]);
  });
  it('never links javascript: URLs', () => {
    expect(linkify('javascript:alert(1)')).toEqual([{ kind: 'text', text: 'javascript:alert(1)' }]);
  });
});
