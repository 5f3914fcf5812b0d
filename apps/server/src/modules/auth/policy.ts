import type { Actor, AgentActor } from './actors';

/**
 * Permission rules, one small function each, tested as a matrix (policy.test.ts).
 * Handlers and services ask these; nobody writes `role === ...` elsewhere.
 */
interface ConvLike {
  workspaceId: string;
  siteId: string;
  visitorId: string;
  status: string;
  assignedAgentId: string | null;
}

export function canAccessSite(actor: Actor, site: { id: string; workspaceId: string }): boolean {
  if (actor.workspaceId !== site.workspaceId) return false;
  if (actor.kind === 'api') return true;
  if (actor.kind === 'visitor') return actor.siteId === site.id;
  return actor.siteIds === 'all' || actor.siteIds.includes(site.id);
}

export function canReadConversation(actor: Actor, conv: ConvLike): boolean {
  if (actor.kind === 'visitor') return actor.workspaceId === conv.workspaceId && actor.visitorId === conv.visitorId;
  return canAccessSite(actor, { id: conv.siteId, workspaceId: conv.workspaceId });
}

/** Writing as an agent: managers read everything but do not chat. */
export function canChatAsAgent(actor: AgentActor, conv: ConvLike): boolean {
  return actor.role !== 'manager' && canReadConversation(actor, conv);
}

/**
 * Replying to the visitor: the assignee, agents who joined the chat (`participant`), or an
 * admin. Everyone else of the site joins first (multi-agent chats).
 */
export function canReplyIn(actor: AgentActor, conv: ConvLike, participant = false): boolean {
  if (!canChatAsAgent(actor, conv)) return false;
  return conv.assignedAgentId === null || conv.assignedAgentId === actor.agentId || participant || actor.role === 'owner' || actor.role === 'admin';
}

/** Internal notes: anyone who can read the chat, managers included (they coach). */
export function canWriteNote(actor: AgentActor, conv: ConvLike): boolean {
  return canReadConversation(actor, conv);
}

export function isAdmin(actor: Actor): actor is AgentActor {
  return actor.kind === 'agent' && (actor.role === 'owner' || actor.role === 'admin');
}

/** Settings are readable by admins and managers; agents only see their own profile. */
export function canReadSettings(actor: Actor): boolean {
  return actor.kind === 'agent' && actor.role !== 'agent';
}
