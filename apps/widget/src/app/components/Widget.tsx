import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetSettings } from '@parley/protocol';
import { luminance, textOn } from '../format';
import { unreadCount } from '../messages';
import type { Store } from '../store';
import { ChatWindow } from './ChatWindow';
import { Launcher } from './Launcher';

/** Shown until the site's config arrives (same defaults as the server's). */
const DEFAULTS: WidgetSettings = { color: '#374151', position: 'right', title: 'Chat with us', welcomeText: 'Hi! How can we help you today?' };

/** The whole widget: the launcher and, when open, the chat window. */
export function Widget({ store }: { store: Store }) {
  const [, setTick] = useState(0);
  useEffect(() => store.subscribe(() => setTick((n) => n + 1)), [store]);
  const launcher = useRef<HTMLButtonElement>(null);
  const s = store.state;
  const wasOpen = useRef(s.open);

  // Closing returns focus to the launcher, unless the page itself holds the focus.
  useEffect(() => {
    const el = launcher.current;
    if (wasOpen.current && !s.open && el) {
      const active = document.activeElement;
      const host = (el.getRootNode() as ShadowRoot).host;
      if (!active || active === document.body || active === host) el.focus();
    }
    wasOpen.current = s.open;
  }, [s.open]);

  if (s.disabled) return null;
  const settings = { ...DEFAULTS, ...s.config?.settings };
  const color = /^#[0-9a-f]{6}$/i.test(settings.color) ? settings.color : DEFAULTS.color;
  // Read receipts sit on the light list background: fall back to dark grey for pale colours.
  const style = `--c:${color};--t:${textOn(color)};--cr:${luminance(color) < 0.5 ? color : '#1f2937'}`;

  return (
    <div class={`pw${settings.position === 'left' ? ' left' : ''}${s.open ? ' open' : ''}`} style={style} hidden={!s.visible} onKeyDown={(e) => e.key === 'Escape' && s.open && store.setOpen(false)}>
      {s.open && <ChatWindow store={store} state={s} settings={settings} onClose={() => store.setOpen(false)} />}
      <Launcher open={s.open} unread={s.open ? 0 : unreadCount(s.messages, s.seenSeq)} onClick={() => store.setOpen(!s.open)} buttonRef={launcher} />
    </div>
  );
}
