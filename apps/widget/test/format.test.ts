import { describe, expect, it } from 'vitest';
import { formatTime, splitLinks, textOn } from '../src/app/format';

describe('splitLinks', () => {
  it('turns http(s) URLs into links and keeps trailing punctuation as text', () => {
    expect(splitLinks('see https://a.io/x?y=1. and http://b.io')).toEqual(['see ', { url: 'https://a.io/x?y=1' }, '. and ', { url: 'http://b.io' }]);
  });

  it('never links other schemes', () => {
    expect(splitLinks('javascript:alert(1) data:text/html,<b>x</b>')).toEqual(['javascript:alert(1) data:text/html,<b>x</b>']);
  });

  it('does not let a quote or angle bracket into a URL', () => {
    expect(splitLinks('https://a.io/"onmouseover=x')).toEqual([{ url: 'https://a.io/' }, '"onmouseover=x']);
  });
});

describe('formatTime and colours', () => {
  it('formats HH:MM in local time', () => {
    const d = new Date(2026, 0, 2, 9, 5);
    expect(formatTime(d.toISOString())).toBe('09:05');
    expect(formatTime('nonsense')).toBe('');
  });

  it('picks readable text on the site colour', () => {
    expect(textOn('#2563eb')).toBe('#ffffff');
    expect(textOn('#fde047')).toBe('#111827');
  });
});
