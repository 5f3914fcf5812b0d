import { describe, expect, it } from 'vitest';
import { conversationOfReplyAddress, replyAddress } from './addresses';

const secret = 'a'.repeat(64);
const conv = '0197a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b';

describe('reply addresses', () => {
  it('round-trips, also when a relay changed the case', () => {
    const address = replyAddress(secret, conv, 'in.example.com');
    expect(address).toMatch(/^reply\+0197a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b\.[0-9a-f]{10}@in\.example\.com$/);
    expect(conversationOfReplyAddress(secret, address)).toBe(conv);
    expect(conversationOfReplyAddress(secret, address.toUpperCase())).toBe(conv);
  });

  it('rejects a wrong signature, another installation, and anything else', () => {
    const address = replyAddress(secret, conv, 'in.example.com');
    expect(conversationOfReplyAddress('b'.repeat(64), address)).toBeUndefined();
    expect(conversationOfReplyAddress(secret, address.replace(/\.[0-9a-f]{10}@/, '.0000000000@'))).toBeUndefined();
    expect(conversationOfReplyAddress(secret, `reply+${conv}@in.example.com`)).toBeUndefined();
    expect(conversationOfReplyAddress(secret, 'support@in.example.com')).toBeUndefined();
  });
});
