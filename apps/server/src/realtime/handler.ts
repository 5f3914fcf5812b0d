import type { Ack } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../errors';

/** True for errors that mean "the database is unreachable", answered as 503 / `unavailable`. */
export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const code = e?.code ?? e?.cause?.code;
  // Drizzle wraps the driver's error ("Failed query: …") and keeps it as `cause`: a pool that
  // cannot hand out a connection in time (overload) is as unavailable as a database that is down.
  const messages = `${e?.message ?? ''}\n${e?.cause?.message ?? ''}`;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03' || code === 'ETIMEDOUT' || /Connection terminated|timeout exceeded when trying to connect/i.test(messages);
}

/** Turns any thrown error into a client-safe `{ code, message }` (never internals). */
export function toErrorBody(err: unknown, log: FastifyBaseLogger) {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (isDatabaseDown(err)) return { code: 'unavailable', message: 'The service is temporarily unavailable; retrying will work once it is back' };
  log.error({ err }, 'socket handler failed');
  return { code: 'internal', message: 'Something went wrong' };
}

/**
 * Wraps a socket handler: validates nothing itself, but guarantees exactly one ack,
 * `{ ok: true, data }` or `{ ok: false, error }`, and no unhandled rejection.
 */
export function handle<P, T>(log: FastifyBaseLogger, fn: (payload: P) => Promise<T>) {
  return (payload: P, ack?: (a: Ack<T>) => void) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    fn(payload).then(
      (data) => reply({ ok: true, data }),
      (err) => reply({ ok: false, error: toErrorBody(err, log) }),
    );
  };
}
