import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { LiveVisitorDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { useIsPhone, useMediaQuery } from '../../../lib/useMediaQuery';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { canEdit } from '../../conversation/collaboration';
import { useAgentDirectory } from '../../conversation/hooks/useConversation';
import { useSites } from '../../inbox/hooks/useInbox';
import { useLiveVisitors } from '../hooks/useLiveVisitors';
import { LiveVisitorCards, LiveVisitorTable } from './LiveVisitorList';
import { StartChatDialog } from './StartChatDialog';
import '../visitors.css';

/** Everyone on my sites right now, live: where they are, what they do, and a way to say hello. */
export function VisitorsPage() {
  const { agent: me } = useSession();
  const isPhone = useIsPhone();
  // Below the table's minimum width (phones, narrow tablets) each visitor is a card.
  const asCards = useMediaQuery('(max-width: 1059.98px)');
  const [params, setParams] = useSearchParams();
  const sites = useSites().data ?? [];
  const siteId = sites.some((s) => s.id === params.get('site')) ? params.get('site')! : '';
  const live = useLiveVisitors(siteId);
  const rows = useMemo(() => live.data ?? [], [live.data]);
  const online = rows.filter((r) => r.leavingAt === undefined).length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const agents = useAgentDirectory().data;
  const agentName = useCallback((id: string) => (id === me.id ? 'you' : agents?.find((a) => a.id === id)?.pseudoName), [agents, me.id]);
  const [target, setTarget] = useState<LiveVisitorDto | null>(null);
  const onStart = useCallback((v: LiveVisitorDto) => setTarget(v), []);

  return (
    <div className="visitors">
      <header className="visitors__header">
        <div className="visitors__heading">
          <h1 className="visitors__title">
            Visitors
            <span className="visitors__count" aria-live="polite" data-testid="live-count">
              <span className="visitors__dot" aria-hidden="true" />
              {online} online
            </span>
          </h1>
          {!isPhone && <p className="muted">Everyone on your sites right now. The list updates live.</p>}
        </div>
        {sites.length > 1 && (
          <label className="visitors__filter">
            <span className="visually-hidden">Site</span>
            <select
              value={siteId}
              onChange={(e) => setParams(e.target.value ? { site: e.target.value } : {}, { replace: true })}
              data-testid="visitors-site-filter"
            >
              <option value="">All my sites</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <div className="visitors__scroll" ref={scrollRef}>
        {live.isPending ? (
          <p className="visitors__loading muted" aria-busy="true">
            Loading visitors…
          </p>
        ) : live.isError && rows.length === 0 ? (
          <div className="alert alert--error visitors__error" role="alert">
            Could not load visitors: {errorMessage(live.error)}{' '}
            <button type="button" className="btn btn--link" onClick={() => void live.refetch()}>
              Retry
            </button>
          </div>
        ) : rows.length === 0 ? (
          <NoVisitors filtered={Boolean(siteId)} />
        ) : asCards ? (
          <LiveVisitorCards rows={rows} scrollRef={scrollRef} canChat={canEdit(me)} agentName={agentName} onStart={onStart} />
        ) : (
          <LiveVisitorTable rows={rows} scrollRef={scrollRef} canChat={canEdit(me)} agentName={agentName} onStart={onStart} />
        )}
      </div>
      <StartChatDialog visitor={target} current={target ? rows.find((r) => r.id === target.id) : undefined} onClose={() => setTarget(null)} />
    </div>
  );
}

function NoVisitors({ filtered }: { filtered: boolean }) {
  return (
    <EmptyState title={filtered ? 'Nobody is on this site right now.' : 'Nobody is on your sites right now.'} icon={<Icon name="users" size={28} />}>
      <p>
        Visitors appear here the moment they open a page with your chat widget, and leave the list when they close it. You see the page they are on, how long
        they have been around, their cart, and can start a chat with them.
      </p>
      <p className="muted">
        Nobody showing up? Check that the widget snippet is on your pages (Settings → Sites) and that visitor tracking is on for the site. Visitors whose browser
        sends Do Not Track are only listed once they start a chat.
      </p>
    </EmptyState>
  );
}
