import { describe, expect, it } from 'vitest';
import { dayLabel, relativeTime } from './time';

const now = new Date(2025, 5, 18, 15, 30, 0); // Wed 18 June 2025, 15:30 local time
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('relativeTime', () => {
  it('says "now" for the last minute', () => {
    expect(relativeTime(ago(20_000), now)).toBe('now');
  });
  it('counts minutes, then hours within today', () => {
    expect(relativeTime(ago(5 * 60_000), now)).toBe('5m');
    expect(relativeTime(ago(3 * 3600_000 + 60_000), now)).toBe('3h');
  });
  it('says "Yesterday" for the previous calendar day even under 24 hours ago', () => {
    const lateYesterday = new Date(2025, 5, 17, 23, 50).toISOString();
    expect(relativeTime(lateYesterday, now)).toBe('Yesterday');
  });
  it('uses a weekday within the week and a date beyond', () => {
    expect(relativeTime(new Date(2025, 5, 15, 10).toISOString(), now, 'en-US')).toBe('Sun');
    expect(relativeTime(new Date(2025, 4, 2, 10).toISOString(), now, 'en-US')).toBe('May 2');
    expect(relativeTime(new Date(2024, 4, 2, 10).toISOString(), now, 'en-US')).toBe('May 2, 2024');
  });
  it('returns an empty string for missing or invalid input', () => {
    expect(relativeTime(null, now)).toBe('');
    expect(relativeTime('not a date', now)).toBe('');
  });
});

describe('dayLabel', () => {
  it('labels today and yesterday', () => {
    expect(dayLabel(new Date(2025, 5, 18, 1).toISOString(), now)).toBe('Today');
    expect(dayLabel(new Date(2025, 5, 17, 23).toISOString(), now)).toBe('Yesterday');
  });
});
