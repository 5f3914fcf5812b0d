import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConversationEvent, MessageEvent } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { playSound } from '../../../lib/sound';
import { isPageVisible } from '../../../lib/visibility';
import { applyMessageToLists, refreshFilteredLists, upsertInLists } from '../cache';
import { getOpenConversation } from '../openConversation';
import { inboxKeys } from '../queryKeys';

/**
 * Keeps the inbox lists true from socket events: the Waiting/Active lists are patched, the
 * filtered lists and the archive refetched. Rings for a new waiting chat, a soft tone for a
 * visitor message in a chat I'm not looking at.
 */
export function useInboxRealtime(): void {
  const socket = useSocket();
  const qc = useQueryClient();

  useEffect(() => {
    const onConversation = ({ data }: ConversationEvent) => {
      const { known } = upsertInLists(qc, data);
      refreshFilteredLists(qc);
      if (!known && data.status === 'queued') playSound('ring');
    };
    const onMessage = ({ data: msg }: MessageEvent) => {
      const fromVisitor = msg.senderType === 'visitor';
      const onScreen = getOpenConversation() === msg.conversationId && isPageVisible();
      const countsUnread = fromVisitor && !onScreen;
      const found = applyMessageToLists(qc, msg, countsUnread);
      // A message for a chat we don't list yet: the lists are stale, fetch them again.
      if (!found) void qc.invalidateQueries({ queryKey: inboxKeys.all });
      refreshFilteredLists(qc);
      if (countsUnread) playSound('soft');
    };
    // Every (re)connect: we may have missed events while away.
    const onConnect = () => {
      void qc.invalidateQueries({ queryKey: inboxKeys.all });
      void qc.invalidateQueries({ queryKey: inboxKeys.filteredAll });
    };
    socket.on('conversation', onConversation);
    socket.on('message', onMessage);
    socket.on('connect', onConnect);
    return () => {
      socket.off('conversation', onConversation);
      socket.off('message', onMessage);
      socket.off('connect', onConnect);
    };
  }, [socket, qc]);
}
