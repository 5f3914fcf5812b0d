import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ConversationDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { useIsPhone } from '../../../lib/useMediaQuery';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { useAgents } from '../../settings/hooks/useSettings';
import { countFilters, exportCsvUrl, filterChips, hasFilters, NO_FILTERS } from '../filters';
import { patchListFilters, setListFilters, useListFilters } from '../filterStore';
import { flattenPages, useDepartments, useFilteredList, useInboxList, useSites } from '../hooks/useInbox';
import { INBOX_TABS, type InboxTab } from '../inboxLists';
import { swipeActionFor } from '../swipe';
import { ConversationRow } from './ConversationRow';
import { FilterPanel } from './FilterPanel';
import { SavedViews } from './SavedViews';
import '../inbox-tools.css';

const TAB_LABEL: Record<InboxTab, string> = { waiting: 'Waiting', active: 'Active', closed: 'Closed' };
const EMPTY_TEXT: Record<InboxTab, string> = {
  waiting: 'No one is waiting. New chats appear here.',
  active: 'No active chats. Accept a waiting chat to start.',
  closed: 'Closed chats will be listed here.',
};

export function InboxSidebar({ tab, selectedId }: { tab: InboxTab; selectedId: string | null }) {
  const { agent: me } = useSession();
  const isPhone = useIsPhone();
  const filters = useListFilters();
  const filtered = hasFilters(filters);
  const [panelOpen, setPanelOpen] = useState(false);

  const waiting = useInboxList('waiting');
  const active = useInboxList('active');
  // Waiting and Active without filters are the live lists; anything else pages from the server.
  const live = tab !== 'closed' && !filtered;
  const paged = useFilteredList(tab, filters, !live);
  const current = live ? (tab === 'waiting' ? waiting : active) : paged;
  const rows: ConversationDto[] = useMemo(() => (live ? ((tab === 'waiting' ? waiting.data : active.data) ?? []) : flattenPages(paged.data)), [live, tab, waiting.data, active.data, paged.data]);

  const unreadActive = (active.data ?? []).reduce((n, c) => n + (c.unreadCount ?? 0), 0);
  const counts: Record<InboxTab, number | undefined> = { waiting: waiting.data?.length, active: active.data?.length, closed: undefined };

  return (
    <aside className="inbox__list" aria-label="Conversations">
      <div className="tabs" role="tablist" aria-label="Conversation status">
        {INBOX_TABS.map((t) => {
          const count = counts[t];
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
              {count !== undefined && (
                <span className={`tabs__count${t === 'waiting' && count > 0 ? ' tabs__count--alert' : ''}${t === 'active' && unreadActive > 0 ? ' tabs__count--unread' : ''}`}>{count}</span>
              )}
            </Link>
          );
        })}
      </div>
      <ListToolbar tab={tab} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen((o) => !o)} />
      {panelOpen && <FilterPanel tab={tab} filters={filters} onDone={() => setPanelOpen(false)} />}
      <div className="conv-list" role="tabpanel" aria-label={`${TAB_LABEL[tab]} conversations`} data-testid="conv-list" data-filtered={filtered ? 'true' : 'false'}>
        {current.isPending ? (
          <ListSkeleton />
        ) : current.isError && rows.length === 0 ? (
          <div className="alert alert--error conv-list__error" role="alert">
            {errorMessage(current.error)}{' '}
            <button type="button" className="btn btn--link" onClick={() => void current.refetch()}>
              Retry
            </button>
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState title="No chats match these filters.">
              <button type="button" className="btn btn--link" onClick={() => setListFilters(NO_FILTERS)}>
                Clear filters
              </button>
            </EmptyState>
          ) : (
            <EmptyState title={EMPTY_TEXT[tab]} />
          )
        ) : (
          <ul className="conv-list__items">
            {rows.map((c) => (
              <li key={c.id}>
                <ConversationRow conversation={c} tab={tab} selected={c.id === selectedId} swipe={isPhone ? swipeActionFor(tab, c, me) : null} />
              </li>
            ))}
          </ul>
        )}
        {!live && paged.hasNextPage && (
          <button
            type="button"
            className="btn btn--secondary btn--block conv-list__more"
            onClick={() => void paged.fetchNextPage()}
            disabled={paged.isFetchingNextPage}
            data-testid="load-more"
          >
            {paged.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        )}
        {!live && paged.isFetchNextPageError && (
          <p className="field__error conv-list__error" role="alert">
            {errorMessage(paged.error)}
          </p>
        )}
      </div>
    </aside>
  );
}

/** Filters button, saved views, export, and the chips of the filters in force. */
function ListToolbar({ tab, panelOpen, onTogglePanel }: { tab: InboxTab; panelOpen: boolean; onTogglePanel: () => void }) {
  const filters = useListFilters();
  const { agent: me } = useSession();
  const sites = useSites().data ?? [];
  const agents = useAgents(me.role !== 'agent').data ?? [];
  const departments = useDepartments().data ?? [];
  const count = countFilters(filters);
  const chips = filterChips(filters, {
    site: (id) => sites.find((s) => s.id === id)?.name,
    agent: (id) => agents.find((a) => a.id === id)?.pseudoName,
    department: (id) => departments.find((d) => d.id === id)?.name,
  });

  return (
    <div className="inbox-tools">
      <div className="inbox-tools__row">
        <button
          type="button"
          className={`btn btn--sm ${count ? 'btn--accent-soft' : 'btn--secondary'}`}
          aria-expanded={panelOpen}
          onClick={onTogglePanel}
          data-testid="filters-toggle"
        >
          <Icon name="filter" size={16} />
          Filters{count > 0 && <span className="inbox-tools__count">{count}</span>}
        </button>
        <SavedViews tab={tab} />
        <a
          className="btn btn--secondary btn--sm inbox-tools__export"
          href={exportCsvUrl(tab, filters, new Date())}
          download
          title="Download the chats of this list, with their messages, as CSV"
          data-testid="export-csv"
        >
          <Icon name="download" size={16} />
          CSV
        </a>
      </div>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label="Filters in use">
          {chips.map((c) => (
            <li key={c.key} className="filter-chip">
              {c.label}
              <button type="button" className="filter-chip__remove" aria-label={`Remove filter ${c.label}`} onClick={() => patchListFilters(c.clear)}>
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="btn btn--link filter-chips__clear" onClick={() => setListFilters(NO_FILTERS)} data-testid="clear-filters">
              Clear all
            </button>
          </li>
        </ul>
      )}
    </div>
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
