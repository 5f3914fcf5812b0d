import { LIMITS, type AgentDto, type ConversationDto, type DepartmentDto, type MessageDto, type TransferBody, type TransferDto, type UpdateConversationBody } from '@parley/protocol';
import { api } from '../../api/client';

export async function fetchConversation(id: string): Promise<ConversationDto> {
  return (await api<{ conversation: ConversationDto }>(`/api/conversations/${encodeURIComponent(id)}`)).conversation;
}

/** All messages after `afterSeq`, page by page (the server caps a page). */
export async function fetchMessages(id: string, afterSeq = 0): Promise<MessageDto[]> {
  const limit = LIMITS.syncMaxMessages;
  const out: MessageDto[] = [];
  let cursor = afterSeq;
  for (;;) {
    const { messages } = await api<{ messages: MessageDto[] }>(`/api/conversations/${encodeURIComponent(id)}/messages`, { query: { afterSeq: cursor, limit } });
    out.push(...messages);
    if (messages.length < limit) return out;
    cursor = messages[messages.length - 1]!.seq;
  }
}

export async function acceptConversation(id: string): Promise<ConversationDto> {
  return (await api<{ conversation: ConversationDto }>(`/api/conversations/${encodeURIComponent(id)}/accept`, { method: 'POST', body: {} })).conversation;
}

export async function closeConversation(id: string): Promise<ConversationDto> {
  return (await api<{ conversation: ConversationDto }>(`/api/conversations/${encodeURIComponent(id)}/close`, { method: 'POST', body: {} })).conversation;
}

const convPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export async function joinConversation(id: string): Promise<ConversationDto> {
  return (await api<{ conversation: ConversationDto }>(`${convPath(id)}/join`, { method: 'POST', body: {} })).conversation;
}

export async function leaveConversation(id: string): Promise<ConversationDto> {
  return (await api<{ conversation: ConversationDto }>(`${convPath(id)}/leave`, { method: 'POST', body: {} })).conversation;
}

export async function updateConversation(id: string, body: UpdateConversationBody): Promise<ConversationDto> {
  return (await api<{ conversation: ConversationDto }>(convPath(id), { method: 'PATCH', body })).conversation;
}

export async function transferConversation(id: string, body: TransferBody): Promise<{ conversation: ConversationDto; transfer: TransferDto }> {
  return api(`${convPath(id)}/transfer`, { method: 'POST', body });
}

export async function fetchTransfers(id: string): Promise<TransferDto[]> {
  return (await api<{ transfers: TransferDto[] }>(`${convPath(id)}/transfers`)).transfers;
}

export async function fetchAgents(): Promise<AgentDto[]> {
  return (await api<{ agents: AgentDto[] }>('/api/agents')).agents;
}

export async function fetchDepartments(): Promise<DepartmentDto[]> {
  return (await api<{ departments: DepartmentDto[] }>('/api/departments')).departments;
}

export async function fetchTags(): Promise<string[]> {
  return (await api<{ tags: string[] }>('/api/tags')).tags;
}
