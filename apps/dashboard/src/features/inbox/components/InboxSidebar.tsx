import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/client';
import { EmptyState } from '../../../ui/EmptyState';
import { INBOX_TABS, type InboxTab } from '../inboxLists';
import { useInboxList, useLoadMoreClosed, useSites } from '../hooks/useInbox';
import { PAGE_SIZE } from '../api';
import { ConversationRow } from './ConversationRow';

const TAB_LABEL: Record<InboxTab, string> = { waiting: 'Waiting', active: 'Active', closed: 'Closed' };
const EMPTY_TEXT: Record<InboxTab, string> = {
  waiting: 'No one is waiting. New chats appear here.',
  active: 'No active chats. Accept a waiting chat to start.',
  closed: 'Closed chats will be listed here.',
};

export function InboxSidebar({ tab, selectedId }: { tab: InboxTab; selectedId: string | null }) {
  const waiting = useInboxList('waiting');
  const active = useInboxList('active');
  const closed = useInboxList('closed', tab === 'closed');
  const lists = { waiting, active, closed };
  const current = lists[tab];
  const sites = useSites().data ?? [];
  const [siteId, setSiteId] = useState('');
  const { loadMore, loading, exhausted } = useLoadMoreClosed();

  const rows = useMemo(() => (current.data ?? []).filter((c) => !siteId || c.siteId === siteId), [current.data, siteId]);
  const unreadActive = (active.data ?? []).reduce((n, c) => n + (c.unreadCount ?? 0), 0);

  return (
    <aside className="inbox__list" aria-label="Conversations">
      <div className="tabs" role="tablist" aria-label="Conversation status">
        {INBOX_TABS.map((t) => {
          const count = t === 'closed' ? null : lists[t].data?.length;
          return (
            <Link
              key={t}
              to={`/inbox/${t}`}
              role="tab"
              aria-selected={t === tab}
              className={`tabs__tab${t === tab ? ' tabs__tab--active' : ''}`}
              data-testid={`tab-${t}`}
            >
              {TAB_LABEL[t]}
              {count !== null && count !== undefined && (
                <span className={`tabs__count${t === 'waiting' && count > 0 ? ' tabs__count--alert' : ''}${t === 'active' && unreadActive > 0 ? ' tabs__count--unread' : ''}`}>{count}</span>
              )}
            </Link>
          );
        })}
      </div>
      {sites.length > 1 && (
        <div className="inbox__filter">
          <label className="visually-hidden" htmlFor="site-filter">
            Filter by site
          </label>
          <select id="site-filter" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">All sites</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="conv-list" role="tabpanel" aria-label={`${TAB_LABEL[tab]} conversations`}>
        {current.isPending ? (
          <ListSkeleton />
        ) : current.isError ? (
          <div className="alert alert--error conv-list__error" role="alert">
            {errorMessage(current.error)}{' '}
            <button type="button" className="btn btn--link" onClick={() => void current.refetch()}>
              Retry
            </button>
          </div>
        ) : rows.length === 0 ? (
          <EmptyState title={EMPTY_TEXT[tab]} />
        ) : (
          <ul className="conv-list__items">
            {rows.map((c) => (
              <li key={c.id}>
                <ConversationRow conversation={c} tab={tab} selected={c.id === selectedId} />
              </li>
            ))}
          </ul>
        )}
        {tab === 'closed' && (current.data?.length ?? 0) >= PAGE_SIZE && !exhausted && (
          <button type="button" className="btn btn--secondary btn--block conv-list__more" onClick={() => void loadMore()} disabled={loading}>
            {loading ? 'Loading…' : 'Load older chats'}
          </button>
        )}
      </div>
    </aside>
  );
}

function ListSkeleton() {
  return (
    <ul className="conv-list__items" aria-busy="true" aria-label="Loading conversations">
      {[0, 1, 2, 3].map((i) => (
        <li key={i} className="conv-row conv-row--skeleton">
          <span className="skeleton skeleton--circle" />
          <span className="skeleton-lines">
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </span>
        </li>
      ))}
    </ul>
  );
}
