/**
 * `/widget/preview.html`'s script: the dashboard's settings page embeds that page in an
 * iframe (same origin as the dashboard) and drives it with postMessage.
 *
 * Protocol (messages from any other origin, or not from the parent window, are ignored):
 *   page → parent  `{ type: 'parley:preview-ready' }` once it listens (on each load)
 *   parent → page  `{ type: 'parley:preview', settings: WidgetSettings, view: 'launcher' | 'chat' | 'prechat' | 'offline' }`
 * `settings` is the site's whole `WidgetSettings` (as in `SiteDto.settings`) with the unsaved
 * edits; each message re-renders the preview. Nothing is sent to the server.
 *
 * It loads app.js (next to it) and calls its `preview` export, so the preview runs the very
 * widget the visitors get.
 */
import type { WidgetSettings } from '@parley/protocol';
import type { preview as Preview, PreviewView } from './preview-lazy';

type App = { preview: typeof Preview };

const VIEWS: readonly PreviewView[] = ['launcher', 'chat', 'prechat', 'offline'];
// app.js sits next to this script.
const app = import(/* @vite-ignore */ import.meta.url.replace(/[^/]*$/, 'app.js')) as Promise<App>;

const host = document.createElement('div');
host.id = 'parley-widget';
document.body.appendChild(host);

addEventListener('message', (e: MessageEvent<{ type?: unknown; settings?: unknown; view?: unknown }>) => {
  if (e.origin !== location.origin || e.source !== parent || e.data?.type !== 'parley:preview') return;
  const { settings, view } = e.data;
  if (!settings || typeof settings !== 'object' || !VIEWS.includes(view as PreviewView)) return;
  void app.then((m) => m.preview(host, settings as WidgetSettings, view as PreviewView));
});

if (parent !== window) parent.postMessage({ type: 'parley:preview-ready' }, location.origin);
