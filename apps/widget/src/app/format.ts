/** Small pure formatting helpers for the UI. */

/** `HH:MM` in the visitor's time zone. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Relative luminance of a `#rrggbb` colour (0 = black, 1 = white). */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return 0;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Text colour readable on the site colour. */
export const textOn = (hex: string) => (luminance(hex) > 0.4 ? '#111827' : '#ffffff');

/** Name colours for agents, each dark enough for small text on the light list background. */
const PALETTE = ['#0f766e', '#7c3aed', '#be185d', '#c2410c', '#1d4ed8', '#0e7490', '#4d7c0f', '#a21caf'];

/** The colour of the n-th agent of a chat (`agentOrder`), so that two agents look different. */
export const agentColor = (n: number | undefined): string => PALETTE[(n ?? 0) % PALETTE.length];

/** Up to two initials for an avatar without a picture ("Ana Lima" → "AL"). */
export function initials(name: string): string {
  const w = name.trim().split(/\s+/).filter(Boolean);
  return ((w[0]?.[0] ?? '?') + (w.length > 1 ? w[w.length - 1][0] : '')).toUpperCase();
}

/** A queue estimate in whole minutes, at least 1 (null stays null: no estimate yet). */
export function waitMinutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.max(1, Math.ceil(seconds / 60));
}
