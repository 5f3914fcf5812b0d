import { describe, expect, it } from 'vitest';
import { storedSettings } from './sectionForm';
import { copyMondayToWeekdays, endFromInput, endToInput, formatOpening, hoursModel, nextRange, setDayOpen, statusLine } from './weekly';

const base = () => hoursModel.toDraft(storedSettings({}));

describe('business hours editing', () => {
  it('shows midnight as 00:00 in a time input and stores it as 24:00', () => {
    expect(endToInput('24:00')).toBe('00:00');
    expect(endToInput('17:30')).toBe('17:30');
    expect(endFromInput('00:00')).toBe('24:00');
    expect(endFromInput('17:30')).toBe('17:30');
  });

  it('copies Monday to Tuesday–Friday only', () => {
    const weekly = { ...base().weekly, mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }], sat: [{ from: '10:00', to: '14:00' }] };
    const next = copyMondayToWeekdays(weekly);
    for (const d of ['tue', 'wed', 'thu', 'fri'] as const) expect(next[d]).toEqual(weekly.mon);
    expect(next.sat).toEqual(weekly.sat);
    expect(next.sun).toEqual([]);
    next.tue[0]!.from = '07:00';
    expect(weekly.mon[0]!.from).toBe('08:00');
  });

  it('offers the next range an hour after the last one, until the day is full', () => {
    expect(nextRange([])).toEqual({ from: '09:00', to: '17:00' });
    expect(nextRange([{ from: '09:00', to: '12:00' }])).toEqual({ from: '13:00', to: '17:00' });
    expect(nextRange([{ from: '09:00', to: '21:30' }])).toEqual({ from: '22:30', to: '24:00' });
    expect(nextRange([{ from: '09:00', to: '23:00' }])).toBeNull();
  });

  it('opens a closed day with 9 to 5 and closes a day', () => {
    const w = base().weekly;
    expect(setDayOpen(w, 'sat', true).sat).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(setDayOpen(w, 'mon', false).mon).toEqual([]);
  });

  it('says when a closed site opens next, in its own time zone', () => {
    // Monday 2026-03-02 20:00 in Paris (19:00 UTC): closed, opens Tuesday 09:00 Paris time.
    const now = new Date('2026-03-02T19:00:00Z');
    const hours = { ...base(), enabled: true, timezone: 'Europe/Paris' };
    expect(statusLine(hours, now)).toEqual({ open: false, text: 'Now: closed — opens Tue 09:00 (it is Mon 20:00 in Europe/Paris)' });
    expect(statusLine(hours, new Date('2026-03-03T08:30:00Z'))).toEqual({ open: true, text: 'Now: open (it is Tue 09:30 in Europe/Paris)' });
    expect(statusLine({ ...hours, enabled: false }, now).open).toBe(true);
  });

  it('names holidays and empty weeks, and waits for valid input', () => {
    const now = new Date('2026-03-02T19:00:00Z');
    const closedWeek = { ...base(), enabled: true, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(statusLine(closedWeek, now).text).toBe('Now: closed — no opening hours are set.');
    const holiday = { ...base(), enabled: true, timezone: 'UTC', holidays: [{ date: '2026-03-03', name: 'Carnival' }] };
    expect(statusLine(holiday, now).text).toContain('opens Wed 09:00');
    expect(statusLine({ ...base(), timezone: 'Mars/Olympus' }, now)).toEqual({ open: false, text: 'Fix the hours above to see when you are open.' });
  });

  it('adds the date to an opening a week or more away', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    expect(formatOpening(new Date('2026-03-03T09:00:00Z'), 'UTC', now)).toBe('Tue 09:00');
    expect(formatOpening(new Date('2026-03-10T09:00:00Z'), 'UTC', now)).toBe('Tue 10 Mar, 09:00');
  });
});
