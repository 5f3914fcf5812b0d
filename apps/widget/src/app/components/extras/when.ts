/** When the team is back, in the visitor's language and time zone. */

/**
 * "today at 9:00 AM", "tomorrow at 9:00 AM", "Monday at 9:00 AM", or a date further out —
 * `dayAt` joins a day and a time the way the language does.
 *
 * @example formatWhen('2026-03-03T08:00:00Z', new Date('2026-03-02T20:00:00Z'), 'en', (d, t) => `${d} at ${t}`, 'UTC') // → "tomorrow at 08:00 AM"
 */
export function formatWhen(iso: string, now: Date, locale: string, dayAt: (day: string, time: string) => string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const dayNumber = (d: Date) => {
    const [y, m, day] = d.toLocaleDateString('en-CA', { timeZone }).split('-').map(Number);
    return Date.UTC(y, m - 1, day) / 86_400_000;
  };
  const days = dayNumber(at) - dayNumber(now);
  let day: string;
  if (days <= 1) day = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.max(0, days), 'day');
  else if (days < 7) day = at.toLocaleDateString(locale, { weekday: 'long', timeZone });
  else day = at.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  return dayAt(day, time);
}
