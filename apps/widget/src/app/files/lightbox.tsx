/**
 * The image viewer: one at a time, over the page. A dialog holding the full image and a close
 * button; Escape, a click anywhere or the button close it, and the focus goes back to the
 * thumbnail that opened it. The close button is its only control, so Tab stays on it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentDto } from '@parley/protocol';
import { svg } from '../components/icons';
import { W } from '../i18n/window';
import { cachedLink, fileLink, forgetLink, type LinkHost } from './links';

interface Shown {
  a: AttachmentDto;
  host: LinkHost;
  /** null while the link is being asked for. */
  url: string | null;
  /** Gets the focus back. */
  opener: HTMLElement | null;
  onGone(why: 'expired' | 'infected'): void;
}

let shown: Shown | null = null;
const listeners = new Set<() => void>();
const set = (next: Shown | null) => {
  shown = next;
  listeners.forEach((fn) => fn());
};

/** The image that is open in the viewer (tests, and the viewer itself). */
export const shownImage = () => shown;

/** Opens the viewer on an image (its link from the cache, else asked for). */
export function showImage(host: LinkHost, a: AttachmentDto, opener: HTMLElement | null, onGone: Shown['onGone']): void {
  const r = cachedLink(a.id);
  set({ a, host, url: r && 'link' in r ? r.link.url : null, opener, onGone });
  if (!shown?.url) void fetchUrl(a.id);
}

function fetchUrl(id: string): Promise<void> {
  const at = shown;
  if (!at) return Promise.resolve();
  return fileLink(at.host, id).then(
    (r) => {
      if (shown !== at && shown?.a.id !== id) return;
      if ('gone' in r) {
        closeImage();
        at.onGone(r.gone);
      } else set({ ...(shown ?? at), url: r.link.url });
    },
    () => {}, // the viewer keeps saying "Loading…"; closing and opening again asks again
  );
}

/** Closes the viewer and gives the focus back to the thumbnail. */
export function closeImage(): void {
  const opener = shown?.opener;
  set(null);
  opener?.focus();
}

export function Lightbox() {
  const [, redraw] = useState(0);
  const close = useRef<HTMLButtonElement>(null);
  const retried = useRef('');
  useEffect(() => {
    const fn = () => redraw((n) => n + 1);
    listeners.add(fn);
    // The chat window closed under the viewer.
    return () => {
      listeners.delete(fn);
      shown = null;
    };
  }, []);
  const id = shown?.a.id;
  useEffect(() => {
    if (id) close.current?.focus();
  }, [id]);
  if (!shown) return null;
  const { a, url } = shown;
  return (
    <div
      class="lb"
      role="dialog"
      aria-modal="true"
      aria-label={a.name}
      data-testid="lightbox"
      onClick={closeImage}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Closes the viewer, not the chat window.
          e.stopPropagation();
          closeImage();
        } else if (e.key === 'Tab') {
          e.preventDefault();
          close.current?.focus();
        }
      }}
    >
      {url ? (
        <img
          src={url}
          alt={a.name}
          onError={() => {
            // An expired link: ask for a new one, once.
            if (retried.current === a.id) return;
            retried.current = a.id;
            forgetLink(a.id);
            void fetchUrl(a.id);
          }}
        />
      ) : (
        <p>{W().loading}</p>
      )}
      <button ref={close} type="button" class="ib" aria-label={W().closeImage}>
        {svg('M6 6l12 12M18 6L6 18', 22, 2)}
      </button>
    </div>
  );
}
