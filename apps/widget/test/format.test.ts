import { describe, expect, it } from 'vitest';
import { formatTime, textOn } from '../src/app/format';

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
