/** Inline SVG icons (decorative: the buttons carry the labels). */
const svg = (d: string, size = 20, stroke = 0) => (
  <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" {...(stroke ? { fill: 'none', stroke: 'currentColor', 'stroke-width': stroke, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } : { fill: 'currentColor' })}>
    <path d={d} />
  </svg>
);

export const ChatIcon = () => svg('M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-1.9c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.6S17.5 3 12 3z', 28);
export const DownIcon = () => svg('M6 9l6 6 6-6', 26, 2);
export const CloseIcon = () => svg('M6 6l12 12M18 6L6 18', 20, 2);
export const MoreIcon = () => svg('M5 12h.01M12 12h.01M19 12h.01', 22, 3.5);
export const SendIcon = () => svg('M3.4 20.4l17.5-7.5c.8-.4.8-1.5 0-1.8L3.4 3.6c-.7-.3-1.4.2-1.4.9L2 9.1c0 .5.4.9.9 1l10.1 1.9-10.1 1.9c-.5.1-.9.5-.9 1l0 4.6c0 .7.7 1.2 1.4.9z', 18);
export const ClockIcon = () => svg('M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 12, 2);
