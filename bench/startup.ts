/**
 * Time from `npm start` to the first served page, on a fresh data directory and on a warm
 * one. Usage: `npx tsx bench/startup.ts` (builds must exist: run `npm run build` first to
 * measure the server alone, or delete the widget and dashboard dist folders to include the build).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

async function once(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - started > 180_000) throw new Error('server did not answer within 180 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/demo`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
const fresh = await once(dataDir, 3901);
const warm = await once(dataDir, 3902);
fs.rmSync(dataDir, { recursive: true, force: true });
console.table([
  { run: 'first start (empty DATA_DIR: create DB, migrate, bootstrap)', ms: Math.round(fresh) },
  { run: 'second start (existing DATA_DIR)', ms: Math.round(warm) },
]);
