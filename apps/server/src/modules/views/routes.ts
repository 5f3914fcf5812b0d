import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context';

/** Saved views (`/api/views`) and the streamed CSV export (`GET /api/conversations/export.csv`). */
export function viewRoutes(_app: FastifyInstance, _ctx: Ctx) {}
