import { useEffect, useState } from 'react';
import { useConnectionState } from './connectionStore';

/**
 * "Reconnecting…" while the socket is down. The first connection gets a grace period so a
 * normal page load doesn't flash the banner. `data-state` is always there for tests.
 */
export function ConnectionBanner() {
  const state = useConnectionState();
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    if (state !== 'connecting') return;
    const id = window.setTimeout(() => setGraceOver(true), 2500);
    return () => window.clearTimeout(id);
  }, [state]);

  const visible = state === 'reconnecting' || (state === 'connecting' && graceOver);
  return (
    <div className="conn-banner" data-testid="connection-state" data-state={state} role="status" aria-live="polite" hidden={!visible}>
      <span className="conn-banner__spinner" aria-hidden="true" />
      {state === 'reconnecting' ? 'Reconnecting… messages you send will go out when the connection is back.' : 'Connecting…'}
    </div>
  );
}
