import { memo } from 'react';
import { Link } from 'react-router';
import type { ConversationDto } from '@parley/protocol';
import { relativeTime } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { usePrefetchConversation } from '../../conversation/hooks/useConversation';
import { useTyping } from '../../conversation/typingStore';
import { useSiteMap } from '../hooks/useInbox';
import { visitorLabel, type InboxTab } from '../inboxLists';
import type { SwipeAction } from '../swipe';
import { SwipeRow } from './SwipeRow';

interface Props {
  conversation: ConversationDto;
  tab: InboxTab;
  selected: boolean;
  /** Phones: what swiping the row left does (null: nothing). */
  swipe?: SwipeAction | null;
}

const PRIORITY_LABEL = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } as const;

export const ConversationRow = memo(function ConversationRow({ conversation: c, tab, selected, swipe = null }: Props) {
  const now = useNow();
  const sites = useSiteMap();
  const prefetch = usePrefetchConversation();
  const typing = useTyping(c.id);
  const name = visitorLabel(c.visitor);
  // Unread counts mean "needs a reply": not shown in the archive.
  const unread = tab === 'closed' ? 0 : (c.unreadCount ?? 0);
  const time = tab === 'waiting' ? (c.queuedAt ?? c.createdAt) : tab === 'closed' ? (c.closedAt ?? c.lastMessageAt) : (c.lastMessageAt ?? c.createdAt);
  const siteName = sites.get(c.siteId)?.name;
  const flagged = c.priority === 'high' || c.priority === 'urgent';

  const link = (
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
          <span className="conv-row__name">
            {c.channel === 'email' && (
              <span className="conv-row__channel" title="Email: left as an offline message, replies go by email" data-testid="email-channel">
                <Icon name="mail" size={14} title="Email" />
              </span>
            )}
            {name}
          </span>
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
          {flagged && <span className={`priority-badge priority-badge--${c.priority}`}>{PRIORITY_LABEL[c.priority]}</span>}
          {siteName && <span className="conv-row__site">{siteName}</span>}
          {tab !== 'waiting' && c.assignedAgentName && <span className="conv-row__agent">· {c.assignedAgentName}</span>}
          {c.tags.slice(0, 2).map((t) => (
            <span key={t} className="conv-row__tag">
              #{t}
            </span>
          ))}
        </span>
      </span>
    </Link>
  );

  return swipe ? (
    <SwipeRow action={swipe} conversationId={c.id}>
      {link}
    </SwipeRow>
  ) : (
    link
  );
});
