import type { AgentDto } from '@parley/protocol';
import type { agents } from '../../db/schema';

export type AgentRow = typeof agents.$inferSelect;

export function presentAgent(row: AgentRow, siteIds: string[], departmentIds: string[] = []): AgentDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    pseudoName: row.pseudoName,
    avatarUrl: row.avatarUrl,
    role: row.role,
    status: row.status,
    maxChats: row.maxChats,
    siteIds,
    departmentIds,
    createdAt: row.createdAt.toISOString(),
  };
}
