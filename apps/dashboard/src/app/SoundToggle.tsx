import { useSyncExternalStore } from 'react';
import { beep, isSoundEnabled, setSoundEnabled, subscribeSound } from '../lib/sound';
import { Icon } from '../ui/Icon';

export function SoundToggle() {
  const enabled = useSyncExternalStore(subscribeSound, isSoundEnabled);
  return (
    <button
      type="button"
      className="icon-btn"
      aria-pressed={enabled}
      aria-label={enabled ? 'Sound alerts on' : 'Sound alerts off'}
      title={enabled ? 'Sound alerts on (click to mute)' : 'Sound alerts off (click to unmute)'}
      onClick={() => {
        setSoundEnabled(!enabled);
        if (!enabled) beep();
      }}
      data-testid="sound-toggle"
    >
      <Icon name={enabled ? 'volume' : 'volumeOff'} />
    </button>
  );
}
