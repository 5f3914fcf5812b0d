import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context';

/** `GET /api/notifications`, `POST /api/notifications/read`. */
export function notificationRoutes(_app: FastifyInstance, _ctx: Ctx) {}
