import type { QueryClient } from '@tanstack/react-query';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { mergeConversation } from '../inbox/inboxLists';
import { patchInLists, upsertInLists, type ConversationPatch } from '../inbox/cache';
import { mergeBySeq } from '@parley/protocol/client';
import { conversationKeys } from './queryKeys';

export function storeMessages(qc: QueryClient, conversationId: string, messages: readonly MessageDto[]): void {
  if (messages.length === 0) return;
  qc.setQueryData<MessageDto[]>(conversationKeys.messages(conversationId), (cur) => (cur ? mergeBySeq(cur, messages) : cur));
}

export function upsertConversationEverywhere(qc: QueryClient, conv: ConversationDto): { known: boolean } {
  qc.setQueryData<ConversationDto>(conversationKeys.detail(conv.id), (cur) => mergeConversation(cur, conv));
  return upsertInLists(qc, conv);
}

export function patchConversationEverywhere(qc: QueryClient, id: string, patch: ConversationPatch): void {
  const detail = qc.getQueryData<ConversationDto>(conversationKeys.detail(id));
  if (detail) qc.setQueryData<ConversationDto>(conversationKeys.detail(id), { ...detail, ...(typeof patch === 'function' ? patch(detail) : patch) });
  patchInLists(qc, id, patch);
}

/** What the outbox does when the server stored one of my messages. */
export function onMessageStored(qc: QueryClient) {
  return (message: MessageDto, conversation: ConversationDto) => {
    storeMessages(qc, message.conversationId, [message]);
    upsertConversationEverywhere(qc, conversation);
  };
}
