/** Colour helpers for the site's colour (app.js: the launcher is drawn in it). */

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

/**
 * WCAG contrast ratio of two colours, 1 (same) to 21 (black on white).
 *
 * @example contrast('#ffffff', '#2563eb') // → 5.17
 */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour on the site colour: white or near-black, whichever reads better. */
export const textOn = (hex: string) => (contrast(hex, '#ffffff') >= contrast(hex, '#111827') ? '#ffffff' : '#111827');

/**
 * The site colour where it stands out enough from `background` (3:1, for icons, links, focus
 * rings and receipts), else `fallback`.
 */
export const accentOn = (hex: string, background: string, fallback: string) => (contrast(hex, background) >= 3 ? hex : fallback);
