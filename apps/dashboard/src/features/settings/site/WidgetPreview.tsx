import { useCallback, useEffect, useRef, useState } from 'react';
import type { WidgetSettings } from '@parley/protocol';
import { Segmented } from './Segmented';

/** What the preview page can show (see apps/widget's preview page). */
export type PreviewView = 'launcher' | 'chat' | 'prechat' | 'offline';

const PREVIEW_VIEWS: readonly { value: PreviewView; label: string }[] = [
  { value: 'chat', label: 'Chat' },
  { value: 'prechat', label: 'Pre-chat form' },
  { value: 'offline', label: 'Offline' },
  { value: 'launcher', label: 'Closed' },
];

/** The widget's own preview page, served by Parley next to the widget bundle. */
const PREVIEW_URL = '/widget/preview.html';
/** The page is laid out at this size (the open widget plus its margins) and scaled down to fit narrower columns. */
const FRAME = { width: 408, height: 640 };

interface Props {
  /** The unsaved settings to show. */
  settings: WidgetSettings;
  view: PreviewView;
  onViewChange(view: PreviewView): void;
}

/**
 * The real widget in an iframe, fed the unsaved settings on every change with
 * `postMessage({ type: 'parley:preview', settings, view })` (same origin only, both ways).
 */
export function WidgetPreview({ settings, view, onViewChange }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const fit = () => setScale(Math.min(1, el.clientWidth / FRAME.width));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const post = useCallback(() => {
    frame.current?.contentWindow?.postMessage({ type: 'parley:preview', settings, view }, window.location.origin);
  }, [settings, view]);

  useEffect(post, [post]);
  // The page may say when it is ready to listen (it can load after our first post).
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow) return;
      if ((e.data as { type?: unknown } | null)?.type === 'parley:preview-ready') post();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [post]);

  return (
    <div className="preview" data-testid="widget-preview">
      <Segmented label="Live preview" value={view} options={PREVIEW_VIEWS} onChange={onViewChange} testId="preview-view" />
      <div ref={stage} className="preview__stage" style={{ height: FRAME.height * scale }}>
        <iframe
          ref={frame}
          className="preview__frame"
          src={PREVIEW_URL}
          title="Widget preview"
          onLoad={post}
          style={{ width: FRAME.width, height: FRAME.height, transform: scale < 1 ? `scale(${scale})` : undefined }}
          data-testid="preview-frame"
        />
      </div>
      <p className="field__hint">Unsaved changes show here at once; visitors see them after you save.</p>
    </div>
  );
}
