/**
 * What a benchmark process reports about itself: CPU, event-loop utilisation and memory
 * (after a full GC when started with --expose-gc). Parents diff two `Usage` snapshots.
 */
import { performance } from 'node:perf_hooks';

export interface Usage {
  /** performance.now() in the child, ms. */
  at: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  eluActive: number;
  eluIdle: number;
  /** Extra counters of the process (e.g. SQL statements). */
  counters: Record<string, number>;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export function usage(counters: Record<string, number> = {}): Usage {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return { at: performance.now(), cpuUserUs: cpu.user, cpuSystemUs: cpu.system, eluActive: elu.active, eluIdle: elu.idle, counters: { ...counters } };
}

export interface UsageDelta {
  seconds: number;
  /** CPU time over wall time: 1 = one core busy all along. */
  cpu: number;
  /** Share of the time the event loop was busy (0-1). */
  elu: number;
  counters: Record<string, number>;
}

export function usageDelta(a: Usage, b: Usage): UsageDelta {
  const seconds = (b.at - a.at) / 1000;
  const cpu = (b.cpuUserUs + b.cpuSystemUs - a.cpuUserUs - a.cpuSystemUs) / 1e6 / seconds;
  const active = b.eluActive - a.eluActive;
  const idle = b.eluIdle - a.eluIdle;
  const counters: Record<string, number> = {};
  for (const k of Object.keys(b.counters)) counters[k] = b.counters[k]! - (a.counters[k] ?? 0);
  return { seconds, cpu, elu: active + idle > 0 ? active / (active + idle) : 0, counters };
}

/** Memory after two full collections (when --expose-gc), so deltas count live objects only. */
export async function memory(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

/** CPU time of every process whose command name is `comm` (e.g. `postgres`), in seconds — Linux /proc. */
export async function processCpuSeconds(comm: string): Promise<number | undefined> {
  const fs = await import('node:fs/promises');
  try {
    let ticks = 0;
    for (const pid of await fs.readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const close = stat.lastIndexOf(')');
      if (close < 0 || stat.slice(stat.indexOf('(') + 1, close) !== comm) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
