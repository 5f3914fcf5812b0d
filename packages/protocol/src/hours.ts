/**
 * Business hours, computed in the site's time zone. Pure and zod-free: the server answers
 * `availability` with it and the widget (`@parley/protocol/hours`) recomputes at hour
 * boundaries without asking.
 *
 * Ranges are wall-clock times of the site's zone, so across a DST change a range keeps its
 * local hours: an opening at a time that does not exist that day (02:30 when clocks jump
 * from 02:00 to 03:00) happens when the clock passes it (03:00); during a repeated hour the
 * wall clock decides both times round.
 */
import type { BusinessHours, Weekday } from './site-settings';
import type { AvailabilityDto } from './models';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAY_OF: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** The wall clock at an instant in a zone. `local` = that wall time read as if it were UTC (ms). */
interface WallClock {
  date: string;
  weekday: Weekday;
  minutes: number;
  local: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(timeZone: string, at: number): WallClock {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  const [y, mo, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [number, number, number, number, number, number];
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: WEEKDAY_OF[p.weekday!]!,
    minutes: h * 60 + mi,
    local: Date.UTC(y, mo - 1, d, h, mi, s),
  };
}

/** The zone's offset from UTC at an instant (ms, e.g. +3_600_000 for CET). */
function offsetAt(timeZone: string, at: number): number {
  const whole = Math.floor(at / 1000) * 1000;
  return wallClock(timeZone, whole).local - whole;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function openAt(hours: BusinessHours, at: number): boolean {
  const w = wallClock(hours.timezone, at);
  if (hours.holidays.some((h) => h.date === w.date)) return false;
  return hours.weekly[w.weekday].some((r) => toMinutes(r.from) <= w.minutes && w.minutes < toMinutes(r.to));
}

/**
 * Whether the site is within its business hours at `now` (always true when hours are off).
 *
 * @example isOpen({ enabled: true, timezone: 'Europe/Paris', weekly: { mon: [{ from: '09:00', to: '17:00' }], … }, holidays: [] }, new Date('2026-03-02T08:30:00Z')) // → true (09:30 in Paris)
 */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  return !hours.enabled || openAt(hours, now.getTime());
}

/** The instants (ms) where the zone's offset changes between `from` and `to`, found to the second. */
function transitionsBetween(timeZone: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let a = from; a < to; a += DAY) {
    const b = Math.min(a + DAY, to);
    const oa = offsetAt(timeZone, a);
    if (oa === offsetAt(timeZone, b)) continue;
    let lo = a;
    let hi = b;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(timeZone, mid) === oa) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

/**
 * The first instant at or after `now` when the site is open: `now` itself when it is open (or
 * hours are off), null when no weekday has any hours. Holidays are skipped.
 *
 * @example nextOpening(fridayEveningHours, new Date('2026-03-06T18:00:00Z')) // → Monday 09:00 in the site's zone
 */
export function nextOpening(hours: BusinessHours, now: Date): Date | null {
  const t = now.getTime();
  if (isOpen(hours, now)) return now;
  if (!Object.values(hours.weekly).some((ranges) => ranges.length > 0)) return null;
  const tz = hours.timezone;
  // Openings happen where the wall clock passes a range's start or jumps (DST). Every holiday
  // can push the answer one day further; a week without holidays always has an open day.
  const days = 8 + hours.holidays.length;
  const candidates = transitionsBetween(tz, t, t + (days + 1) * DAY);
  const today = wallClock(tz, t);
  const startOfToday = today.local - today.minutes * MINUTE - (today.local % MINUTE);
  for (let i = 0; i <= days; i++) {
    const dayStart = startOfToday + i * DAY;
    const weekday = wallClock('UTC', dayStart).weekday;
    for (const range of hours.weekly[weekday]) {
      const local = dayStart + toMinutes(range.from) * MINUTE;
      // The local time under each offset in force around that day (two on a DST day).
      for (const probe of [local - DAY, local, local + DAY]) candidates.push(local - offsetAt(tz, probe));
    }
  }
  let best: number | null = null;
  for (const c of candidates) if (c > t && (best === null || c < best) && openAt(hours, c)) best = c;
  return best === null ? null : new Date(best);
}

/**
 * Can a visitor chat now? `closed` (outside hours, with the next opening), else `no_agents`
 * when nobody of the site is online, else `open`.
 */
export function availabilityOf(hours: BusinessHours, agentsOnline: number, now: Date): AvailabilityDto {
  if (!isOpen(hours, now)) {
    const next = nextOpening(hours, now);
    return { available: false, reason: 'closed', nextOpenAt: next ? next.toISOString() : null };
  }
  if (agentsOnline < 1) return { available: false, reason: 'no_agents', nextOpenAt: null };
  return { available: true, reason: 'open', nextOpenAt: null };
}
