import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';

/** Turns domain events into per-agent notifications (stored, pushed live and by Web Push). Returns a stop function. */
export function startNotifications(_ctx: Ctx, _log: FastifyBaseLogger): () => Promise<void> {
  return async () => {};
}
