import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationDto } from '@parley/protocol';
import { findInLists } from '../../inbox/hooks/useInbox';
import { notificationTab } from '../model';
import { useMarkNotificationsRead } from './useNotifications';

/** Open a notification: mark it read and go to its chat. */
export function useOpenNotification() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const markRead = useMarkNotificationsRead();
  const { mutate } = markRead;
  return useCallback(
    (n: NotificationDto) => {
      if (!n.readAt) mutate({ ids: [n.id] });
      if (n.conversationId) navigate(`/inbox/${notificationTab(n.type, findInLists(qc, n.conversationId))}/${n.conversationId}`);
    },
    [qc, navigate, mutate],
  );
}
