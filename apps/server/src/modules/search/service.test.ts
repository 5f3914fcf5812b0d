import { describe, expect, it } from 'vitest';
import { prefixQuery, snippet } from './service';

describe('prefixQuery', () => {
  it('makes every word a required prefix', () => {
    expect(prefixQuery(['refund', 'ord'])).toBe("'refund':* & 'ord':*");
  });
  it('quotes lexemes so tsquery syntax in them stays text', () => {
    expect(prefixQuery(["o'brien", 'a\\b', 'x&y|!z'])).toBe("'o''brien':* & 'a\\\\b':* & 'x&y|!z':*");
  });
  it('also matches a signed number without its sign (phone digits)', () => {
    expect(prefixQuery(['+33'])).toBe("('+33':* | '33':*)");
  });
});

describe('snippet', () => {
  const long = `${'intro words here '.repeat(20)}the parcel with tracking number 42 never arrived ${'and more filler text '.repeat(20)}`;
  it('keeps short bodies whole, whitespace collapsed', () => {
    expect(snippet('hello \n  there', ['hel'])).toBe('hello there');
  });
  it('cuts about 160 characters around the first matching word, on word boundaries', () => {
    const s = snippet(long, ['track']);
    expect(s).toContain('tracking number 42');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(162);
    expect(s).not.toMatch(/…\S*tr?$/);
  });
  it('starts at the beginning when nothing matches in the text (e.g. an email token)', () => {
    expect(snippet(long, ['zzz']).startsWith('intro words')).toBe(true);
  });
});
