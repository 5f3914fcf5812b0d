import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { acceptConversation, closeConversation, fetchConversation, fetchMessages } from '../api';
import { upsertConversationEverywhere } from '../cache';
import { conversationKeys } from '../queryKeys';
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
