import { describe, expect, it } from 'vitest';
import { acceptanceRate, statsFor, statsRange } from './stats';

describe('trigger analytics', () => {
  it('acceptance rate is accepted per shown, rounded, with a dash before anything was shown', () => {
    expect(acceptanceRate({ shown: 0, accepted: 0 })).toBe('–');
    expect(acceptanceRate({ shown: 8, accepted: 2 })).toBe('25%');
    expect(acceptanceRate({ shown: 3, accepted: 2 })).toBe('67%');
    expect(acceptanceRate({ shown: 1000, accepted: 1 })).toBe('<1%');
  });

  it('the period ends now and starts that many days before', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(statsRange(7, now)).toEqual({ from: '2026-03-24T12:00:00.000Z', to: '2026-03-31T12:00:00.000Z' });
  });

  it('a trigger without stats counts zeros', () => {
    const stats = [{ triggerId: 'a', name: 'A', shown: 4, accepted: 1, dismissed: 2, chats: 1 }];
    expect(statsFor(stats, 'a').shown).toBe(4);
    expect(statsFor(stats, 'b')).toEqual({ shown: 0, accepted: 0, dismissed: 0, chats: 0 });
    expect(statsFor(undefined, 'a').chats).toBe(0);
  });
});
