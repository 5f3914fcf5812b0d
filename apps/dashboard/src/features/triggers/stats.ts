/** Trigger analytics: the period picker and the numbers per row. */
import type { TriggerStatsDto } from '@parley/protocol';

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

/** The `from`/`to` query of the last `days` days up to now. */
export function statsRange(days: Period, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() };
}

/** Accepted prompts per prompt shown, e.g. "25%"; "–" before any prompt was shown. */
export function acceptanceRate(s: Pick<TriggerStatsDto, 'shown' | 'accepted'>): string {
  if (!s.shown) return '–';
  const pct = (s.accepted / s.shown) * 100;
  return `${pct > 0 && pct < 1 ? '<1' : Math.round(pct)}%`;
}

/** Stats by trigger id; a trigger without a row has zeros. */
export function statsFor(stats: readonly TriggerStatsDto[] | undefined, triggerId: string): Pick<TriggerStatsDto, 'shown' | 'accepted' | 'dismissed' | 'chats'> {
  return stats?.find((s) => s.triggerId === triggerId) ?? { shown: 0, accepted: 0, dismissed: 0, chats: 0 };
}
