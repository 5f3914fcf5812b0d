import { describe, expect, it } from 'vitest';
import { buildMessage } from '@parley/protocol/testing';
import { leavesGap, receiptFor } from './messageList';

const m = (seq: number) => buildMessage(seq);

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
