/** Benchmark parameters from the environment, validated with a readable error. */
import { BenchError } from './cleanup';

/** A positive number from `name`, else `fallback`. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new BenchError(`${name} must be a positive number (got "${raw}")`);
  return n;
}

/** A positive integer from `name`, else `fallback`. */
export function envInt(name: string, fallback: number): number {
  const n = envNumber(name, fallback);
  if (!Number.isInteger(n)) throw new BenchError(`${name} must be a whole number (got "${process.env[name]}")`);
  return n;
}

/** A comma-separated list of positive integers, e.g. `BENCH_CONCURRENCY=10,50,200`. */
export function envInts(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (!list.length || list.some((n) => !Number.isInteger(n) || n <= 0)) throw new BenchError(`${name} must be a comma-separated list of positive whole numbers (got "${raw}")`);
  return list;
}

export function envFlag(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes'].includes(raw.toLowerCase());
}

export const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
