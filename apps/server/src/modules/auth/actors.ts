import type { AgentRole } from '@parley/protocol';

export interface AgentActor {
  kind: 'agent';
  workspaceId: string;
  agentId: string;
  role: AgentRole;
  name: string;
  pseudoName: string;
  avatarUrl: string | null;
  /** Sites this agent serves; owners, admins and managers see every site of the workspace. */
  siteIds: string[] | 'all';
  sessionId: string;
  csrfToken: string;
}
export interface VisitorActor {
  kind: 'visitor';
  workspaceId: string;
  siteId: string;
  visitorId: string;
  name: string | null;
}
export interface ApiActor {
  kind: 'api';
  workspaceId: string;
  tokenId: string;
}
export type Actor = AgentActor | VisitorActor | ApiActor;

export const seesAllSites = (role: AgentRole) => role === 'owner' || role === 'admin' || role === 'manager';
