import { describe, expect, it } from 'vitest';
import { availabilityOf, isOpen, nextOpening } from './hours';
import type { BusinessHours, TimeRange, Weekday } from './site-settings';

const nineToFive: TimeRange[] = [{ from: '09:00', to: '17:00' }];
const weekdays = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] };

function hours(timezone: string, weekly: Partial<Record<Weekday, TimeRange[]>> = weekdays, holidays: string[] = []): BusinessHours {
  return {
    enabled: true,
    timezone,
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...weekly },
    holidays: holidays.map((date) => ({ date, name: '' })),
  };
}

// 2026: Europe/Paris springs forward on Sun 29 March (02:00 CET → 03:00 CEST) and falls back on
// Sun 25 October (03:00 CEST → 02:00 CET); America/New_York on Sun 8 March (02:00 EST → 03:00 EDT)
// and Sun 1 November (02:00 EDT → 01:00 EST). 2 March 2026 is a Monday.
const sunday = (ranges: TimeRange[]) => ({ sun: ranges });

describe('isOpen', () => {
  const cases: [string, BusinessHours, string, boolean][] = [
    ['Paris Monday 09:30 CET', hours('Europe/Paris'), '2026-03-02T08:30:00Z', true],
    ['Paris Monday 08:59 CET', hours('Europe/Paris'), '2026-03-02T07:59:00Z', false],
    ['Paris Monday 17:00 CET (end is exclusive)', hours('Europe/Paris'), '2026-03-02T16:00:00Z', false],
    ['Paris Saturday', hours('Europe/Paris'), '2026-03-07T10:00:00Z', false],
    ['Paris summer: 09:00 CEST is 07:00 UTC', hours('Europe/Paris'), '2026-06-01T07:00:00Z', true],
    ['Paris spring-forward day: 01:59 CET, before a 02:30 opening', hours('Europe/Paris', sunday([{ from: '02:30', to: '04:00' }])), '2026-03-29T00:59:00Z', false],
    ['Paris spring-forward day: 03:00 CEST is past the missing 02:30', hours('Europe/Paris', sunday([{ from: '02:30', to: '04:00' }])), '2026-03-29T01:00:00Z', true],
    ['Paris fall-back day: first 02:15 (CEST)', hours('Europe/Paris', sunday([{ from: '02:00', to: '02:30' }])), '2026-10-25T00:15:00Z', true],
    ['Paris fall-back day: first 02:45 (CEST)', hours('Europe/Paris', sunday([{ from: '02:00', to: '02:30' }])), '2026-10-25T00:45:00Z', false],
    ['Paris fall-back day: repeated 02:15 (CET)', hours('Europe/Paris', sunday([{ from: '02:00', to: '02:30' }])), '2026-10-25T01:15:00Z', true],
    ['New York Monday 09:00 EST', hours('America/New_York'), '2026-03-02T14:00:00Z', true],
    ['New York Monday 09:00 EDT (after the switch)', hours('America/New_York'), '2026-03-09T13:00:00Z', true],
    ['New York Monday 08:00 EDT', hours('America/New_York'), '2026-03-09T12:00:00Z', false],
    ['Kolkata 08:59 IST', hours('Asia/Kolkata', { mon: [{ from: '09:00', to: '17:30' }] }), '2026-03-02T03:29:00Z', false],
    ['Kolkata 09:00 IST (+05:30)', hours('Asia/Kolkata', { mon: [{ from: '09:00', to: '17:30' }] }), '2026-03-02T03:30:00Z', true],
    ['Kolkata 17:29 IST', hours('Asia/Kolkata', { mon: [{ from: '09:00', to: '17:30' }] }), '2026-03-02T11:59:00Z', true],
    ['Kolkata 17:30 IST', hours('Asia/Kolkata', { mon: [{ from: '09:00', to: '17:30' }] }), '2026-03-02T12:00:00Z', false],
    ['until 24:00: Friday 23:59', hours('America/New_York', { fri: [{ from: '20:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }] }), '2026-03-07T04:59:00Z', true],
    ['overnight continues: Saturday 01:00', hours('America/New_York', { fri: [{ from: '20:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }] }), '2026-03-07T06:00:00Z', true],
    ['holiday (Christmas, Paris)', hours('Europe/Paris', weekdays, ['2026-12-25']), '2026-12-25T10:00:00Z', false],
    // 2026-03-02T20:00Z is already Tuesday 3 March 01:30 in Kolkata: the holiday applies there.
    ['holiday in the site zone, not UTC', hours('Asia/Kolkata', { mon: [{ from: '00:00', to: '24:00' }], tue: [{ from: '00:00', to: '24:00' }] }, ['2026-03-03']), '2026-03-02T20:00:00Z', false],
    ['the evening before that holiday', hours('Asia/Kolkata', { mon: [{ from: '00:00', to: '24:00' }], tue: [{ from: '00:00', to: '24:00' }] }, ['2026-03-03']), '2026-03-02T18:00:00Z', true],
    ['closed all week', hours('UTC', {}), '2026-03-02T10:00:00Z', false],
    ['hours off: always open', { ...hours('UTC', {}), enabled: false }, '2026-03-07T03:00:00Z', true],
  ];
  it.each(cases)('%s', (_name, h, at, expected) => {
    expect(isOpen(h, new Date(at))).toBe(expected);
  });
});

describe('nextOpening', () => {
  const cases: [string, BusinessHours, string, string | null][] = [
    ['open now: now', hours('Europe/Paris'), '2026-03-02T08:30:00Z', '2026-03-02T08:30:00.000Z'],
    ['Paris before opening: 09:00 CET', hours('Europe/Paris'), '2026-03-02T06:00:00Z', '2026-03-02T08:00:00.000Z'],
    ['Paris Friday evening: Monday 09:00', hours('Europe/Paris'), '2026-03-06T18:00:00Z', '2026-03-09T08:00:00.000Z'],
    ['Paris weekend across spring-forward: Monday 09:00 CEST', hours('Europe/Paris'), '2026-03-28T12:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['Paris: a 02:30 that does not exist opens at 03:00 CEST', hours('Europe/Paris', sunday([{ from: '02:30', to: '04:00' }])), '2026-03-29T00:00:00Z', '2026-03-29T01:00:00.000Z'],
    ['Paris: a 02:00 on fall-back day opens at its first occurrence', hours('Europe/Paris', sunday([{ from: '02:00', to: '02:30' }])), '2026-10-24T22:00:00Z', '2026-10-25T00:00:00.000Z'],
    ['Paris: between the two 02:00s, the repeated one', hours('Europe/Paris', sunday([{ from: '02:00', to: '02:30' }])), '2026-10-25T00:45:00Z', '2026-10-25T01:00:00.000Z'],
    ['New York Saturday evening: Sunday 09:00 EDT after spring-forward', hours('America/New_York', { sat: nineToFive, sun: nineToFive }), '2026-03-07T23:00:00Z', '2026-03-08T13:00:00.000Z'],
    ['New York Saturday evening: Sunday 09:00 EST after fall-back', hours('America/New_York', { sat: nineToFive, sun: nineToFive }), '2026-10-31T22:00:00Z', '2026-11-01T14:00:00.000Z'],
    ['Kolkata before opening: 09:00 IST', hours('Asia/Kolkata'), '2026-03-02T00:00:00Z', '2026-03-02T03:30:00.000Z'],
    ['evening range ending at 24:00', hours('America/New_York', { fri: [{ from: '20:00', to: '24:00' }] }), '2026-03-06T23:00:00Z', '2026-03-07T01:00:00.000Z'],
    ['skips Christmas and the weekend', hours('Europe/Paris', weekdays, ['2026-12-25']), '2026-12-24T17:00:00Z', '2026-12-28T08:00:00.000Z'],
    ['skips a run of holidays', hours('UTC', weekdays, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']), '2026-03-01T12:00:00Z', '2026-03-10T09:00:00.000Z'],
    ['closed all week: never', hours('UTC', {}), '2026-03-02T10:00:00Z', null],
    ['hours off: now', { ...hours('UTC', {}), enabled: false }, '2026-03-07T03:00:00Z', '2026-03-07T03:00:00.000Z'],
  ];
  it.each(cases)('%s', (_name, h, at, expected) => {
    expect(nextOpening(h, new Date(at))?.toISOString() ?? null).toBe(expected);
  });
});

describe('availabilityOf', () => {
  const paris = hours('Europe/Paris');
  const cases: [string, BusinessHours, number, string, ReturnType<typeof availabilityOf>][] = [
    ['closed by hours, with the next opening', paris, 3, '2026-03-06T18:00:00Z', { available: false, reason: 'closed', nextOpenAt: '2026-03-09T08:00:00.000Z' }],
    ['within hours, nobody online', paris, 0, '2026-03-02T08:30:00Z', { available: false, reason: 'no_agents', nextOpenAt: null }],
    ['within hours, agents online', paris, 2, '2026-03-02T08:30:00Z', { available: true, reason: 'open', nextOpenAt: null }],
    ['closed all week', hours('UTC', {}), 2, '2026-03-02T10:00:00Z', { available: false, reason: 'closed', nextOpenAt: null }],
    ['hours off, agents online', { ...paris, enabled: false }, 1, '2026-03-07T03:00:00Z', { available: true, reason: 'open', nextOpenAt: null }],
    ['hours off, nobody online', { ...paris, enabled: false }, 0, '2026-03-07T03:00:00Z', { available: false, reason: 'no_agents', nextOpenAt: null }],
  ];
  it.each(cases)('%s', (_name, h, agents, at, expected) => {
    expect(availabilityOf(h, agents, new Date(at))).toEqual(expected);
  });
});
