import { describe, expect, it } from 'vitest';
import type { CannedResponseDto } from '@parley/protocol';
import { filterCanned, previewBody } from './filter';

const canned = (shortcut: string, title: string, usageCount = 0): CannedResponseDto => ({
  id: shortcut,
  shortcut,
  title,
  usageCount,
  body: `Body of ${shortcut}`,
  category: null,
  shared: true,
  ownerAgentId: null,
  createdAt: '',
  updatedAt: '',
});

const all = [canned('pretty', 'Compliment'), canned('shipping', 'Shipping times', 3), canned('returns', 'Return policy', 1), canned('ret', 'Short return note'), canned('hi', 'Greeting', 9)];

describe('filterCanned', () => {
  it('ranks an exact shortcut, then shortcut prefixes, then title words, then substrings', () => {
    expect(filterCanned(all, 'ret').map((r) => r.id)).toEqual(['ret', 'returns', 'pretty']);
    expect(filterCanned(all, 'return').map((r) => r.id)).toEqual(['returns', 'ret']);
  });
  it('lists the most used first when nothing is typed', () => {
    expect(filterCanned(all, '').map((r) => r.id).slice(0, 3)).toEqual(['hi', 'shipping', 'returns']);
  });
  it('is case-insensitive, honours the limit and returns nothing for no match', () => {
    expect(filterCanned(all, 'SHIP').map((r) => r.id)).toEqual(['shipping']);
    expect(filterCanned(all, '', 2)).toHaveLength(2);
    expect(filterCanned(all, 'xyz')).toEqual([]);
  });
});

describe('previewBody', () => {
  it('flattens whitespace and clips long bodies', () => {
    expect(previewBody('a\n\n b')).toBe('a b');
    expect(previewBody('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
