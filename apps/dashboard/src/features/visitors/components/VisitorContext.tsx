/**
 * The visitor's context in the conversation side panel, from `GET /api/visitors/:id`: who they
 * are, what they are doing right now, device and location, the pages they visited, tracked
 * events, attributes and their other chats.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ConversationDto, VisitorDetailDto } from '@parley/protocol';
import { relativeTime, shortDate } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import { RatingStars } from '../../../ui/RatingStars';
import { STATUS_TEXT, tabOf, visitorLabel } from '../../inbox/inboxLists';
import { cartOf, deviceLabel, displayValue, flagEmoji, formatMoney, locationLabel, pathOf } from '../format';
import { useTriggers } from '../../triggers/hooks';
import { VerifiedBadge } from './cells';
import { VisitorTimeline } from './VisitorTimeline';
import '../visitors.css';
import '../visitor-context.css';

/** Attributes shown elsewhere (the claimed user id sits next to the profile). */
const PROFILE_ATTRIBUTES = new Set(['unverifiedUserId']);

type Detail = VisitorDetailDto | undefined;

function Section({ id, title, aside, children, testId }: { id: string; title: string; aside?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="details__section" aria-labelledby={id} data-testid={testId}>
      <div className="vc-title-row">
        <h3 className="details__title" id={id}>
          {title}
        </h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Name, email, phone, user id (verified or only claimed), site; online state in the title row. */
export function VisitorProfile({ conv, detail, siteName }: { conv: ConversationDto; detail: Detail; siteName: string | undefined }) {
  const v = conv.visitor;
  const verified = detail?.verified ?? v.verified ?? false;
  const externalId = detail?.externalId ?? v.externalId;
  const claimedId = typeof detail?.attributes.unverifiedUserId === 'string' ? detail.attributes.unverifiedUserId : null;
  const phone = detail?.phone ?? v.phone ?? null;
  const online = detail ? (detail.online ? <span className="vc-online">Online now</span> : <span className="vc-offline">Offline</span>) : null;
  return (
    <Section id={`visitor-${conv.id}`} title="Visitor" aside={online}>
      <dl className="facts">
        <dt>Name</dt>
        <dd data-testid="visitor-name">{visitorLabel(v)}</dd>
        <dt>Email</dt>
        <dd>{v.email ? <a href={`mailto:${v.email}`}>{v.email}</a> : <span className="muted">Not given</span>}</dd>
        <dt>Phone</dt>
        <dd>{phone ? <a href={`tel:${phone}`}>{phone}</a> : <span className="muted">Not given</span>}</dd>
        {(externalId || claimedId) && (
          <>
            <dt>User ID</dt>
            <dd data-testid="visitor-user-id">
              {externalId ?? claimedId} <VerifiedBadge verified={verified && Boolean(externalId)} />
            </dd>
          </>
        )}
        {siteName && (
          <>
            <dt>Site</dt>
            <dd>{siteName}</dd>
          </>
        )}
      </dl>
    </Section>
  );
}

/** This chat's CSAT and the proactive trigger that started it (rows of the Conversation section). */
export function ChatOrigin({ conv }: { conv: ConversationDto }) {
  if (!conv.rating && !conv.triggerId && conv.channel !== 'email') return null;
  return (
    <dl className="facts vc-chat-facts" data-testid="chat-origin">
      {conv.rating && (
        <>
          <dt>Rating</dt>
          <dd className="vc-rating" data-testid="chat-rating">
            <RatingStars score={conv.rating.score} />
            {conv.rating.comment && <q>{conv.rating.comment}</q>}
          </dd>
        </>
      )}
      {conv.triggerId && (
        <>
          <dt>Started by</dt>
          <dd data-testid="chat-trigger">
            <TriggerName siteId={conv.siteId} triggerId={conv.triggerId} />
          </dd>
        </>
      )}
      {conv.channel === 'email' && (
        <>
          <dt>Channel</dt>
          <dd>Email (left as an offline message)</dd>
        </>
      )}
    </dl>
  );
}

/** The trigger's name (fetched only for chats a trigger started). */
function TriggerName({ siteId, triggerId }: { siteId: string; triggerId: string }) {
  const name = useTriggers(siteId).data?.find((t) => t.id === triggerId)?.name;
  return <>{name ? `Trigger “${name}”` : 'A proactive trigger'}</>;
}

/** Right now: online state, the page they are on, their cart and any other live context. */
export function VisitorNow({ detail, convId }: { detail: VisitorDetailDto; convId: string }) {
  const now = useNow();
  const cart = cartOf(detail.context);
  const otherContext = Object.entries(detail.context).filter(([k]) => k !== 'cart');
  // A visitor who never browsed with tracking (e.g. only left an email) has no "now".
  if (!detail.online && !detail.currentUrl && !cart && otherContext.length === 0) return null;
  return (
    <Section id={`now-${convId}`} title={detail.online ? 'Right now' : 'Last seen'} testId="visitor-now">
      <div className="vc-now">
        {detail.currentUrl ? (
          <span className="vc-page" data-testid="visitor-current-page">
            <a className="lv-page__title lv-ellipsis" href={detail.currentUrl} target="_blank" rel="noopener noreferrer" title={detail.currentUrl}>
              {detail.currentTitle?.trim() || pathOf(detail.currentUrl)}
            </a>
            <span className="lv-sub lv-ellipsis">
              {pathOf(detail.currentUrl)}
              {!detail.online && ` · ${relativeTime(detail.lastSeenAt, now)}`}
            </span>
          </span>
        ) : (
          <span className="muted">{detail.online ? 'On the site' : `Last seen ${relativeTime(detail.lastSeenAt, now) || 'a while ago'}`}</span>
        )}
        {cart && (
          <div className="vc-cart" data-testid="visitor-cart">
            <div className="vc-cart__head">
              <span>Cart</span>
              <span className="lv-cart">{formatMoney(cart.total, cart.currency)}</span>
            </div>
            {cart.items.length > 0 && (
              <ul className="vc-cart__items">
                {cart.items.slice(0, 10).map((item, i) => (
                  <li key={`${item.name}-${i}`}>
                    <span className="lv-ellipsis">
                      {item.quantity > 1 ? `${item.quantity} × ` : ''}
                      {item.name}
                    </span>
                    {item.price !== null && <span>{formatMoney(item.price * item.quantity, cart.currency)}</span>}
                  </li>
                ))}
                {cart.items.length > 10 && <li className="muted">and {cart.items.length - 10} more</li>}
              </ul>
            )}
          </div>
        )}
        {otherContext.length > 0 && <KeyValues entries={otherContext} />}
      </div>
    </Section>
  );
}

/** Device, browser, OS, location and how often they came. */
export function VisitorDevice({ detail, convId }: { detail: VisitorDetailDto; convId: string }) {
  const location = locationLabel(detail.geo);
  const flag = flagEmoji(detail.geo.countryCode);
  return (
    <Section id={`device-${convId}`} title="Device and location" testId="visitor-device">
      <dl className="facts">
        <dt>Device</dt>
        <dd data-testid="visitor-device-text">{deviceLabel(detail.device) ?? <span className="muted">Unknown</span>}</dd>
        <dt>Location</dt>
        <dd data-testid="visitor-location">
          {location ? (
            <>
              {flag && <span aria-hidden="true">{flag} </span>}
              {location}
            </>
          ) : (
            <span className="muted">Unknown</span>
          )}
        </dd>
        <dt>Visits</dt>
        <dd>
          {detail.visitCount} · first seen {shortDate(detail.firstSeenAt)}
        </dd>
      </dl>
    </Section>
  );
}

export function VisitorPages({ detail, convId, channel }: { detail: VisitorDetailDto; convId: string; channel: ConversationDto['channel'] }) {
  // Offline messages come by email: no browsing to explain.
  if (detail.sessions.length === 0 && channel === 'email') return null;
  return (
    <Section id={`pages-${convId}`} title="Page history">
      <VisitorTimeline sessions={detail.sessions} online={detail.online} />
    </Section>
  );
}

/** Custom attributes (setAttributes, the pre-chat form's extra fields) and tracked events. */
export function VisitorData({ detail, convId }: { detail: VisitorDetailDto; convId: string }) {
  const now = useNow();
  const attributes = Object.entries(detail.attributes).filter(([k]) => !PROFILE_ATTRIBUTES.has(k));
  return (
    <>
      {attributes.length > 0 && (
        <Section id={`attrs-${convId}`} title="Attributes" testId="visitor-attributes">
          <KeyValues entries={attributes} />
        </Section>
      )}
      {detail.events.length > 0 && (
        <Section id={`events-${convId}`} title="Recent events" testId="visitor-events">
          <ul className="vc-events">
            {detail.events.slice(0, 10).map((e) => (
              <li key={e.id}>
                <span className="vc-event__top">
                  <span className="vc-event__name">{e.name}</span>
                  <time className="lv-sub" dateTime={e.createdAt} title={new Date(e.createdAt).toLocaleString()}>
                    {relativeTime(e.createdAt, now)}
                  </time>
                </span>
                {Object.keys(e.properties).length > 0 && (
                  <span className="lv-sub lv-ellipsis" title={displayValue(e.properties, 1000)}>
                    {Object.entries(e.properties)
                      .map(([k, v]) => `${k}: ${displayValue(v, 40)}`)
                      .join(' · ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}

function KeyValues({ entries }: { entries: [string, unknown][] }) {
  return (
    <dl className="vc-kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd title={displayValue(v, 2000)}>{displayValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Their other chats, newest first, with the CSAT each got. */
export function PreviousChats({ conv, detail, loading, error }: { conv: ConversationDto; detail: Detail; loading: boolean; error: string | null }) {
  const others = (detail?.conversations ?? []).filter((c) => c.id !== conv.id).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return (
    <Section id={`prev-${conv.id}`} title="Previous chats">
      {loading ? (
        <p className="muted">Loading…</p>
      ) : error ? (
        <p className="muted">Could not load: {error}</p>
      ) : others.length === 0 ? (
        <p className="muted">This is their first chat.</p>
      ) : (
        <ul className="history" data-testid="previous-chats">
          {others.map((c) => (
            <li key={c.id}>
              <Link to={`/inbox/${tabOf(c.status)}/${c.id}`} className="history__item" data-testid="previous-chat">
                <span className="history__top">
                  <span className={`mini-status mini-status--${tabOf(c.status)}`}>{STATUS_TEXT[c.status]}</span>
                  {c.rating && <RatingStars score={c.rating.score} compact />}
                  <time dateTime={c.createdAt} title={new Date(c.createdAt).toLocaleString()}>
                    {shortDate(c.createdAt)}
                  </time>
                </span>
                <span className="history__preview">{c.lastMessagePreview || 'No messages'}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
