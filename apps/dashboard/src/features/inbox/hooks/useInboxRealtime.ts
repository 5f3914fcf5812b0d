import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConversationEvent, MessageEvent } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { beep } from '../../../lib/sound';
import { isPageVisible } from '../../../lib/visibility';
import { applyMessageToLists, upsertInLists } from '../cache';
import { getOpenConversation } from '../openConversation';
import { inboxKeys } from '../queryKeys';

/** Keeps the inbox lists true from socket events, and rings for new chats and visitor messages. */
export function useInboxRealtime(): void {
  const socket = useSocket();
  const qc = useQueryClient();

  useEffect(() => {
    const onConversation = ({ data }: ConversationEvent) => {
      const { known } = upsertInLists(qc, data);
      if (!known && data.status === 'queued') beep();
    };
    const onMessage = ({ data: msg }: MessageEvent) => {
      const fromVisitor = msg.senderType === 'visitor';
      const onScreen = getOpenConversation() === msg.conversationId && isPageVisible();
      const countsUnread = fromVisitor && !onScreen;
      const found = applyMessageToLists(qc, msg, countsUnread);
      // A message for a chat we don't list yet: the lists are stale, fetch them again.
      if (!found) void qc.invalidateQueries({ queryKey: inboxKeys.all });
      if (countsUnread) beep();
    };
    // Every (re)connect: we may have missed events while away.
    const onConnect = () => void qc.invalidateQueries({ queryKey: inboxKeys.all });
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
