import { describe, expect, it } from 'vitest';
import { preview } from './triggers';

describe('preview', () => {
  it('folds whitespace onto one line', () => {
    expect(preview('  Hello,\n\n  where   is my order? ')).toBe('Hello, where is my order?');
    expect(preview(null)).toBe('');
  });
  it('shortens long text to 140 characters without cutting an emoji in half', () => {
    const out = preview('😀'.repeat(200));
    expect([...out]).toHaveLength(140);
    expect(out.endsWith('😀…')).toBe(true);
  });
});
