import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { usePageVisible } from '../../../lib/visibility';
import { useConnectionState } from '../../../realtime/connectionStore';
import { markReadInLists } from '../../inbox/cache';

/** While the chat is on screen and the page visible, tell the server the highest seq I've seen. */
export function useReadReporter(conversationId: string, highestSeq: number, enabled: boolean): void {
  const socket = useSocket();
  const qc = useQueryClient();
  const visible = usePageVisible();
  const connection = useConnectionState();
  const reported = useRef<{ id: string; seq: number }>({ id: conversationId, seq: 0 });

  useEffect(() => {
    if (!enabled || !visible || highestSeq <= 0) return;
    markReadInLists(qc, conversationId);
    if (connection !== 'connected') return;
    const last = reported.current;
    if (last.id === conversationId && last.seq >= highestSeq) return;
    reported.current = { id: conversationId, seq: highestSeq };
    socket.emit('read', { conversationId, seq: highestSeq });
  }, [socket, qc, conversationId, highestSeq, enabled, visible, connection]);
}
