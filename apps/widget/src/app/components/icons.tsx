/** Inline SVG icons of app.js: the launcher's and ×; the window's own are in window-icons.tsx (decorative: the buttons carry the labels). */
import type { LauncherIcon } from '@parley/protocol';

/** A 24×24 icon from one path: filled, or stroked with `stroke` width. */
export const svg = (d: string, size = 20, stroke = 0) => (
  <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" {...(stroke ? { fill: 'none', stroke: 'currentColor', 'stroke-width': stroke, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } : { fill: 'currentColor' })}>
    <path d={d} />
  </svg>
);

/** The launcher's icon choices (site setting `launcherIcon`). */
const LAUNCHER: Record<LauncherIcon, string> = {
  chat: 'M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-1.9c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.6S17.5 3 12 3z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 17h-2v-2h2v2zm2.07-7.75-.9.92C13.45 12.9 13 13.5 13 15h-2v-.5c0-1.1.45-2.1 1.17-2.83l1.24-1.26c.37-.36.59-.86.59-1.41 0-1.1-.9-2-2-2s-2 .9-2 2H8a4 4 0 0 1 8 0c0 .88-.36 1.68-.93 2.25z',
  headset: 'M12 1a9 9 0 0 0-9 9v7c0 1.66 1.34 3 3 3h3v-8H5v-2a7 7 0 0 1 14 0v2h-4v8h4v1h-7v2h6c1.66 0 3-1.34 3-3V10a9 9 0 0 0-9-9z',
  message: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zm-2 12H6v-2h12v2zm0-3H6V9h12v2zm0-3H6V6h12v2z',
};

export const LauncherGlyph = ({ icon }: { icon: LauncherIcon }) => svg(LAUNCHER[icon] ?? LAUNCHER.chat, 28);
export const DownIcon = () => svg('M6 9l6 6 6-6', 26, 2);
export const CloseIcon = () => svg('M6 6l12 12M18 6L6 18', 20, 2);
