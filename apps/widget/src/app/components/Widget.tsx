import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { accentOn, textOn } from '../format';
import { isRtl, lang, pickLanguage, setLanguage } from '../i18n';
import { unreadCount } from '../messages';
import { Launcher } from './Launcher';
import { loadChatWindow, useChatWindow } from './lazy';
import type { Settings, UiStore } from './types';

/** Shown until the site's config arrives (the server's defaults, in a neutral colour). */
const DEFAULTS: Settings = { color: '#374151', position: 'right', title: 'Chat with us', welcomeText: '', avatarUrl: null, launcherIcon: 'chat', darkMode: 'light', language: 'auto' };

/** The look of the widget from the site's settings: colours as custom properties, theme and direction. */
export function appearance(settings: Settings) {
  const color = /^#[0-9a-f]{6}$/i.test(settings.color) ? settings.color : DEFAULTS.color;
  // `--cr`/`--crd`: the site colour as text or icons on the light / dark window, where it reads.
  const style = `--c:${color};--t:${textOn(color)};--cr:${accentOn(color, '#ffffff', '#1f2937')};--crd:${accentOn(color, '#1c2026', '#e6e8eb')}`;
  const theme = settings.darkMode === 'dark' ? ' dark' : settings.darkMode === 'light' ? '' : ' auto';
  return { style, theme };
}

interface Props {
  store: UiStore;
  /** More on the page next to the launcher (the proactive prompt). */
  children?: ComponentChildren;
  /** The dashboard's preview: keep the desktop layout even in a narrow frame. */
  preview?: boolean;
}

/** The whole widget: the launcher and, when open, the chat window, in the site's look and language. */
export function Widget({ store, children, preview }: Props) {
  const [, setTick] = useState(0);
  useEffect(() => store.subscribe(() => setTick((n) => n + 1)), [store]);
  const launcher = useRef<HTMLButtonElement>(null);
  const s = store.state;
  const wasOpen = useRef(s.open);
  const settings: Settings = { ...DEFAULTS, ...s.config?.settings };
  // The language is known once the config is: until then nothing is downloaded for it.
  const wanted = s.config ? pickLanguage(settings.language, navigator.languages ?? [navigator.language]) : lang;
  const [ready, setReady] = useState(lang);

  useEffect(() => {
    if (wanted !== lang) void setLanguage(wanted).then(() => setReady(wanted));
    else setReady(wanted);
  }, [wanted]);

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

  // While the window's chunk or another language loads, the window waits (no flash of English).
  const ChatWindow = useChatWindow(s.open, () => store.setOpen(false));
  if (s.disabled) return null;
  const { style, theme } = appearance(settings);
  const open = s.open && ready === wanted && !!ChatWindow;

  return (
    <div
      class={`pw${theme}${settings.position === 'left' ? ' left' : ''}${open ? ' open' : ''}${preview ? ' pv' : ''}`}
      style={style}
      dir={isRtl(lang) ? 'rtl' : 'ltr'}
      lang={lang}
      hidden={!s.visible}
      onKeyDown={(e) => e.key === 'Escape' && s.open && store.setOpen(false)}
    >
      {open && <ChatWindow store={store} state={s} settings={settings} onClose={() => store.setOpen(false)} />}
      {children}
      <Launcher
        open={s.open}
        icon={settings.launcherIcon}
        unread={s.open ? 0 : unreadCount(s.messages, s.seenSeq)}
        onClick={() => store.setOpen(!s.open)}
        // Pointing at the launcher fetches the window, so that the click opens it at once.
        onHover={() => void loadChatWindow().catch(() => {})}
        buttonRef={launcher}
      />
    </div>
  );
}
