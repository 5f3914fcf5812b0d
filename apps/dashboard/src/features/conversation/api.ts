import { LIMITS, type ConversationDto, type MessageDto } from '@parley/protocol';
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
