/** Shared bits of the fault scripts (bench/faults-*.ts): settings from the environment and the verdict. */
import type { Tally } from '../../apps/server/src/faults/ledger';

export const pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A number from the environment, or the default. */
export function num(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
}

export interface RunSummary {
  run: number;
  seconds: number;
  tally: Tally;
  problems: string[];
  /** Scenario-specific failures (recovery bounds, crashes). */
  failures: string[];
  figures: Record<string, string | number>;
}

/** Prints one row per run and the verdict; returns the exit code (1 when anything was lost, duplicated or failed). */
export function verdict(scope: string, runs: RunSummary[]): number {
  console.table(
    runs.map((r) => ({
      run: r.run,
      s: r.seconds,
      sent: r.tally.sent,
      acked: r.tally.acked,
      stored: r.tally.stored,
      lost: r.tally.lost,
      duplicated: r.tally.duplicated,
      'missing in views': r.tally.missingInViews,
      'wrong in views': r.tally.wrongInViews,
      ...r.figures,
    })),
  );
  const bad = runs.flatMap((r) => {
    const t = r.tally;
    const why = [...r.failures, ...r.problems.slice(0, 5)];
    if (t.lost || t.duplicated || t.seqBroken || t.missingInViews || t.wrongInViews || t.refused) why.unshift(`lost=${t.lost} duplicated=${t.duplicated} seq-broken=${t.seqBroken} missing=${t.missingInViews} wrong=${t.wrongInViews} refused=${t.refused}`);
    return why.map((w) => `run ${r.run}: ${w}`);
  });
  console.log(bad.length ? `${scope}: FAIL\n  ${bad.join('\n  ')}` : `${scope}: PASS (${runs.length} run${runs.length === 1 ? '' : 's'}: nothing lost, nothing duplicated)`);
  return bad.length ? 1 : 0;
}
