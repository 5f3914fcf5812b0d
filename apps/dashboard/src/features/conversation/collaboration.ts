/**
 * Who may do what in a conversation, from the dashboard's point of view. These mirror the
 * server's policies so buttons only show when they would work; the server still decides.
 */
import type { AgentDto, AgentStatus, ConversationDto, DepartmentDto, ParticipantDto, Priority, TransferDto } from '@parley/protocol';
import { seesSite } from './mentions';

type Me = Pick<AgentDto, 'id' | 'role'>;
type Conv = Pick<ConversationDto, 'status' | 'assignedAgentId' | 'participants'>;

const isAdmin = (me: Me) => me.role === 'owner' || me.role === 'admin';

/** The assignee or an agent who joined. */
export function isInChat(conv: Conv, agentId: string): boolean {
  return conv.assignedAgentId === agentId || conv.participants.some((p) => p.agentId === agentId);
}

export function canReply(conv: Conv, me: Me): boolean {
  if (conv.status !== 'active' || me.role === 'manager') return false;
  return conv.assignedAgentId === null || isInChat(conv, me.id) || isAdmin(me);
}

export function canJoin(conv: Conv, me: Me): boolean {
  return conv.status === 'active' && me.role !== 'manager' && conv.assignedAgentId !== null && !isInChat(conv, me.id);
}

/** Participants leave; the assignee hands the chat over with a transfer instead. */
export function canLeave(conv: Conv, me: Me): boolean {
  return conv.status === 'active' && conv.assignedAgentId !== me.id && conv.participants.some((p) => p.agentId === me.id);
}

export function canTransfer(conv: Conv, me: Me): boolean {
  if (me.role === 'manager') return false;
  if (conv.status === 'queued') return true;
  return conv.status === 'active' && (isInChat(conv, me.id) || isAdmin(me));
}

/** Tags, priority, resolve/close/reopen: any agent who can chat in the site. */
export function canEdit(me: Me): boolean {
  return me.role !== 'manager';
}

/** Everyone in the chat for the header: the assignee first, then who joined. */
export function chatMembers(conv: Pick<ConversationDto, 'assignedAgentId' | 'assignedAgentName' | 'participants'>, agents?: readonly AgentDto[]): ParticipantDto[] {
  const out: ParticipantDto[] = [];
  if (conv.assignedAgentId) {
    const known = agents?.find((a) => a.id === conv.assignedAgentId);
    const asParticipant = conv.participants.find((p) => p.agentId === conv.assignedAgentId);
    out.push(asParticipant ?? { agentId: conv.assignedAgentId, name: conv.assignedAgentName ?? known?.pseudoName ?? 'Agent', avatarUrl: known?.avatarUrl ?? null });
  }
  for (const p of conv.participants) if (p.agentId !== conv.assignedAgentId) out.push(p);
  return out;
}

const STATUS_ORDER: Record<AgentStatus, number> = { online: 0, busy: 1, away: 2, offline: 3 };

/** Agents a chat can be transferred to: chat agents of the site, not me; online first. */
export function transferCandidates(agents: readonly AgentDto[], siteId: string, meId: string): AgentDto[] {
  return agents
    .filter((a) => a.id !== meId && a.role !== 'manager' && seesSite(a, siteId))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.pseudoName.localeCompare(b.pseudoName));
}

/** Departments that cover the site (an empty `siteIds` covers every site). */
export function departmentsForSite(departments: readonly DepartmentDto[], siteId: string): DepartmentDto[] {
  return departments.filter((d) => d.siteIds.length === 0 || d.siteIds.includes(siteId)).sort((a, b) => a.name.localeCompare(b.name));
}

/** "Alice → Bruno" / "Alice → Billing" for the history list. */
export function transferLabel(t: TransferDto): string {
  const from = t.fromAgentName ?? 'Someone';
  const to = t.toAgentName ?? t.toDepartmentName ?? 'the queue';
  return `${from} → ${to}`;
}

export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const PRIORITY_LABEL: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

// ---- tags -------------------------------------------------------------------------------

/** The server stores tags trimmed and lower-case; so do we, before comparing. */
export function normalizeTag(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 50);
}

export function addTag(tags: readonly string[], raw: string): string[] {
  const tag = normalizeTag(raw);
  if (!tag || tags.includes(tag)) return [...tags];
  return [...tags, tag];
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}

/** Autocomplete: known tags not on the chat yet, prefix matches first. */
export function suggestTags(known: readonly string[], current: readonly string[], input: string, limit = 8): string[] {
  const q = normalizeTag(input);
  return known
    .filter((t) => !current.includes(t) && (!q || t.includes(q)))
    .sort((a, b) => Number(!a.startsWith(q)) - Number(!b.startsWith(q)) || a.localeCompare(b))
    .slice(0, limit);
}
