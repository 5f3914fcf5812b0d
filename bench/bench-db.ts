import { PG_URL } from './lib/env';

/** Where the large benchmark data set lives, and who signs in to it (shared by seed and benchmark). */
export const BENCH_AGENT = 'agent0@bench.parley.test';
export const BENCH_ADMIN = 'admin@bench.parley.test';
export const BENCH_PASSWORD = 'bench-password';

/** `admin`: the server's maintenance database URL; `url`: the benchmark database on it. */
export function benchDatabaseUrl() {
  const admin = PG_URL;
  const name = process.env.BENCH_DB ?? 'parley_bench';
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('BENCH_DB must be a plain lower-case identifier');
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { admin, url: url.toString() };
}
