import { useEffect } from 'react';
import { useInboxList } from '../features/inbox/hooks/useInbox';
import { attentionCount } from '../features/inbox/inboxLists';
import { useNotifications } from '../features/notifications/hooks/useNotifications';
import { titleBadgeCount } from '../features/notifications/model';

/** "(3) Parley": chats waiting, unread visitor messages, and unread transfers/mentions. */
export function useTitleBadge(): void {
  const waiting = useInboxList('waiting');
  const active = useInboxList('active');
  const notifications = useNotifications();
  const count = titleBadgeCount(attentionCount(waiting.data, active.data), notifications.data?.notifications);
  useEffect(() => {
    document.title = count > 0 ? `(${count}) Parley` : 'Parley';
  }, [count]);
  useEffect(() => () => void (document.title = 'Parley'), []);
}
