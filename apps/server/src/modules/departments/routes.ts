import type { FastifyInstance } from 'fastify';
import { CreateDepartmentBody, Id, UpdateDepartmentBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { requireAgent } from '../../http/auth';
import { parse } from '../../validate';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from './service';

/** Departments (teams): every agent reads them (transfers); admins change them. */
export function departmentRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/departments', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { departments: await listDepartments(ctx.db, actor.workspaceId) };
  });
  app.post('/api/departments', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    return reply.code(201).send({ department: await createDepartment(ctx, actor, parse(CreateDepartmentBody, req.body)) });
  });
  app.patch<{ Params: { id: string } }>('/api/departments/:id', async (req) => {
    const actor = await requireAgent(ctx, req);
    return { department: await updateDepartment(ctx, actor, parse(Id, req.params.id), parse(UpdateDepartmentBody, req.body)) };
  });
  app.delete<{ Params: { id: string } }>('/api/departments/:id', async (req, reply) => {
    const actor = await requireAgent(ctx, req);
    await deleteDepartment(ctx, actor, parse(Id, req.params.id));
    return reply.code(204).send();
  });
}
