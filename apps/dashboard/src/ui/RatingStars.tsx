/** A CSAT score (1–5) as five stars; `compact` shows "★ 4" for tight rows. */
export function RatingStars({ score, compact = false }: { score: number; compact?: boolean }) {
  const n = Math.max(0, Math.min(5, Math.round(score)));
  const label = `Rated ${n} out of 5`;
  if (compact) {
    return (
      <span className="stars stars--compact" role="img" aria-label={label} title={label} data-testid="rating-stars" data-score={n}>
        ★ {n}
      </span>
    );
  }
  return (
    <span className="stars" role="img" aria-label={label} title={label} data-testid="rating-stars" data-score={n}>
      <span className="stars__on" aria-hidden="true">
        {'★'.repeat(n)}
      </span>
      <span className="stars__off" aria-hidden="true">
        {'★'.repeat(5 - n)}
      </span>
    </span>
  );
}
