import { describe, expect, it } from 'vitest';
import { agentOrder } from '@parley/protocol/client';
import { agentColor, initials, waitMinutes } from '../src/app/components/display';
import { accentOn, contrast, textOn } from '../src/app/format';
import { W, formatTime } from '../src/app/i18n/window';

describe('formatTime and colours', () => {
  it('formats the time of day in local time, the way the language writes it', () => {
    const d = new Date(2026, 0, 2, 9, 5);
    expect(formatTime(d.toISOString(), 'de')).toBe('09:05');
    expect(formatTime(d.toISOString(), 'en')).toBe('09:05 AM');
    expect(formatTime('nonsense')).toBe('');
  });

  it('measures contrast the WCAG way', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // The blue used in the tests passes AA for text on it.
    expect(contrast('#2563eb', '#ffffff')).toBeGreaterThan(4.5);
  });

  it('picks the more readable text colour on the site colour', () => {
    expect(textOn('#2563eb')).toBe('#ffffff');
    expect(textOn('#fde047')).toBe('#111827');
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#ffffff')).toBe('#111827');
    // Mid-tones: orange and light green read better with dark text, a deep red with white.
    expect(textOn('#f97316')).toBe('#111827');
    expect(textOn('#86efac')).toBe('#111827');
    expect(textOn('#b91c1c')).toBe('#ffffff');
    for (const c of ['#2563eb', '#fde047', '#f97316', '#0f766e', '#7c3aed', '#ec4899', '#9ca3af']) expect(contrast(c, textOn(c))).toBeGreaterThanOrEqual(4.5);
  });

  it('uses the site colour as an accent only where it stands out from the background', () => {
    expect(accentOn('#2563eb', '#ffffff', '#1f2937')).toBe('#2563eb');
    // A pale yellow on white, a navy on the dark window: the neutral instead.
    expect(accentOn('#fde047', '#ffffff', '#1f2937')).toBe('#1f2937');
    expect(accentOn('#1e3a8a', '#1c2026', '#e6e8eb')).toBe('#e6e8eb');
    expect(accentOn('#fde047', '#1c2026', '#e6e8eb')).toBe('#fde047');
  });
});

describe('agents in a chat', () => {
  it('gives the agents of a chat different colours, in the order they first wrote', () => {
    const order = agentOrder([
      { senderType: 'visitor', senderId: 'v' },
      { senderType: 'agent', senderId: 'b' },
      { senderType: 'agent', senderId: 'a' },
      { senderType: 'agent', senderId: 'b' },
    ]);
    expect([...order]).toEqual([['b', 0], ['a', 1]]);
    // Ids that a hash would have put on the same colour still differ.
    const colours = new Set(Array.from({ length: 8 }, (_, i) => agentColor(i)));
    expect(colours.size).toBe(8);
    expect(agentColor(undefined)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('draws initials for avatars without a picture', () => {
    expect(initials('Ana Lima')).toBe('AL');
    expect(initials('  bruno ')).toBe('B');
    expect(initials('Maria da Silva')).toBe('MS');
    expect(initials('')).toBe('?');
  });
});

describe('queue line', () => {
  it('rounds the estimate up to whole minutes, at least one', () => {
    expect(waitMinutes(null)).toBe(null);
    expect(waitMinutes(0)).toBe(1);
    expect(waitMinutes(61)).toBe(2);
    expect(waitMinutes(180)).toBe(3);
  });

  it('says the place in line, with the estimate or without one', () => {
    expect(`${W().place(2)} · ${W().wait(waitMinutes(150))}`).toBe('You are number 2 in line · estimated wait ~3 min');
    expect(`${W().place(1)} · ${W().wait(waitMinutes(null))}`).toBe('You are number 1 in line · An agent will be with you shortly');
  });
});
