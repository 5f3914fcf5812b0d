import { useEffect } from 'react';
import { disablePush, enablePush, refreshPush, usePush } from './push';

const HINT = {
  unsupported: 'Not available in this browser.',
  denied: 'Blocked: allow notifications for this site in the browser settings.',
  off: 'Alerts on this device even when Parley is closed.',
  on: 'This device gets alerts even when Parley is closed.',
  busy: 'One moment…',
} as const;

/** "Enable push notifications" for this browser (a switch in the notification center). */
export function PushToggle() {
  const { status, error } = usePush();
  useEffect(() => void refreshPush(), []);
  const on = status === 'on';
  return (
    <div className="notif__setting">
      <span>
        <strong id="push-label">Push notifications</strong>
        <span className="notif__hint">{HINT[status]}</span>
        {error && (
          <span className="field__error" role="alert">
            {error}
          </span>
        )}
      </span>
      {status !== 'unsupported' && status !== 'denied' && (
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby="push-label"
          className={`switch${on ? ' switch--on' : ''}`}
          disabled={status === 'busy'}
          onClick={() => void (on ? disablePush() : enablePush())}
          data-testid="push-toggle"
        >
          <span className="switch__knob" />
        </button>
      )}
    </div>
  );
}
