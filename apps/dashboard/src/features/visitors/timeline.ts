/**
 * The page-history timeline of the side panel: a visitor's latest sessions, newest first,
 * each with its landing page, source and the pages in the order visited. Reloads of the same
 * page are one step; the page the visitor is on now counts its time live.
 */
import type { VisitorSessionDto } from '@parley/protocol';
import { time } from '../../lib/time';
import { sourceLabel, utmLabel } from './format';

export interface TimelineStep {
  /** The first page view's id (stable React key). */
  id: string;
  url: string;
  title: string;
  enteredAt: string;
  /** Time spent, summed over consecutive views of the same URL; live for the current page. */
  seconds: number;
  /** Consecutive views merged into this step (a reload counts 2). */
  views: number;
  /** The visitor is on this page right now. */
  current: boolean;
}

export interface TimelineSession {
  id: string;
  startedAt: string;
  /** Still going (not ended). */
  live: boolean;
  landingUrl: string | null;
  referrer: string | null;
  /** "google.com", a UTM source, or "Direct". */
  source: string;
  /** "google / cpc / spring" when the landing URL was tagged. */
  utm: string | null;
  steps: TimelineStep[];
  /** Page views in the session (before merging reloads). */
  pageViews: number;
  totalSeconds: number;
}

/** The sessions, newest first (ties by id, so the order is stable). */
export function newestFirst(sessions: readonly VisitorSessionDto[]): VisitorSessionDto[] {
  return [...sessions].sort((a, b) => time(b.startedAt) - time(a.startedAt) || a.id.localeCompare(b.id));
}

/**
 * Build the timeline from `VisitorDetailDto.sessions`. `online`: whether the visitor is on the
 * site now (only then does the latest open page count its time up to `now`).
 *
 * @example buildTimeline(detail.sessions, Date.now(), detail.online)[0].steps.at(-1)?.current
 */
export function buildTimeline(sessions: readonly VisitorSessionDto[], now: number, online: boolean): TimelineSession[] {
  return newestFirst(sessions).map((s, index) => {
    const live = s.endedAt === null && online && index === 0;
    const views = [...s.pageViews].sort((a, b) => time(a.enteredAt) - time(b.enteredAt) || a.id.localeCompare(b.id));
    const steps: TimelineStep[] = [];
    views.forEach((pv, i) => {
      const isOpen = live && i === views.length - 1 && pv.leftAt === null;
      const seconds = isOpen ? Math.max(pv.seconds, Math.floor((now - time(pv.enteredAt)) / 1000)) : pv.seconds;
      const prev = steps[steps.length - 1];
      if (prev && prev.url === pv.url) {
        prev.seconds += Math.max(0, seconds);
        prev.views += 1;
        prev.current = isOpen;
        if (pv.title) prev.title = pv.title;
        return;
      }
      steps.push({ id: pv.id, url: pv.url, title: pv.title, enteredAt: pv.enteredAt, seconds: Math.max(0, seconds), views: 1, current: isOpen });
    });
    return {
      id: s.id,
      startedAt: s.startedAt,
      live,
      landingUrl: s.landingUrl ?? views[0]?.url ?? null,
      referrer: s.referrer,
      source: sourceLabel(s.referrer, s.utm.source),
      utm: utmLabel(s.utm),
      steps,
      pageViews: views.length,
      totalSeconds: steps.reduce((n, st) => n + st.seconds, 0),
    };
  });
}

/** The last `max` steps and how many earlier ones are hidden (long sessions stay readable). */
export function tailSteps(steps: readonly TimelineStep[], max: number): { hidden: number; shown: TimelineStep[] } {
  if (steps.length <= max) return { hidden: 0, shown: [...steps] };
  return { hidden: steps.length - max, shown: steps.slice(steps.length - max) };
}
