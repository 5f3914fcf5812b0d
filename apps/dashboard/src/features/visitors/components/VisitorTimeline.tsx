import { useMemo, useState } from 'react';
import type { VisitorSessionDto } from '@parley/protocol';
import { clockTime, dayLabel } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import { formatDuration, pathOf } from '../format';
import { buildTimeline, newestFirst, tailSteps, type TimelineSession } from '../timeline';

const MAX_SESSIONS = 3;
const MAX_STEPS = 8;

/** The latest sessions, newest first: where they came from and each page with the time spent. */
export function VisitorTimeline({ sessions, online }: { sessions: readonly VisitorSessionDto[]; online: boolean }) {
  // Only the page they are on right now needs a ticking clock.
  const now = useNow(online ? 1000 : 60_000).getTime();
  // The order only changes with the sessions; each tick rebuilds just the sessions shown.
  const latest = useMemo(() => newestFirst(sessions).slice(0, MAX_SESSIONS), [sessions]);
  const timeline = buildTimeline(latest, now, online);
  if (timeline.length === 0) {
    return <p className="muted">No pages recorded. Tracking may be off for this site, or their browser asks not to be tracked.</p>;
  }
  return (
    <div data-testid="page-history">
      {timeline.map((s) => (
        <Session key={s.id} session={s} />
      ))}
      {sessions.length > MAX_SESSIONS && (
        <p className="muted">
          {sessions.length - MAX_SESSIONS} earlier {sessions.length - MAX_SESSIONS === 1 ? 'visit' : 'visits'} not shown.
        </p>
      )}
    </div>
  );
}

function Session({ session: s }: { session: TimelineSession }) {
  const [all, setAll] = useState(false);
  const { hidden, shown } = all ? { hidden: 0, shown: s.steps } : tailSteps(s.steps, MAX_STEPS);
  return (
    <section className="vc-session" aria-label={`Visit of ${dayLabel(s.startedAt)} at ${clockTime(s.startedAt)}`}>
      <header className="vc-session__head">
        <span className="vc-session__when">
          {s.live ? 'This visit' : dayLabel(s.startedAt)} · {clockTime(s.startedAt)}
        </span>
        <span className="muted">
          {s.pageViews} {s.pageViews === 1 ? 'page' : 'pages'} · {formatDuration(s.totalSeconds)} ·{' '}
          {s.referrer || s.utm ? <span title={s.referrer ?? undefined}>from {s.source}</span> : 'direct visit'}
        </span>
        {s.utm && <span className="muted">UTM: {s.utm}</span>}
      </header>
      {hidden > 0 && (
        <button type="button" className="btn btn--link vc-more" onClick={() => setAll(true)}>
          Show {hidden} earlier {hidden === 1 ? 'page' : 'pages'}
        </button>
      )}
      <ol className="vc-steps">
        {shown.map((step, i) => (
          <li key={step.id} className={`vc-step${step.current ? ' vc-step--current' : ''}`} data-testid="history-page">
            <span className="vc-step__top">
              <a className="vc-step__title" href={step.url} target="_blank" rel="noopener noreferrer" title={step.url}>
                {step.title.trim() || pathOf(step.url)}
              </a>
              <span className="vc-step__time" title={step.current ? 'On this page now' : 'Time spent'}>
                {step.current ? `now · ${formatDuration(step.seconds)}` : formatDuration(step.seconds)}
              </span>
            </span>
            <span className="lv-sub lv-ellipsis" title={step.url}>
              {hidden === 0 && i === 0 ? 'Landing page · ' : ''}
              {pathOf(step.url)}
              {step.views > 1 ? ` · viewed ${step.views}×` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
