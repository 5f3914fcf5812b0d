import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConversationEvent, VisitorActivityEvent } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { fetchLiveVisitors } from '../api';
import { applyActivity, applyConversation, expireLeaving, fromSnapshot, LEAVE_FADE_MS, type LiveRow } from '../liveList';
import { visitorKeys } from '../queryKeys';

/**
 * Who is on my sites now (`siteId` '' = all of them): the server's list, kept live by
 * `visitor_activity` (and `conversation`) events while the page is open, refetched on every (re)connect since
 * events may have been missed.
 */
export function useLiveVisitors(siteId: string) {
  const socket = useSocket();
  const qc = useQueryClient();
  const key = visitorKeys.live(siteId);

  useEffect(() => {
    const timers = new Set<number>();
    const listKey = visitorKeys.live(siteId);
    const onActivity = ({ data }: VisitorActivityEvent) => {
      qc.setQueryData<LiveRow[]>(listKey, (rows) => (rows ? applyActivity(rows, data, Date.now(), siteId || undefined) : rows));
      if (!data.online) {
        const timer = window.setTimeout(() => {
          timers.delete(timer);
          qc.setQueryData<LiveRow[]>(listKey, (rows) => (rows ? expireLeaving(rows, Date.now()) : rows));
        }, LEAVE_FADE_MS + 50);
        timers.add(timer);
      }
    };
    // Chats accepted, closed or started elsewhere: the row's chat status follows.
    const onConversation = ({ data }: ConversationEvent) => qc.setQueryData<LiveRow[]>(listKey, (rows) => (rows ? applyConversation(rows, data) : rows));
    const onConnect = () => void qc.invalidateQueries({ queryKey: listKey });
    socket.on('visitor_activity', onActivity);
    socket.on('conversation', onConversation);
    socket.on('connect', onConnect);
    return () => {
      socket.off('visitor_activity', onActivity);
      socket.off('conversation', onConversation);
      socket.off('connect', onConnect);
      timers.forEach((t) => window.clearTimeout(t));
    };
  }, [socket, qc, siteId]);

  return useQuery({
    queryKey: key,
    queryFn: async () => fromSnapshot(await fetchLiveVisitors(siteId || undefined)),
    // Events are only applied while the page is open: fetch afresh whenever it opens.
    staleTime: 0,
  });
}
