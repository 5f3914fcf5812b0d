/**
 * File upload throughput and server memory (issue 5).
 *
 * Starts Parley as a child process (embedded PGlite, local file storage in a temp DATA_DIR)
 * and, side by side in the same run, a bare Node HTTP server that only streams request bodies
 * to disk (the baseline: what loopback + this disk can do). Then:
 *   1. sequential 10 MB uploads → MB/s for each server and the ratio;
 *   2. 20 uploads in parallel, once with 1 MB files and once with 10 MB files → the server's
 *      peak RSS and heap above its idle level. If uploads were buffered, the 10 MB run would
 *      need ~180 MB more than the 1 MB run; streamed, both stay flat.
 *
 * Usage: `npm run upload -w bench` (env: BENCH_UPLOADS sequential uploads, default 20;
 * BENCH_PARALLEL, default 20; BENCH_FILE_MB, default 10).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SEQUENTIAL = Number(process.env.BENCH_UPLOADS ?? 20);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 20);
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 10);
const MB = 1024 * 1024;
const EMAIL = 'bench@upload.parley.test';
const PASSWORD = 'bench-password';

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A child process whose memory we sample through bench/lib/memory-probe.mjs. */
class Probed {
  latest: Memory | undefined;
  private peak: Memory | undefined;
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { type?: string } & Memory) => {
      if (m.type !== 'memory') return;
      this.latest = m;
      if (this.peak) for (const k of ['rss', 'heapUsed', 'external', 'arrayBuffers'] as const) this.peak[k] = Math.max(this.peak[k], m[k]);
    });
  }
  startPeak() {
    this.peak = { ...this.latest! };
  }
  stopPeak(): Memory {
    const p = this.peak!;
    this.peak = undefined;
    return p;
  }
  async stop() {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await new Promise((r) => this.child.once('exit', r));
  }
}

const probe = path.join(root, 'bench/lib/memory-probe.mjs');

function startParley(port: number, dataDir: string): Probed {
  const child = fork(path.join(root, 'apps/server/src/main.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--import', probe],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO_PAGE: 'false',
      ADMIN_EMAIL: EMAIL,
      ADMIN_PASSWORD: PASSWORD,
      SWEEP_INTERVAL_SECONDS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Probed(child);
}

/** The baseline: a bare HTTP server streaming each body to a file in `dir` (bench/lib/bare-upload-server.mjs). */
function startBaseline(port: number, dir: string): Probed {
  const child = fork(path.join(root, 'bench/lib/bare-upload-server.mjs'), [String(port), dir], { execArgv: ['--import', probe], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Probed(child);
}

async function waitUntilUp(url: string) {
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > 120_000) throw new Error(`${url} did not answer within 120 s`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs in, makes an API token, lifts the site's quota, starts a conversation to upload into. */
async function prepare(base: string): Promise<{ token: string; conversationId: string }> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  const { csrfToken } = await json<{ csrfToken: string }>(login);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const auth = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const { token } = await json<{ token: string }>(await fetch(`${base}/api/tokens`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'bench' }) }));
  // No quota or size limit in the way of the measurement.
  const { site } = await json<{ site: { id: string } }>(
    await fetch(`${base}/api/sites`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Upload bench', settings: { files: { quotaMb: 10_000_000, maxSizeMb: 100 } } }) }),
  );
  const { conversation } = await json<{ conversation: { id: string } }>(
    await fetch(`${base}/api/chat/start`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ customerId: 'bench', customerName: 'Bench', siteId: site.id }) }),
  );
  return { token, conversationId: conversation.id };
}

/** A PDF-looking payload (file-type sniffs `%PDF`), random after the header. */
function payload(bytes: number): Buffer {
  const buf = randomBytes(bytes);
  buf.write('%PDF-1.7\n', 0, 'latin1');
  return buf;
}

/**
 * Streams one multipart upload (64 KiB writes, honouring backpressure) and resolves with the
 * status. The same bytes go to the baseline, which just stores the whole body.
 */
function upload(url: string, headers: Record<string, string>, file: Buffer): Promise<number> {
  const boundary = `----parleybench${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${randomUUID()}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + file.length + tail.length) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.write(head);
    let offset = 0;
    const pump = () => {
      while (offset < file.length) {
        const chunk = file.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  proc: Probed;
}

async function sequential(t: Target, file: Buffer) {
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    const status = await upload(t.url, t.headers, file);
    if (status !== 201) throw new Error(`${t.name}: upload answered ${status}`);
    times.push(performance.now() - started);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return { mbps: (file.length * SEQUENTIAL) / MB / (total / 1000), p50: times[Math.floor(times.length / 2)]! };
}

async function parallel(t: Target, file: Buffer) {
  await new Promise((r) => setTimeout(r, 500));
  global.gc?.();
  const idle = { ...t.proc.latest! };
  t.proc.startPeak();
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: PARALLEL }, () => upload(t.url, t.headers, file)));
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 100));
  const peak = t.proc.stopPeak();
  if (statuses.some((s) => s !== 201)) throw new Error(`${t.name}: parallel uploads answered ${statuses.join(',')}`);
  return { seconds, mbps: (file.length * PARALLEL) / MB / seconds, rss: (peak.rss - idle.rss) / MB, heap: (peak.heapUsed - idle.heapUsed) / MB, idleRss: idle.rss / MB };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-upload-'));
const parleyPort = 3950 + Math.floor(Math.random() * 40);
const basePort = parleyPort + 50;
const parley = startParley(parleyPort, path.join(tmp, 'data'));
fs.mkdirSync(path.join(tmp, 'bare'));
const bare = startBaseline(basePort, path.join(tmp, 'bare'));
const cleanup = async () => {
  await Promise.all([parley.stop(), bare.stop()]);
  fs.rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const base = `http://127.0.0.1:${parleyPort}`;
  await waitUntilUp(`${base}/healthz`);
  await waitUntilUp(`http://127.0.0.1:${basePort}/`);
  const { token, conversationId } = await prepare(base);
  const targets: Target[] = [
    { name: 'bare http → disk (baseline)', url: `http://127.0.0.1:${basePort}/`, headers: {}, proc: bare },
    { name: 'Parley upload', url: `${base}/api/conversations/${conversationId}/files`, headers: { authorization: `Bearer ${token}` }, proc: parley },
  ];
  const big = payload(FILE_MB * MB);
  const small = payload(MB);
  for (const t of targets) await upload(t.url, t.headers, small); // warm up

  console.log(`\nSequential uploads: ${SEQUENTIAL} × ${FILE_MB} MB`);
  const seq = [];
  for (const t of targets) seq.push({ server: t.name, ...(await sequential(t, big)) });
  console.table(seq.map((r) => ({ server: r.server, 'MB/s': r.mbps.toFixed(1), 'p50 ms per upload': Math.round(r.p50) })));
  console.log(`Parley / baseline throughput: ${(seq[1]!.mbps / seq[0]!.mbps).toFixed(2)}×`);

  console.log(`\n${PARALLEL} uploads in parallel: memory above idle while they run`);
  const rows: Record<string, string>[] = [];
  for (const t of targets) {
    for (const [label, file] of [['1 MB', small], [`${FILE_MB} MB`, big]] as const) {
      const r = await parallel(t, file);
      rows.push({ server: t.name, file: label, 'MB/s': r.mbps.toFixed(1), 'idle RSS MB': r.idleRss.toFixed(0), 'peak RSS +MB': r.rss.toFixed(1), 'peak heap +MB': r.heap.toFixed(1) });
    }
  }
  console.table(rows);
  const growth = (a: Record<string, string>, b: Record<string, string>) => Number(b['peak RSS +MB']) - Number(a['peak RSS +MB']);
  const parleyGrowth = growth(rows[2]!, rows[3]!);
  const bareGrowth = growth(rows[0]!, rows[1]!);
  const buffered = PARALLEL * (FILE_MB - 1);
  console.log(
    `RSS growth from 1 MB to ${FILE_MB} MB files: Parley ${parleyGrowth.toFixed(1)} MB, bare baseline ${bareGrowth.toFixed(1)} MB; ` +
      `holding whole files in memory would add ~${buffered} MB → ${parleyGrowth < buffered / 2 ? 'PASS: memory does not grow with file size' : 'FAIL'}`,
  );
} finally {
  await cleanup();
}
