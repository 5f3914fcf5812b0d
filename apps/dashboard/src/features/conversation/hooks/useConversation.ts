import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationDto, TransferBody, UpdateConversationBody } from '@parley/protocol';
import {
  acceptConversation,
  closeConversation,
  fetchAgents,
  fetchConversation,
  fetchDepartments,
  fetchMessages,
  fetchTags,
  fetchTransfers,
  joinConversation,
  leaveConversation,
  transferConversation,
  updateConversation,
} from '../api';
import { upsertConversationEverywhere } from '../cache';
import { conversationKeys, directoryKeys } from '../queryKeys';
import { findInLists } from '../../inbox/hooks/useInbox';

export function useConversation(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: conversationKeys.detail(id),
    queryFn: () => fetchConversation(id),
    // The inbox row is enough to paint the header at once; the fetch fills in the rest.
    placeholderData: () => findInLists(qc, id),
  });
}

export function useMessages(id: string) {
  return useQuery({ queryKey: conversationKeys.messages(id), queryFn: () => fetchMessages(id) });
}

/** Warm the cache when the pointer rests on an inbox row. */
export function usePrefetchConversation() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.prefetchQuery({ queryKey: conversationKeys.messages(id), queryFn: () => fetchMessages(id) });
  };
}

export function useAccept() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: acceptConversation,
    onSuccess: (conv) => upsertConversationEverywhere(qc, conv),
  });
}

export function useCloseConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: closeConversation,
    onSuccess: (conv) => upsertConversationEverywhere(qc, conv),
  });
}

export function useJoin() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: joinConversation, onSuccess: (conv) => upsertConversationEverywhere(qc, conv) });
}

export function useLeave() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: leaveConversation, onSuccess: (conv) => upsertConversationEverywhere(qc, conv) });
}

/** Tags, priority, resolve/close/reopen; the change shows at once and is rolled back if refused. */
export function useUpdateConversation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateConversationBody) => updateConversation(id, body),
    onMutate: (body) => {
      const previous = qc.getQueryData<ConversationDto>(conversationKeys.detail(id));
      // Status changes move rows between lists: wait for the server's answer for those.
      if (previous && !body.status) qc.setQueryData<ConversationDto>(conversationKeys.detail(id), { ...previous, ...(body.tags ? { tags: body.tags } : {}), ...(body.priority ? { priority: body.priority } : {}) });
      return { previous };
    },
    onError: (_err, _body, ctx) => {
      if (ctx?.previous) qc.setQueryData(conversationKeys.detail(id), ctx.previous);
    },
    onSuccess: (conv, body) => {
      upsertConversationEverywhere(qc, conv);
      if (body.tags) void qc.invalidateQueries({ queryKey: directoryKeys.tags });
    },
  });
}

export function useTransfer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferBody) => transferConversation(id, body),
    onSuccess: ({ conversation }) => {
      upsertConversationEverywhere(qc, conversation);
      void qc.invalidateQueries({ queryKey: conversationKeys.transfers(id) });
    },
  });
}

export function useTransfers(id: string, enabled = true) {
  return useQuery({ queryKey: conversationKeys.transfers(id), queryFn: () => fetchTransfers(id), enabled });
}

/** Everyone in the workspace (agents see the team too, for transfers and mentions). */
export function useAgentDirectory(enabled = true) {
  return useQuery({ queryKey: directoryKeys.agents, queryFn: fetchAgents, enabled, staleTime: 30_000 });
}

export function useDepartments(enabled = true) {
  return useQuery({ queryKey: directoryKeys.departments, queryFn: fetchDepartments, enabled, staleTime: 5 * 60_000 });
}

export function useTags(enabled = true) {
  return useQuery({ queryKey: directoryKeys.tags, queryFn: fetchTags, enabled, staleTime: 60_000 });
}
