/** Business hours editing: the weekly grid, time inputs and the "Now: open / closed" line. */
import { BusinessHours, type TimeRange, type Weekday, type WidgetSettings } from '@parley/protocol';
import { isOpen, nextOpening } from '@parley/protocol/hours';
import type { SectionModel } from './sectionForm';

export type HoursDraft = BusinessHours;
export type Weekly = BusinessHours['weekly'];

export const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const WORKDAYS: readonly Weekday[] = ['tue', 'wed', 'thu', 'fri'];
const DEFAULT_RANGE: TimeRange = { from: '09:00', to: '17:00' };

/** `<input type="time">` cannot show 24:00: an end of `24:00` (midnight) is shown as 00:00. */
export const endToInput = (to: string): string => (to === '24:00' ? '00:00' : to);
/** …and an end typed as 00:00 means midnight at the end of the day (a range must end after it starts). */
export const endFromInput = (value: string): string => (value === '00:00' ? '24:00' : value);

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHHMM = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Tuesday to Friday get Monday's hours (Saturday and Sunday stay as they are). */
export function copyMondayToWeekdays(weekly: Weekly): Weekly {
  const next = { ...weekly };
  for (const day of WORKDAYS) next[day] = weekly.mon.map((r) => ({ ...r }));
  return next;
}

/**
 * One more range for a day: 09:00–17:00 on an empty day, else an hour after the last one
 * ends, for up to four hours (null when the day is full).
 */
export function nextRange(ranges: readonly TimeRange[]): TimeRange | null {
  const last = ranges[ranges.length - 1];
  if (!last) return { ...DEFAULT_RANGE };
  const start = toMinutes(last.to) + 60;
  if (start >= 24 * 60) return null;
  return { from: toHHMM(start), to: toHHMM(Math.min(start + 4 * 60, 24 * 60)) };
}

/** Opens a closed day with the default hours, or closes a day (no ranges). */
export function setDayOpen(weekly: Weekly, day: Weekday, open: boolean): Weekly {
  return { ...weekly, [day]: open ? [{ ...DEFAULT_RANGE }] : [] };
}

/** Every IANA time zone this browser knows, UTC included. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** The browser's own time zone (what "Use my time zone" picks). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const WEEK = 7 * 86_400_000;

/** "Tue 09:00" in the site's zone; a date is added when it is a week or more away. */
export function formatOpening(at: Date, timeZone: string, now: Date, locale = 'en-GB'): string {
  const far = at.getTime() - now.getTime() >= WEEK - 86_400_000;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    ...(far ? { day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The live status line under the grid, e.g. "Now: closed — opens Tue 09:00". */
export function statusLine(draft: HoursDraft, now: Date): { open: boolean; text: string } {
  const parsed = BusinessHours.safeParse(draft);
  if (!parsed.success) return { open: false, text: 'Fix the hours above to see when you are open.' };
  const hours = parsed.data;
  if (!hours.enabled) return { open: true, text: 'Now: open — business hours are off, so only agents’ availability counts.' };
  const clock = `(it is ${formatOpening(now, hours.timezone, now)} in ${hours.timezone})`;
  if (isOpen(hours, now)) return { open: true, text: `Now: open ${clock}` };
  const next = nextOpening(hours, now);
  return { open: false, text: next ? `Now: closed — opens ${formatOpening(next, hours.timezone, now)} ${clock}` : 'Now: closed — no opening hours are set.' };
}

export const hoursModel: SectionModel<HoursDraft> = {
  toDraft: (s: WidgetSettings) => structuredClone(s.businessHours),
  toPatch: (d) => ({ businessHours: d }),
};
