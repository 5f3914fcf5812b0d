import { useEffect } from 'react';
import { useInboxList } from '../features/inbox/hooks/useInbox';
import { attentionCount } from '../features/inbox/inboxLists';

/** "(3) Parley": chats waiting plus unread visitor messages. */
export function useTitleBadge(): void {
  const waiting = useInboxList('waiting');
  const active = useInboxList('active');
  const count = attentionCount(waiting.data, active.data);
  useEffect(() => {
    document.title = count > 0 ? `(${count}) Parley` : 'Parley';
  }, [count]);
  useEffect(() => () => void (document.title = 'Parley'), []);
}
