import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context';

/** `GET /api/push/public-key`, `POST|DELETE /api/push/subscriptions`. */
export function pushRoutes(_app: FastifyInstance, _ctx: Ctx) {}
