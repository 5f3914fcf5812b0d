import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConversationEvent, StartVisitorChatBody, VisitorActivityEvent, VisitorDetailDto } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { storeMessages, upsertConversationEverywhere } from '../../conversation/cache';
import { fetchVisitor, startVisitorChat } from '../api';
import { applyConversation, applyLiveFields, patchVisitorChat, type LiveRow } from '../liveList';
import { visitorKeys } from '../queryKeys';

/**
 * A visitor's full context for the side panel. `visitor_activity` events for them patch the
 * live fields at once (online, current page, cart total) and refetch the rest (timeline, cart
 * items) shortly after, so a burst of navigation costs one request. `conversation` events for
 * them update their chat history (a new chat refetches it).
 */
export function useVisitor(id: string) {
  const socket = useSocket();
  const qc = useQueryClient();

  useEffect(() => {
    let timer: number | undefined;
    const key = visitorKeys.detail(id);
    const onActivity = ({ data }: VisitorActivityEvent) => {
      if (data.id !== id) return;
      qc.setQueryData<VisitorDetailDto>(key, (d) => (d ? applyLiveFields(d, data) : d));
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void qc.invalidateQueries({ queryKey: key }), 800);
    };
    const onConversation = ({ data }: ConversationEvent) => {
      if (data.visitorId !== id) return;
      const visitor = qc.getQueryData<VisitorDetailDto>(key);
      if (visitor?.conversations.some((c) => c.id === data.id)) qc.setQueryData<VisitorDetailDto>(key, patchVisitorChat(visitor, data));
      else if (visitor) void qc.invalidateQueries({ queryKey: key });
    };
    const onConnect = () => void qc.invalidateQueries({ queryKey: key });
    socket.on('visitor_activity', onActivity);
    socket.on('conversation', onConversation);
    socket.on('connect', onConnect);
    return () => {
      window.clearTimeout(timer);
      socket.off('visitor_activity', onActivity);
      socket.off('conversation', onConversation);
      socket.off('connect', onConnect);
    };
  }, [socket, qc, id]);

  // Cheap and changing all the time: refresh whenever the panel shows it.
  return useQuery({ queryKey: visitorKeys.detail(id), queryFn: () => fetchVisitor(id), staleTime: 0 });
}

/**
 * Start a chat with an online visitor: the new conversation goes into the inbox caches and the
 * visitor's live row, so the dashboard shows it before any event arrives.
 */
export function useStartVisitorChat() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ visitorId, body }: { visitorId: string; body: StartVisitorChatBody }) => startVisitorChat(visitorId, body),
    onSuccess: ({ conversation, message }) => {
      upsertConversationEverywhere(qc, conversation);
      storeMessages(qc, conversation.id, [message]);
      qc.setQueriesData<LiveRow[]>({ queryKey: visitorKeys.liveAll }, (rows) => (rows ? applyConversation(rows, conversation) : rows));
      void qc.invalidateQueries({ queryKey: visitorKeys.detail(conversation.visitorId) });
    },
  });
}
