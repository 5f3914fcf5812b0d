/**
 * The dashboard's live preview of a site's widget: the real components over a static,
 * network-free store. A lazily loaded chunk behind app.js's `preview` export
 * (`preview-lazy.ts`); `/widget/preview.html` drives it (protocol in `preview-page.ts`).
 *
 * @example
 *   preview(document.getElementById('box')!, settings, 'prechat');
 */
import { render } from 'preact';
import type { WidgetSettings } from '@parley/protocol';
import { availabilityOf } from '@parley/protocol/hours';
import { adoptStyles } from '../shared/styles';
import type { UiStore } from './components/types';
import { Widget } from './components/Widget';
import type { WidgetState } from './state';
import { CSS } from './styles';

/** What the preview shows: the closed launcher, the open chat, the pre-chat form, the offline form. */
export type PreviewView = 'launcher' | 'chat' | 'prechat' | 'offline';

const ok = async () => ({ ok: true as const });
const nothing = () => {};

/** The state a visitor would see on that screen (the pre-chat and offline forms are shown even while turned off). */
function previewState(settings: WidgetSettings, view: PreviewView): WidgetState {
  const shown: WidgetSettings =
    view === 'prechat' ? { ...settings, preChatForm: { ...settings.preChatForm, enabled: true } } : view === 'offline' ? { ...settings, offline: { ...settings.offline, enabled: true } } : settings;
  // Offline: closed until the next opening when the hours say so, else "nobody online".
  const availability = view === 'offline' ? availabilityOf(settings.businessHours, 0, new Date()) : { available: true, reason: 'open' as const, nextOpenAt: null };
  return {
    config: { siteId: 'preview', name: settings.title, settings: shown, agentsOnline: 1, departments: [], availability, triggers: [] },
    disabled: false,
    visible: true,
    open: view !== 'launcher',
    online: true,
    conn: 'idle',
    unreachable: false,
    conversationId: null,
    status: null,
    messages: [],
    outbox: [],
    agent: null,
    agentTyping: null,
    agentReadSeq: 0,
    seenSeq: 0,
    queue: null,
    departmentId: null,
    acceptedTrigger: null,
    visitor: null,
    ratings: {},
    offlineSent: null,
  };
}

/** A store that only opens and closes: sending and forms do nothing (no network). */
function staticStore(state: WidgetState): UiStore {
  const listeners = new Set<() => void>();
  const store: UiStore = {
    state,
    draft: '',
    subscribe: (fn) => (listeners.add(fn), () => listeners.delete(fn)),
    setOpen: (open) => {
      store.state = { ...store.state, open };
      listeners.forEach((fn) => fn());
    },
    send: () => false,
    retry: nothing,
    typing: nothing,
    closeConversation: nothing,
    newChat: nothing,
    chooseDepartment: nothing,
    submitProfile: ok,
    sendOfflineMessage: ok,
    closeOfflineSent: nothing,
    rate: ok,
    emailTranscript: ok,
    // No visitor: an upload tried in the (dashboard's, English) preview fails at once and says why.
    base: '',
    siteKey: '',
    identity: null,
    ready: () => Promise.reject(new Error('This is a preview: files are not sent.')),
    startFields: () => ({}),
    acked: nothing,
  };
  return store;
}

/** Per shadow root: the element the preview renders into, and the screen and store it shows. */
const shown = new WeakMap<ShadowRoot, { container: HTMLElement; view?: PreviewView; store?: UiStore }>();

/**
 * Renders the widget for `settings` on one screen into `root` (a shadow root, or an element
 * that gets one); calling it again re-renders with the new settings.
 */
export function preview(root: ShadowRoot | HTMLElement, settings: WidgetSettings, view: PreviewView): void {
  const shadow = root instanceof ShadowRoot ? root : (root.shadowRoot ?? root.attachShadow({ mode: 'open' }));
  let at = shown.get(shadow);
  if (!at) {
    adoptStyles(shadow, CSS);
    at = { container: shadow.appendChild(document.createElement('div')) };
    shown.set(shadow, at);
  }
  const state = previewState(settings, view);
  // Another screen starts afresh (a new Widget, on the asked screen); new settings on the same
  // screen only re-render it, so nothing remounts (or takes the focus) on each keystroke.
  if (at.store && at.view === view) at.store.state = { ...state, open: at.store.state.open };
  else at.store = staticStore(state);
  at.view = view;
  render(<Widget key={view} store={at.store} preview />, at.container);
}
