import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AgentAssignedEvent, ConversationDto, ConversationEvent, MessageDto, MessageEvent, ReadEvent, StatusChangeEvent, TypingEvent } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { getOpenConversation } from '../../inbox/openConversation';
import { markReadInLists } from '../../inbox/cache';
import { mergeConversation } from '../../inbox/inboxLists';
import { onMessageStored, patchConversationEverywhere, storeMessages, upsertConversationEverywhere } from '../cache';
import { leavesGap, lastSeqOf } from '../messageList';
import { flushOutbox, onSocketDisconnected, settleByClientId } from '../outboxStore';
import { conversationKeys } from '../queryKeys';
import { setTyping } from '../typingStore';
import { onFileMessage } from '../../files/hooks';
import { uploads } from '../../files/uploadStore';

/** Messages, typing, receipts and statuses of conversations, plus resync and outbox flush on reconnect. */
export function useConversationRealtime(myAgentId: string): void {
  const socket = useSocket();
  const qc = useQueryClient();

  useEffect(() => {
    const stored = onMessageStored(qc);

    const onMessage = ({ data: msg }: MessageEvent) => {
      const key = conversationKeys.messages(msg.conversationId);
      const cached = qc.getQueryData<MessageDto[]>(key);
      if (leavesGap(cached, msg)) void qc.invalidateQueries({ queryKey: key });
      else storeMessages(qc, msg.conversationId, [msg]);
      if (msg.senderType === 'agent' && msg.senderId === myAgentId) {
        settleByClientId(msg.clientId);
        uploads.settle(msg.clientId);
      }
      // The side panel's files list has grown.
      if (msg.attachments?.length) onFileMessage(qc, msg.conversationId);
      if (msg.senderType === 'visitor') setTyping(msg.conversationId, false, null);
      // Detail only: the inbox lists are updated by the inbox's own handler (preview, unread).
      qc.setQueryData<ConversationDto>(conversationKeys.detail(msg.conversationId), (c) =>
        c && msg.seq > c.lastSeq ? { ...c, lastSeq: msg.seq, lastMessageAt: msg.createdAt } : c,
      );
      // Transfers, joins and leaves write an event line: the side panel's history may have grown.
      if (msg.kind === 'event') void qc.invalidateQueries({ queryKey: conversationKeys.transfers(msg.conversationId) });
    };
    // Participants, tags, priority, assignee: the open chat's header and side panel follow.
    const onConversation = ({ data }: ConversationEvent) => {
      qc.setQueryData<ConversationDto>(conversationKeys.detail(data.id), (c) => (c ? mergeConversation(c, data) : c));
    };
    const onTyping = ({ conversationId, data }: TypingEvent) => {
      if (conversationId && data.senderType === 'visitor') setTyping(conversationId, data.isTyping, data.userName);
    };
    const onRead = ({ conversationId, data }: ReadEvent) => {
      if (!conversationId) return;
      if (data.readerType === 'visitor') {
        patchConversationEverywhere(qc, conversationId, (c) => ({ visitorReadSeq: Math.max(c.visitorReadSeq ?? 0, data.seq) }));
      } else if (data.readerId === myAgentId) {
        // I read it in another tab or device.
        markReadInLists(qc, conversationId);
      }
    };
    const onAssigned = ({ conversationId, data }: AgentAssignedEvent) => {
      if (conversationId) patchConversationEverywhere(qc, conversationId, { assignedAgentId: data.agentId, assignedAgentName: data.agentName });
    };
    const onStatus = ({ conversationId, data }: StatusChangeEvent) => {
      if (conversationId) patchConversationEverywhere(qc, conversationId, { status: data.status });
    };
    const onConnect = () => {
      // Cached chats that aren't on screen may have missed messages: refetch when next opened.
      const open = getOpenConversation();
      void qc.invalidateQueries({
        queryKey: conversationKeys.allMessages,
        predicate: (q) => q.queryKey[1] !== open,
        refetchType: 'none',
      });
      if (open) {
        const cached = qc.getQueryData<MessageDto[]>(conversationKeys.messages(open));
        if (cached) {
          socket.emit('sync', { conversations: [{ conversationId: open, afterSeq: lastSeqOf(cached) }] }, (ack) => {
            if (!ack.ok) {
              void qc.invalidateQueries({ queryKey: conversationKeys.messages(open) });
              return;
            }
            for (const entry of ack.data.conversations) {
              storeMessages(qc, entry.conversation.id, entry.messages);
              upsertConversationEverywhere(qc, entry.conversation);
            }
          });
        }
        void qc.invalidateQueries({ queryKey: conversationKeys.detail(open) });
        onFileMessage(qc, open);
      }
      flushOutbox(socket, stored);
    };

    socket.on('message', onMessage);
    socket.on('conversation', onConversation);
    socket.on('typing', onTyping);
    socket.on('read', onRead);
    socket.on('agent_assigned', onAssigned);
    socket.on('status_change', onStatus);
    socket.on('connect', onConnect);
    socket.on('disconnect', onSocketDisconnected);
    return () => {
      socket.off('message', onMessage);
      socket.off('conversation', onConversation);
      socket.off('typing', onTyping);
      socket.off('read', onRead);
      socket.off('agent_assigned', onAssigned);
      socket.off('status_change', onStatus);
      socket.off('connect', onConnect);
      socket.off('disconnect', onSocketDisconnected);
    };
  }, [socket, qc, myAgentId]);
}
