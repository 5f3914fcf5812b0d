import { describe, expect, it } from 'vitest';
import { buildMessage } from './testing';
import { linkify, mergeBySeq } from './client';

const msg = buildMessage;

describe('mergeBySeq', () => {
  it('orders by seq whatever the arrival order', () => {
    expect(mergeBySeq([msg(3)], [msg(1), msg(2)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });
  it('keeps one copy of a message delivered twice (live event and resync)', () => {
    expect(mergeBySeq([msg(1), msg(2)], [msg(2), msg(3)]).map((m) => m.id)).toEqual(['id-c1-1', 'id-c1-2', 'id-c1-3']);
  });
  it('returns the same array when nothing is new, so caches keep their reference', () => {
    const list = [msg(1), msg(2)];
    expect(mergeBySeq(list, [msg(2)])).toBe(list);
  });
  it('lets a changed copy of a held message win', () => {
    const merged = mergeBySeq([msg(1, { body: 'old' })], [msg(1, { body: 'edited' })]);
    expect(merged.map((m) => m.body)).toEqual(['edited']);
  });
  it("lets a file message's new status win (expired, blocked) and keeps the list when nothing changed", () => {
    const file = (status: 'ready' | 'expired') => ({ id: 'f1', name: 'a.pdf', size: 3, mime: 'application/pdf', type: 'pdf' as const, status });
    const held = [msg(1), msg(2, { kind: 'file', body: '', attachments: [file('ready')] })];
    expect(mergeBySeq(held, [msg(2, { kind: 'file', body: '', attachments: [file('ready')] })])).toBe(held);
    const out = mergeBySeq(held, [msg(2, { kind: 'file', body: '', attachments: [file('expired')] })]);
    expect(out.map((m) => m.attachments?.[0]?.status ?? null)).toEqual([null, 'expired']);
  });
  it('drops internal notes when asked (the visitor view)', () => {
    const incoming = [msg(1), msg(2, { kind: 'note', senderType: 'agent' }), msg(3)];
    expect(mergeBySeq([], incoming, { dropNotes: true }).map((m) => m.seq)).toEqual([1, 3]);
    expect(mergeBySeq([], incoming).map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});

describe('linkify', () => {
  it('turns http(s) URLs into links and keeps trailing punctuation as text', () => {
    expect(linkify('see https://example.com/a?b=1. thanks')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. thanks' },
    ]);
  });
  it('never links javascript: or data: URLs and stops a URL at quotes', () => {
    expect(linkify('javascript:alert(1) data:text/html,<b>x</b>')).toEqual([{ kind: 'text', text: 'javascript:alert(1) data:text/html,<b>x</b>' }]);
    expect(linkify('https://a.io/"onmouseover=x')).toEqual([
      { kind: 'link', text: 'https://a.io/', href: 'https://a.io/' },
      { kind: 'text', text: '"onmouseover=x' },
    ]);
  });
});
