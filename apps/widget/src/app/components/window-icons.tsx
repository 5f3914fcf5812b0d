/** The chat window's icons (in its lazily loaded chunk). */
import { svg } from './icons';

export const MoreIcon = () => svg('M5 12h.01M12 12h.01M19 12h.01', 22, 3.5);
export const SendIcon = () => svg('M3.4 20.4l17.5-7.5c.8-.4.8-1.5 0-1.8L3.4 3.6c-.7-.3-1.4.2-1.4.9L2 9.1c0 .5.4.9.9 1l10.1 1.9-10.1 1.9c-.5.1-.9.5-.9 1l0 4.6c0 .7.7 1.2 1.4.9z', 18);
export const ClockIcon = () => svg('M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 12, 2);
export const SmileIcon = () => svg('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8.5 14.5s1.3 2 3.5 2 3.5-2 3.5-2M9 9.5h.01M15 9.5h.01', 22, 1.8);
export const ClipIcon = () => svg('M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5', 20, 1.8);
