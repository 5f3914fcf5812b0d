import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { NotificationDto, NotificationType } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { useShortcut } from '../../../lib/shortcuts';
import { relativeTime } from '../../../lib/time';
import { useDismiss } from '../../../lib/useDismiss';
import { useNow } from '../../../lib/useNow';
import { Icon } from '../../../ui/Icon';
import { PushToggle } from '../../pwa/PushToggle';
import { requestDesktopPermission, useDesktopPermission } from '../desktop';
import { useMarkNotificationsRead, useNotifications } from '../hooks/useNotifications';
import { useOpenNotification } from '../hooks/useOpenNotification';
import '../notifications.css';

const TYPE_LABEL: Record<NotificationType, string> = {
  waiting: 'New chat',
  unanswered: 'Unanswered',
  message: 'Message',
  transfer: 'Transfer',
  mention: 'Mention',
};

/** The bell in the top bar: unread count, and the notification center under it. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const notifications = useNotifications();
  const unread = notifications.data?.unreadCount ?? 0;
  const close = useCallback(() => {
    setOpen(false);
    // Esc from inside the panel: back to the bell, not to the top of the page.
    if (ref.current?.contains(document.activeElement)) buttonRef.current?.focus();
  }, []);
  useDismiss(ref, open, close);

  useShortcut({
    id: 'notifications.toggle',
    keys: 'Alt+B',
    description: 'Open notifications',
    group: 'General',
    handler: () => setOpen((o) => !o),
    allowInInputs: false,
  });

  return (
    <div className="notif" ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-btn notif__bell"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications (Alt+B)"
        onClick={() => setOpen((o) => !o)}
        data-testid="notif-bell"
      >
        <Icon name="bell" />
        {unread > 0 && (
          <span className="notif__count" data-testid="notif-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <NotificationPanel
          id={panelId}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
          onOpened={() => setOpen(false)}
        />
      )}
    </div>
  );
}

function NotificationPanel({ id, onClose, onOpened }: { id: string; onClose: () => void; onOpened: () => void }) {
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const openNotification = useOpenNotification();
  const now = useNow();
  const panelRef = useRef<HTMLDivElement>(null);
  const list = notifications.data?.notifications ?? [];
  const unread = notifications.data?.unreadCount ?? 0;

  useEffect(() => {
    panelRef.current?.focus();
  }, []);

  return (
    <div id={id} ref={panelRef} className="popover notif__panel" role="dialog" aria-label="Notifications" tabIndex={-1} data-testid="notif-panel">
      <div className="notif__head">
        <h2 className="notif__title">Notifications</h2>
        <button type="button" className="btn btn--link" onClick={() => markRead.mutate({ all: true })} disabled={unread === 0} data-testid="notif-mark-all">
          Mark all read
        </button>
        <button type="button" className="icon-btn icon-btn--sm" aria-label="Close notifications" onClick={onClose}>
          <Icon name="close" size={18} />
        </button>
      </div>
      <div className="notif__body">
        {notifications.isPending ? (
          <p className="notif__empty">Loading…</p>
        ) : notifications.isError ? (
          <p className="notif__empty field__error" role="alert">
            {errorMessage(notifications.error)}
          </p>
        ) : list.length === 0 ? (
          <p className="notif__empty">
            Nothing yet. New chats, messages in your chats, transfers to you and @mentions show up here.
          </p>
        ) : (
          <ul className="notif__list">
            {list.map((n) => (
              <li key={n.id}>
                <NotificationItem
                  n={n}
                  now={now}
                  onOpen={() => {
                    openNotification(n);
                    onOpened();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      <AlertSettings />
    </div>
  );
}

function NotificationItem({ n, now, onOpen }: { n: NotificationDto; now: Date; onOpen: () => void }) {
  return (
    <button type="button" className={`notif__item${n.readAt ? '' : ' notif__item--unread'}`} onClick={onOpen} data-testid="notif-item" data-type={n.type}>
      <span className={`notif__type notif__type--${n.type}`}>{TYPE_LABEL[n.type]}</span>
      <span className="notif__text">
        <span className="notif__item-title">{n.title}</span>
        {n.body && <span className="notif__item-body">{n.body}</span>}
      </span>
      <time className="notif__time" dateTime={n.createdAt} title={new Date(n.createdAt).toLocaleString()}>
        {relativeTime(n.createdAt, now)}
      </time>
      {!n.readAt && <span className="notif__dot" aria-label="Unread" />}
    </button>
  );
}

/** Desktop alerts (needs a click to ask the browser) and Web Push for this device. */
function AlertSettings() {
  const permission = useDesktopPermission();
  return (
    <div className="notif__settings">
      <div className="notif__setting">
        <span>
          <strong>Desktop alerts</strong>
          <span className="notif__hint">
            {permission === 'granted'
              ? 'On while Parley is open in a background tab.'
              : permission === 'denied'
                ? 'Blocked: allow notifications for this site in the browser settings.'
                : permission === 'unsupported'
                  ? 'Not available in this browser.'
                  : 'Get an alert when this tab is in the background.'}
          </span>
        </span>
        {permission === 'default' && (
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => void requestDesktopPermission()} data-testid="desktop-alerts">
            Allow
          </button>
        )}
        {permission === 'granted' && <span className="notif__on">On</span>}
      </div>
      <PushToggle />
    </div>
  );
}
