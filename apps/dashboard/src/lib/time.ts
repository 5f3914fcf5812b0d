const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * Compact inbox time: "now", "5m", "3h", then "Yesterday", a weekday within the week,
 * and a short date after that.
 */
export function relativeTime(iso: string | null | undefined, now: Date = new Date(), locale?: string): string {
  if (!iso) return '';
  const then = new Date(iso);
  const t = then.getTime();
  if (Number.isNaN(t)) return '';
  const diff = now.getTime() - t;
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY);
  if (days <= 0) return `${Math.floor(diff / HOUR)}h`;
  if (days === 1) return 'Yesterday';
  if (days < 7) return then.toLocaleDateString(locale, { weekday: 'short' });
  if (then.getFullYear() === now.getFullYear()) return then.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  return shortDate(then, locale);
}

/** "12 Mar 2025" style date (the locale's order). */
export function shortDate(date: string | Date, locale?: string): string {
  return new Date(date).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "14:05" style clock time for message bubbles. */
export function clockTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** Day separator label: "Today", "Yesterday" or a date. */
export function dayLabel(iso: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return then.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: then.getFullYear() === now.getFullYear() ? undefined : 'numeric' });
}

export function sameDay(a: string, b: string): boolean {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

/** Milliseconds of an ISO time, for ordering (0 when missing or unreadable). */
export const time = (iso: string | null | undefined): number => (iso ? Date.parse(iso) || 0 : 0);
