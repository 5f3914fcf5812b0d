/**
 * Pure formatting for visitor context (live-visitors page and the conversation side panel):
 * durations, money, flags, locations, devices and traffic sources.
 */
import type { DeviceDto, GeoDto } from '@parley/protocol';

/**
 * Compact elapsed time: "42s", "3m 05s", "1h 02m", "2d 4h".
 *
 * @example formatDuration(185) // "3m 05s"
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

/** Seconds from `iso` to `now` (0 for a missing or future time). */
export function secondsSince(iso: string | null | undefined, now: number): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now - t) / 1000));
}

/**
 * The flag emoji of an ISO 3166-1 alpha-2 code (two regional indicator symbols), or "" when
 * the code is not two letters.
 *
 * @example flagEmoji('gb') // "🇬🇧"
 */
export function flagEmoji(countryCode: string | null | undefined): string {
  const code = countryCode?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

/** "London, United Kingdom" / "United Kingdom" / null when the location is unknown. */
export function locationLabel(geo: GeoDto): string | null {
  const country = geo.country?.trim() || geo.countryCode?.trim().toUpperCase() || '';
  const city = geo.city?.trim() ?? '';
  if (city && country) return `${city}, ${country}`;
  return city || country || null;
}

/** A cart total in its currency ("€1,234.50"); a plain number when the currency is unknown or invalid. */
export function formatMoney(total: number, currency: string | null | undefined, locale?: string): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(total);
    } catch {
      // An unknown currency code: show the number and the code.
      return `${formatPlain(total, locale)} ${currency}`;
    }
  }
  return formatPlain(total, locale);
}

function formatPlain(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 }).format(n);
}

const DEVICE_NAMES: Record<string, string> = { desktop: 'Desktop', mobile: 'Mobile', tablet: 'Tablet', smarttv: 'TV', console: 'Console', wearable: 'Wearable', embedded: 'Embedded', xr: 'XR' };

/** The kind of device, capitalised ("Desktop" when ua-parser-js gave no type). */
export function deviceKind(device: DeviceDto): string {
  const type = device.device?.trim().toLowerCase() || 'desktop';
  return DEVICE_NAMES[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

/** "Desktop · Chrome · Linux", or null when nothing is known (e.g. a visitor who only sent an email). */
export function deviceLabel(device: DeviceDto): string | null {
  if (!device.device && !device.browser && !device.os) return null;
  return [deviceKind(device), browserLabel(device)].filter(Boolean).join(' · ');
}

/** "Chrome · Linux" (what is known of browser and OS), or null. */
export function browserLabel(device: DeviceDto): string | null {
  const parts = [device.browser, device.os].map((p) => p?.trim()).filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The host of a URL without "www." ("google.com"), or the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Path, query and hash of a URL ("/pricing?plan=pro"), for compact display. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}${u.hash}` || '/';
  } catch {
    return url;
  }
}

/**
 * Where the visit came from: the UTM source when tagged, else the referrer's host, else "Direct".
 *
 * @example sourceLabel('https://www.google.com/search?q=x', null) // "google.com"
 */
export function sourceLabel(referrer: string | null | undefined, utmSource: string | null | undefined): string {
  if (utmSource?.trim()) return utmSource.trim();
  if (referrer?.trim()) return hostOf(referrer.trim());
  return 'Direct';
}

/** "google / cpc / spring" from a session's UTM parameters (null when untagged). */
export function utmLabel(utm: { source: string | null; medium: string | null; campaign: string | null }): string | null {
  const parts = [utm.source, utm.medium, utm.campaign].map((p) => p?.trim()).filter(Boolean);
  return parts.length ? parts.join(' / ') : null;
}

export interface CartView {
  total: number;
  currency: string | null;
  items: { name: string; quantity: number; price: number | null }[];
}

/**
 * The cart of a visitor's `setContext` data (validated by the server, read defensively here),
 * or null when there is none.
 */
export function cartOf(context: Record<string, unknown> | null | undefined): CartView | null {
  const cart = context?.cart;
  if (!cart || typeof cart !== 'object') return null;
  const c = cart as { total?: unknown; currency?: unknown; items?: unknown };
  if (typeof c.total !== 'number') return null;
  const items = Array.isArray(c.items)
    ? c.items
        .filter((i): i is { name: string; quantity?: unknown; price?: unknown } => Boolean(i) && typeof (i as { name?: unknown }).name === 'string')
        .map((i) => ({ name: i.name, quantity: typeof i.quantity === 'number' ? i.quantity : 1, price: typeof i.price === 'number' ? i.price : null }))
    : [];
  return { total: c.total, currency: typeof c.currency === 'string' ? c.currency : null, items };
}

/** An attribute or context value as text: Yes/No, "—" for null, JSON for objects (shortened). */
export function displayValue(value: unknown, max = 200): string {
  let text: string;
  if (value === null || value === undefined) text = '—';
  else if (typeof value === 'boolean') text = value ? 'Yes' : 'No';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = String(value);
  else text = JSON.stringify(value) ?? '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
