import { describe, expect, it } from 'vitest';
import { highlightParts, queryTerms } from './highlight';

const marked = (text: string, q: string) =>
  highlightParts(text, q)
    .filter((p) => p.match)
    .map((p) => p.text);

describe('highlightParts', () => {
  it('marks every occurrence of every term, case-insensitively', () => {
    expect(marked('Do these Boots come in size 44? boots!', 'boots size')).toEqual(['Boots', 'size', 'boots']);
  });
  it('marks stemmed forms the full-text search also matched', () => {
    expect(marked('I ordered one boot and two scarves', 'boots ordering')).toEqual(['ordered', 'boot']);
  });
  it('matches at word starts only', () => {
    expect(marked('reboot the router', 'boot')).toEqual([]);
  });
  it('keeps the text intact', () => {
    const text = 'Email ada@example.com about the refund';
    expect(
      highlightParts(text, 'ada@example.com refund')
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(marked(text, 'ada@example.com')).toEqual(['ada@example.com']);
  });
  it('treats regex characters in the query as text', () => {
    expect(marked('price (net) is 5$', '(net) 5$')).toEqual(['net', '5']);
  });
  it('returns one plain part without usable terms', () => {
    expect(highlightParts('hello', '  ... ')).toEqual([{ text: 'hello', match: false }]);
    expect(highlightParts('', 'x')).toEqual([]);
  });
});

describe('queryTerms', () => {
  it('lower-cases, trims punctuation and drops duplicates', () => {
    expect(queryTerms(' Boots, boots  "size" ')).toEqual(['boots', 'size']);
  });
});
