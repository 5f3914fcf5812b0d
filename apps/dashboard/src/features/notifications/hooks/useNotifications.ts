import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkNotificationsReadBody } from '@parley/protocol';
import { fetchNotifications, markNotificationsRead, type NotificationsState } from '../api';
import { markReadLocally } from '../model';
import { notificationsKey } from '../queryKeys';

export function useNotifications() {
  return useQuery({ queryKey: notificationsKey, queryFn: fetchNotifications });
}

/** Mark read at once in the cache; the server's reply sets the real unread total. */
export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkNotificationsReadBody) => markNotificationsRead(body),
    onMutate: async (body) => {
      // A fetch already under way would bring back the old, unread state.
      await qc.cancelQueries({ queryKey: notificationsKey });
      qc.setQueryData<NotificationsState>(notificationsKey, (s) => (s ? markReadLocally(s, body, new Date().toISOString()) : s));
    },
    onSuccess: ({ unreadCount }) => {
      qc.setQueryData<NotificationsState>(notificationsKey, (s) => (s ? { ...s, unreadCount } : s));
    },
    onError: () => void qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}
