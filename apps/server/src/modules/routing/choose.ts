import type { AgentStatus, RoutingMode } from '@parley/protocol';

/** An agent who could take a chat on the site, with what routing needs to know. */
export interface Candidate {
  agentId: string;
  status: AgentStatus;
  maxChats: number;
  /** Active chats assigned to the agent right now (all sites). */
  activeChats: number;
  departmentIds: string[];
  /** Last time routing or an accept gave them a chat; null = never. */
  lastAssignedAt: Date | null;
}

export interface ChatToRoute {
  departmentId: string | null;
}

const lastAssigned = (c: Candidate) => c.lastAssignedAt?.getTime() ?? -Infinity;

/** Round robin: the agent whose last chat is the oldest; ties by id so the choice is stable. */
function byRoundRobin(a: Candidate, b: Candidate) {
  return lastAssigned(a) - lastAssigned(b) || a.agentId.localeCompare(b.agentId);
}

/** Least loaded: the fewest active chats relative to capacity, then round robin among equals. */
function byLoad(a: Candidate, b: Candidate) {
  return a.activeChats / a.maxChats - b.activeChats / b.maxChats || a.activeChats - b.activeChats || byRoundRobin(a, b);
}

/**
 * Who gets a waiting chat: only online agents below their max concurrent chats; agents of
 * the chat's department first, anyone else only when none of them can take it. Manual
 * routing never picks anyone (agents take chats from Waiting).
 */
export function chooseAgent(mode: RoutingMode, chat: ChatToRoute, candidates: readonly Candidate[]): Candidate | null {
  if (mode === 'manual') return null;
  const free = candidates.filter((c) => c.status === 'online' && c.activeChats < c.maxChats);
  const team = chat.departmentId ? free.filter((c) => c.departmentIds.includes(chat.departmentId!)) : [];
  const pool = team.length ? team : free;
  if (!pool.length) return null;
  return [...pool].sort(mode === 'round_robin' ? byRoundRobin : byLoad)[0]!;
}

/**
 * A queued visitor's estimated wait: their position times the recent average wait, spread
 * over the agents who can take chats (at least one). Null without history to go on.
 */
export function estimateWaitSeconds(position: number, recentAvgWaitSeconds: number | null, onlineAgents: number): number | null {
  if (recentAvgWaitSeconds === null) return null;
  return Math.max(15, Math.round((position * recentAvgWaitSeconds) / Math.max(1, onlineAgents)));
}
