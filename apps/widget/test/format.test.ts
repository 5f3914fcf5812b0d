import { describe, expect, it } from 'vitest';
import { agentOrder } from '@parley/protocol/client';
import { agentColor, formatTime, initials, textOn, waitMinutes } from '../src/app/format';
import { S } from '../src/app/strings';

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
    expect(`${S.place(2)} · ${S.wait(waitMinutes(150))}`).toBe('You are number 2 in line · estimated wait ~3 min');
    expect(`${S.place(1)} · ${S.wait(waitMinutes(null))}`).toBe('You are number 1 in line · An agent will be with you shortly');
  });
});
