import { memo } from 'react';
import { Link } from 'react-router';
import type { ConversationDto } from '@parley/protocol';
import { relativeTime } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import { Avatar } from '../../../ui/Avatar';
import { usePrefetchConversation } from '../../conversation/hooks/useConversation';
import { useTyping } from '../../conversation/typingStore';
import { useSiteMap } from '../hooks/useInbox';
import { visitorLabel, type InboxTab } from '../inboxLists';

interface Props {
  conversation: ConversationDto;
  tab: InboxTab;
  selected: boolean;
}

export const ConversationRow = memo(function ConversationRow({ conversation: c, tab, selected }: Props) {
  const now = useNow();
  const sites = useSiteMap();
  const prefetch = usePrefetchConversation();
  const typing = useTyping(c.id);
  const name = visitorLabel(c.visitor);
  const unread = c.unreadCount ?? 0;
  const time = tab === 'waiting' ? c.createdAt : tab === 'closed' ? (c.closedAt ?? c.lastMessageAt) : (c.lastMessageAt ?? c.createdAt);
  const siteName = sites.get(c.siteId)?.name;

  return (
    <Link
      to={`/inbox/${tab}/${c.id}`}
      className={`conv-row${selected ? ' conv-row--selected' : ''}${unread > 0 ? ' conv-row--unread' : ''}`}
      aria-current={selected ? 'page' : undefined}
      onMouseEnter={() => prefetch(c.id)}
      onFocus={() => prefetch(c.id)}
      data-testid="conv-row"
      data-id={c.id}
    >
      <Avatar name={name} seed={c.visitorId} />
      <span className="conv-row__body">
        <span className="conv-row__top">
          <span className="conv-row__name">{name}</span>
          <time className="conv-row__time" dateTime={time ?? undefined} title={time ? new Date(time).toLocaleString() : undefined}>
            {relativeTime(time, now)}
          </time>
        </span>
        <span className="conv-row__bottom">
          <span className={`conv-row__preview${typing ? ' conv-row__preview--typing' : ''}`}>
            {typing ? 'typing…' : c.lastMessagePreview || (tab === 'waiting' ? 'Waiting for an agent' : 'No messages yet')}
          </span>
          {unread > 0 && (
            <span className="badge" data-testid="unread-badge" aria-label={`${unread} unread`}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </span>
        <span className="conv-row__meta">
          {siteName && <span className="conv-row__site">{siteName}</span>}
          {tab !== 'waiting' && c.assignedAgentName && <span className="conv-row__agent">· {c.assignedAgentName}</span>}
        </span>
      </span>
    </Link>
  );
});
