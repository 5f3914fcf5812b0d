import { useState } from 'preact/hooks';
import type { ActionResult } from '../../state';
import { W } from '../../i18n/window';

const Star = () => (
  <svg viewBox="0 0 24 24" width="30" height="30" fill="currentColor" aria-hidden="true">
    <path d="M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9z" />
  </svg>
);

/** The rating card after a chat ended: 1–5 stars and an optional comment, then thanks. */
export function Csat({ onRate }: { onRate(score: number, comment: string): Promise<ActionResult> }) {
  const x = W();
  const [score, setScore] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const shown = hover || score;

  if (done) {
    return (
      <div class="card csat" role="status" data-testid="csat-thanks">
        <b>{x.rateThanks}</b>
      </div>
    );
  }
  return (
    <form
      class="card csat"
     
      data-testid="csat"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!score || busy) return;
        setBusy(true);
        const r = await onRate(score, comment.trim());
        setBusy(false);
        if (r.ok) setDone(true);
        else setError(r.code === 'network' ? x.errNetwork : r.message);
      }}
    >
      <fieldset class="stars" onMouseLeave={() => setHover(0)}>
        <legend>
          <b>{x.rateTitle}</b>
        </legend>
        {x.rateScores.map((label, i) => (
          <label key={i} class={i < shown ? 'on' : undefined} title={label} onMouseEnter={() => setHover(i + 1)}>
            <input type="radio" name="pw-score" value={i + 1} checked={score === i + 1} data-testid="csat-score" onChange={() => setScore(i + 1)} />
            <Star />
            <span class="sr">{`${i + 1}/5 ${label}`}</span>
          </label>
        ))}
      </fieldset>
      <div class="sl" aria-hidden="true">
        {shown ? x.rateScores[shown - 1] : ''}
      </div>
      {score > 0 && <textarea aria-label={x.rateComment} placeholder={x.rateComment} maxLength={1000} value={comment} data-testid="csat-comment" onInput={(e) => setComment(e.currentTarget.value)} />}
      {error && (
        <p class="fe" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="btn wide" disabled={!score || busy} data-testid="csat-submit">
        {busy ? x.sending : x.rateSend}
      </button>
    </form>
  );
}
