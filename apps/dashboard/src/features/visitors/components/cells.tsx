/** The pieces a live visitor shows, shared by the desktop table and the phone cards. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { LiveVisitorDto } from '@parley/protocol';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { useNow } from '../../../lib/useNow';
import { tabOf, visitorLabel } from '../../inbox/inboxLists';
import { browserLabel, deviceKind, flagEmoji, formatDuration, formatMoney, hostOf, locationLabel, pathOf, secondsSince, sourceLabel } from '../format';

export function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? (
    <span className="vbadge vbadge--verified" title="Identity verified by the site (signed user id)" data-testid="verified-badge">
      <Icon name="shieldCheck" size={12} /> Verified
    </span>
  ) : (
    <span className="vbadge" title="Name and email are what the visitor or the page said; not verified" data-testid="unverified-badge">
      Unverified
    </span>
  );
}

export function VisitorIdentity({ v }: { v: LiveVisitorDto }) {
  const name = visitorLabel(v);
  return (
    <span className="lv-who">
      <Avatar name={name} seed={v.id} size={34} />
      <span className="lv-who__text">
        <span className="lv-who__name">
          <span className="lv-ellipsis" data-testid="live-visitor-name">
            {name}
          </span>
          {v.verified && <VerifiedBadge verified />}
        </span>
        <span className="lv-sub lv-ellipsis">{v.email ?? (v.visitCount > 1 ? `Returning · visit ${v.visitCount}` : 'New visitor')}</span>
      </span>
    </span>
  );
}

/**
 * How many times `value` changed since the component mounted: a key that replays a highlight on
 * each change but not on mount (windowed rows mount as they scroll into view).
 */
function useChangeCount(value: unknown): number {
  const [seen, setSeen] = useState({ value, count: 0 });
  if (!Object.is(seen.value, value)) {
    const next = { value, count: seen.count + 1 };
    setSeen(next);
    return next.count;
  }
  return seen.count;
}

/** Title and address of the page they are on; a highlight when it changes. */
export function CurrentPage({ v }: { v: LiveVisitorDto }) {
  const changes = useChangeCount(v.currentUrl);
  if (!v.currentUrl) return <span className="muted">Unknown page</span>;
  return (
    <span className={`lv-page${changes > 0 ? ' lv-flash' : ''}`} key={changes} data-testid="live-current-page">
      <a className="lv-page__title lv-ellipsis" href={v.currentUrl} target="_blank" rel="noopener noreferrer" title={v.currentUrl}>
        {v.currentTitle?.trim() || pathOf(v.currentUrl)}
      </a>
      <span className="lv-sub lv-ellipsis" title={v.currentUrl}>
        {hostOf(v.currentUrl)}
        {pathOf(v.currentUrl)}
      </span>
    </span>
  );
}

/** Ticks every second on its own, so the rest of the row does not re-render. */
export function TimeOnSite({ v }: { v: LiveVisitorDto }) {
  const now = useNow(1000).getTime();
  return (
    <span className="lv-num" data-testid="live-time-on-site">
      {formatDuration(secondsSince(v.sessionStartedAt, now))}
    </span>
  );
}

export function CartValue({ v }: { v: LiveVisitorDto }) {
  if (!v.cart) return <span className="muted">—</span>;
  return (
    <span className="lv-cart" data-testid="live-cart">
      {formatMoney(v.cart.total, v.cart.currency)}
    </span>
  );
}

/** Flag and city (or country); the table adds the country on a second line. */
export function Location({ v, twoLines = false }: { v: LiveVisitorDto; twoLines?: boolean }) {
  const label = locationLabel(v.geo);
  if (!label) return <span className="muted">Unknown</span>;
  const flag = flagEmoji(v.geo.countryCode);
  const first = v.geo.city || v.geo.country || v.geo.countryCode?.toUpperCase();
  return (
    <span className="lv-loc" title={label} data-testid="live-location">
      <span className="lv-loc__main lv-ellipsis">
        {flag && (
          <span className="lv-flag" aria-hidden="true">
            {flag}
          </span>
        )}
        {first}
      </span>
      {twoLines && v.geo.city && v.geo.country && <span className="lv-sub lv-ellipsis">{v.geo.country}</span>}
    </span>
  );
}

export function Device({ v }: { v: LiveVisitorDto }) {
  const kind = deviceKind(v.device);
  const browser = browserLabel(v.device);
  return (
    <span className="lv-device" title={[kind, browser].filter(Boolean).join(' · ')} data-testid="live-device">
      <span className="lv-ellipsis">
        <Icon name={kind === 'Desktop' ? 'monitor' : 'smartphone'} size={14} /> {kind}
      </span>
      {browser && <span className="lv-sub lv-ellipsis">{browser}</span>}
    </span>
  );
}

export function Source({ v }: { v: LiveVisitorDto }) {
  const label = sourceLabel(v.referrer, v.utmSource);
  return (
    <span className="lv-source" title={v.referrer ?? undefined}>
      <span className="lv-ellipsis">{label}</span>
      {(v.utmSource || v.referrer) && <span className="lv-sub">{v.utmSource ? 'UTM source' : 'Referrer'}</span>}
    </span>
  );
}

/** Not chatting / Waiting / Chatting with someone. */
export function ChatStatus({ v, agentName }: { v: LiveVisitorDto; agentName: (id: string) => string | undefined }) {
  const c = v.conversation;
  if (!c) return <span className="lv-chat lv-chat--none">Not chatting</span>;
  if (c.status === 'queued') return <span className="lv-chat lv-chat--waiting">Waiting for an agent</span>;
  const who = c.assignedAgentId ? agentName(c.assignedAgentId) : undefined;
  return <span className="lv-chat lv-chat--active">{who ? `Chatting with ${who}` : 'Chatting'}</span>;
}

interface ActionProps {
  v: LiveVisitorDto;
  /** Managers read chats but cannot start them. */
  canChat: boolean;
  onStart: (v: LiveVisitorDto) => void;
}

/** "Start chat", or "Open chat" when they already have one. */
export function ChatAction({ v, canChat, onStart }: ActionProps) {
  if (v.conversation) {
    return (
      <Link
        to={`/inbox/${tabOf(v.conversation.status)}/${v.conversation.id}`}
        className="btn btn--secondary btn--sm lv-action"
        title="They already have a chat: open it"
        data-testid="open-visitor-chat"
      >
        <Icon name="chat" size={15} /> Open chat
      </Link>
    );
  }
  const why = !canChat ? 'Managers can read chats but not start them' : !v.online ? 'This visitor just left' : undefined;
  // A disabled button gets no pointer events: the tooltip sits on a wrapper.
  return (
    <span className="lv-action-wrap" title={why ?? 'Send them a message: the chat opens on their screen'}>
      <button type="button" className="btn btn--primary btn--sm lv-action" disabled={Boolean(why)} onClick={() => onStart(v)} data-testid="start-chat">
        <Icon name="send" size={14} /> Start chat
      </button>
    </span>
  );
}
