import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context';

/** Canned responses: `GET|POST /api/canned-responses`, `PATCH|DELETE /api/canned-responses/:id`, `POST /api/canned-responses/:id/use`. */
export function cannedRoutes(_app: FastifyInstance, _ctx: Ctx) {}
