import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { NotificationEvent } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { playSound } from '../../../lib/sound';
import { isPageVisible } from '../../../lib/visibility';
import { getOpenConversation } from '../../inbox/openConversation';
import { pushIsOn } from '../../pwa/push';
import type { NotificationsState } from '../api';
import { showDesktopNotification } from '../desktop';
import { addNotification, soundFor } from '../model';
import { notificationsKey } from '../queryKeys';
import { useMarkNotificationsRead } from './useNotifications';
import { useOpenNotification } from './useOpenNotification';

/**
 * Live notifications for me: into the bell's list, a sound, and a desktop notification while
 * the tab is hidden (unless Web Push already covers this browser). A message notification for
 * the chat I'm reading is read already.
 */
export function useNotificationsRealtime(): void {
  const socket = useSocket();
  const qc = useQueryClient();
  const open = useOpenNotification();
  const { mutate: markRead } = useMarkNotificationsRead();
  // The socket listener stays put; the callbacks it uses may change.
  const latest = useRef({ open, markRead });
  useEffect(() => {
    latest.current = { open, markRead };
  });

  useEffect(() => {
    const onNotification = ({ data: n }: NotificationEvent) => {
      const before = qc.getQueryData<NotificationsState>(notificationsKey);
      if (before?.notifications.some((x) => x.id === n.id)) return;
      qc.setQueryData<NotificationsState>(notificationsKey, (s) => addNotification(s, n));
      // A fetch under way may have been answered before this one existed: ask again.
      if (qc.isFetching({ queryKey: notificationsKey })) void qc.invalidateQueries({ queryKey: notificationsKey });
      const visible = isPageVisible();
      if (visible && n.type === 'message' && n.conversationId && n.conversationId === getOpenConversation()) {
        latest.current.markRead({ ids: [n.id] });
        return;
      }
      if (!n.readAt) playSound(soundFor(n.type));
      if (!visible && !n.readAt && !pushIsOn()) {
        showDesktopNotification({ title: n.title, body: n.body, tag: n.conversationId ?? n.id, onClick: () => latest.current.open(n) });
      }
    };
    // Anything missed while disconnected.
    const onConnect = () => void qc.invalidateQueries({ queryKey: notificationsKey });
    socket.on('notification', onNotification);
    socket.on('connect', onConnect);
    return () => {
      socket.off('notification', onNotification);
      socket.off('connect', onConnect);
    };
  }, [socket, qc]);
}
