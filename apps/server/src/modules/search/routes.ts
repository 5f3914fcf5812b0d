import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context';

/** `GET /api/search?q=`: visitors and message text, PostgreSQL full-text search. */
export function searchRoutes(_app: FastifyInstance, _ctx: Ctx) {}
