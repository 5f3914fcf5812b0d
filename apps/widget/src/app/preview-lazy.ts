/**
 * app.js's `preview` export: the preview's code is a lazily loaded chunk, so visitors never
 * download it (`preview-page.ts` imports app.js and calls this).
 */
import type { WidgetSettings } from '@parley/protocol';
import type { PreviewView } from './preview';

export type { PreviewView };

/** Renders the real widget for `settings` on one screen (see preview.tsx). */
export function preview(root: ShadowRoot | HTMLElement, settings: WidgetSettings, view: PreviewView): Promise<void> {
  return import('./preview').then((m) => m.preview(root, settings, view));
}
