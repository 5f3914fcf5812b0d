import type { AgentActor } from '../auth/actors';

/** Shared responses are the team's: owners, admins and managers curate them. */
export const canManageSharedCanned = (actor: AgentActor) => actor.role !== 'agent';

/** Shared: whoever curates them; personal: only their owner (not even an admin). */
export const canEditCanned = (actor: AgentActor, r: { ownerAgentId: string | null }) => (r.ownerAgentId === null ? canManageSharedCanned(actor) : r.ownerAgentId === actor.agentId);

/** Everybody sees the shared ones; a personal one is invisible (404) to anybody but its owner. */
export const canSeeCanned = (actor: AgentActor, r: { ownerAgentId: string | null }) => r.ownerAgentId === null || r.ownerAgentId === actor.agentId;
