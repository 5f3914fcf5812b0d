/**
 * Search and inbox latency on the large data set (`npm run seed -w bench` first): starts Parley
 * on that database, signs in, and times sequential HTTP requests end to end (session check,
 * validation, queries, JSON). Prints p50/p95/p99 per scenario and overall.
 *
 * Usage: `npm run search-inbox -w bench` (or `npx tsx bench/search-inbox.ts`). Environment:
 *   BENCH_PG_URL, BENCH_DB   as for the seed
 *   BENCH_REQUESTS           timed requests per scenario (default 200, after 10 warm-up ones)
 *   BENCH_EXPORT=1           also stream the whole CSV export once (time, size, memory)
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { BENCH_ADMIN, BENCH_AGENT, BENCH_PASSWORD, benchDatabaseUrl } from './bench-db';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 10;

// As agents type them: whole words, prefixes, several words, names, emails, phones, order
// numbers, rare words and misses.
const SEARCHES = [
  'refund', 'ref', 'refu', 'order', 'ord', 'deliv', 'delivery late', 'payment', 'pa', 'password reset', 'card charged twice',
  'invoice', 'inv', 'ship', 'tracking', 'warranty', 'warr', 'cancel sub', 'flight booking', 'gdpr', 'firmware', 'helsinki',
  'leaderboard', 'garcia', 'maria', 'jenn', 'smith', 'maria lopez', 'james.smith', 'gmail', 'lisa.flores3@hotmail.com',
  '+1 204', '1204', '48213', '3327', 'xyzzy', 'qwerty', 'the', 'help me', 'login locked',
];

const { url } = benchDatabaseUrl();
const config = loadConfig({ DATABASE_URL: url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', DEMO_PAGE: 'false', SWEEP_INTERVAL_SECONDS: '0', LOGIN_RATE_LIMIT: '100' });
const parley = await buildApp({ config });
await parley.app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(parley.app.server.address() as AddressInfo).port}`;

async function signIn(email: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in as ${email} failed (${res.status}): run the seed first`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, id: ((await res.json()) as { agent: { id: string } }).agent.id };
}

async function get<T>(cookie: string, path: string): Promise<T> {
  const res = await fetch(base + path, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const rows: Record<string, string | number>[] = [];
const groups: Record<string, number[]> = {};

/** Times `REQUESTS` requests cycling through `paths` (after a short warm-up). */
async function measure(group: string, name: string, cookie: string, paths: string[], check?: (body: unknown) => void) {
  for (let i = 0; i < WARMUP; i++) await get(cookie, paths[i % paths.length]!);
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const body = await get<Record<string, unknown[]>>(cookie, paths[i % paths.length]!);
    times.push(performance.now() - started);
    count += (body.results ?? body.conversations ?? []).length;
    check?.(body);
  }
  (groups[group] ??= []).push(...times);
  const sorted = [...times].sort((a, b) => a - b);
  rows.push({ scenario: name, 'avg rows': Math.round(count / REQUESTS), p50: +pct(sorted, 50).toFixed(1), p95: +pct(sorted, 95).toFixed(1), p99: +pct(sorted, 99).toFixed(1) });
}

const agent = await signIn(BENCH_AGENT);
const admin = await signIn(BENCH_ADMIN);
const sites = (await get<{ sites: { id: string }[] }>(admin.cookie, '/api/sites')).sites;
const pgc = new pg.Client({ connectionString: url });
await pgc.connect();
const counts = (await pgc.query<{ c: string; m: string }>('select (select count(*) from conversations) as c, (select count(*) from messages) as m')).rows[0]!;
const departments = (await pgc.query<{ id: string }>('select id from departments order by name')).rows;
await pgc.end();
console.log(`Parley on ${url}: ${Number(counts.c).toLocaleString()} conversations, ${Number(counts.m).toLocaleString()} messages; ${REQUESTS} timed requests per scenario\n`);

const searchPaths = SEARCHES.map((q) => `/api/search?q=${encodeURIComponent(q)}`);
await measure('search', 'search, agent (2 of 5 sites)', agent.cookie, searchPaths);
await measure('search', 'search, admin (all sites)', admin.cookie, searchPaths);

// A deep page of the closed archive: follow the cursors 20 pages in.
let cursor = '';
for (let i = 0; i < 20; i++) {
  const page = await get<{ nextCursor: string | null }>(agent.cookie, `/api/conversations?status=closed&limit=50${cursor && `&before=${encodeURIComponent(cursor)}`}`);
  if (!page.nextCursor) break;
  cursor = page.nextCursor;
}
const aVisitor = (await get<{ conversations: { visitorId: string }[] }>(agent.cookie, '/api/conversations?status=closed&limit=1')).conversations[0]!.visitorId;
const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();

const inbox: [string, string[]][] = [
  ['waiting', ['status=waiting']],
  ['active', ['status=active']],
  ['active, mine', ['status=active&agent=mine']],
  ['closed, first page', ['status=closed']],
  ['closed, page 21 (cursor)', [`status=closed&before=${encodeURIComponent(cursor)}`]],
  ['all, newest', ['status=all']],
  ['all, mine', ['status=all&agent=mine']],
  ['closed, unassigned', ['status=closed&agent=unassigned']],
  ['closed, tag', ['status=closed&tag=refund', 'status=closed&tag=vip', 'status=closed&tag=bug']],
  ['all, lead status', ['status=all&leadStatus=filled', 'status=all&leadStatus=pending']],
  ['closed, priority', ['status=closed&priority=urgent', 'status=closed&priority=high']],
  ['closed, last 30 days', [`status=closed&from=${encodeURIComponent(monthAgo)}`]],
  ['closed, one week a month ago', [`status=closed&from=${encodeURIComponent(monthAgo)}&to=${encodeURIComponent(new Date(Date.parse(monthAgo) + 7 * 86_400_000).toISOString())}`]],
  ['all, one site', [`status=all&siteIds=${sites[1]!.id}`, `status=all&siteIds=${sites[2]!.id}`]],
  ['all, department', departments.map((d) => `status=all&departmentId=${d.id}`)],
  ['closed, combined', [`status=closed&tag=billing&leadStatus=filled&from=${encodeURIComponent(weekAgo)}`, `status=closed&agent=mine&priority=high`]],
  ['visitor history', [`status=all&visitorId=${aVisitor}`]],
];
for (const [name, queries] of inbox) await measure('inbox', `inbox ${name}, agent`, agent.cookie, queries.map((q) => `/api/conversations?${q}`));
for (const [name, queries] of inbox.filter(([n]) => !n.includes('mine') && n !== 'closed, page 21 (cursor)')) {
  await measure('inbox', `inbox ${name}, admin`, admin.cookie, queries.map((q) => `/api/conversations?${q}`));
}

for (const [group, times] of Object.entries(groups)) {
  const sorted = [...times].sort((a, b) => a - b);
  rows.push({ scenario: `ALL ${group} (${times.length} requests)`, 'avg rows': '', p50: +pct(sorted, 50).toFixed(1), p95: +pct(sorted, 95).toFixed(1), p99: +pct(sorted, 99).toFixed(1) });
}
console.table(rows);

if (process.env.BENCH_EXPORT) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const res = await fetch(`${base}/api/conversations/export.csv?status=all`, { headers: { cookie: admin.cookie } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(timer);
  console.log(
    `\nCSV export of every conversation: ${(bytes / 1e6).toFixed(0)} MB, ${lines.toLocaleString()} lines (incl. line breaks inside cells) in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `process RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB`,
  );
}

await parley.close();
