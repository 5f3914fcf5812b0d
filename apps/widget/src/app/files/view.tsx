/**
 * Files in the conversation: image thumbnails (with the viewer), file cards, files that are
 * gone, and the visitor's uploads under way. Part of the lazily loaded files chunk.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentDto } from '@parley/protocol';
import { FILE_TYPES, fileTypeOfName, formatBytes, type FileTypeKey } from '@parley/protocol/file-types';
import { svg } from '../components/icons';
import { W } from '../i18n/window';
import { cachedLink, fileLink, forgetLink, type LinkHost } from './links';
import { showImage } from './lightbox';
import type { Upload, Uploads } from './uploads';

/** Thumbnails fit in this box (CSS pixels); the server's are up to 480 px, sharp on 2× screens. */
const BOX = 220;

/**
 * The thumbnail's size on screen, from the image's own (known before it loads: no jump).
 *
 * @example thumbSize(1200, 800) // → { width: 220, height: 147 }
 */
export function thumbSize(width?: number, height?: number): { width: number; height: number } {
  if (!width || !height) return { width: BOX, height: 160 };
  const scale = Math.min(1, BOX / width, BOX / height);
  return { width: Math.max(48, Math.round(width * scale)), height: Math.max(48, Math.round(height * scale)) };
}

const COLORS: Partial<Record<FileTypeKey, string>> = { pdf: '#dc2626', doc: '#2563eb', docx: '#2563eb', xlsx: '#16a34a', csv: '#16a34a' };

/** A document glyph on a tile in the type's colour. */
function TypeIcon({ type }: { type: FileTypeKey }) {
  const image = FILE_TYPES[type]?.image;
  return (
    <span class="ft" style={{ background: COLORS[type] ?? (image ? '#9333ea' : '#6b7280') }}>
      {svg(image ? 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15 9h.01' : 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h6', 20, 1.8)}
    </span>
  );
}

type Gone = 'expired' | 'infected';

/** One file of a message: a thumbnail for images, else a card; or the reason it is gone. */
export function Attachment({ a, host }: { a: AttachmentDto; host: LinkHost }) {
  // The link request can learn that the file is gone before the message says so.
  const [gone, setGone] = useState<Gone | null>(null);
  const status = a.status === 'ready' ? gone : a.status;
  if (status) {
    return (
      <div class="fa fc fx" data-attachment-id={a.id} data-status={status}>
        <TypeIcon type={a.type} />
        <span>
          <b>{a.name}</b>
          <small class={status === 'infected' ? 'bad' : undefined}>{status === 'expired' ? W().fileExpired : W().fileBlocked}</small>
        </span>
      </div>
    );
  }
  return FILE_TYPES[a.type]?.image ? <Thumb a={a} host={host} onGone={setGone} /> : <Card a={a} host={host} onGone={setGone} />;
}

interface FileProps {
  a: AttachmentDto;
  host: LinkHost;
  onGone(why: Gone): void;
}

/** An image's thumbnail, sized before it loads; a click opens the viewer. A failed load asks for a new link (twice at most). */
function Thumb({ a, host, onGone }: FileProps) {
  const [url, setUrl] = useState<string | null>(null);
  const tries = useRef(0);
  const load = () =>
    fileLink(host, a.id).then(
      (r) => ('gone' in r ? onGone(r.gone) : setUrl(r.link.thumbUrl ?? r.link.url)),
      () => {}, // stays a blank box; opening it tries again
    );
  useEffect(() => void load(), [a.id]);
  const size = thumbSize(a.width, a.height);
  return (
    <div class="fa" data-attachment-id={a.id}>
      <button
        type="button"
        class="th"
        aria-label={a.name}
        style={{ width: `${size.width}px`, aspectRatio: `${size.width} / ${size.height}` }}
        onClick={(e) => showImage(host, a, e.currentTarget, onGone)}
      >
        {url && (
          <img
            src={url}
            alt={a.name}
            width={size.width}
            height={size.height}
            onError={() => {
              forgetLink(a.id);
              if (tries.current++ < 2) void load();
            }}
          />
        )}
      </button>
    </div>
  );
}

/**
 * A file to download: a link to a signed URL, asked for when the card shows. A link too old
 * to use is renewed on the click, in a tab opened at once (a tab opened after waiting for the
 * answer would be taken for a pop-up). Non-images are sent as attachments: the tab downloads.
 */
function Card({ a, host, onGone }: FileProps) {
  const fresh = () => {
    const r = cachedLink(a.id);
    return r && 'link' in r ? r.link.url : undefined;
  };
  const [url, setUrl] = useState(fresh);
  const [error, setError] = useState('');
  const load = () => fileLink(host, a.id).then((r) => ('gone' in r ? onGone(r.gone) : (setUrl(r.link.url), r.link.url)));
  useEffect(() => void load().catch(() => {}), [a.id]);
  return (
    <div class="fa" data-attachment-id={a.id}>
      <a
        class="fc"
        href={url ?? '#'}
        target="_blank"
        rel="noopener noreferrer"
        onClick={(e) => {
          setError('');
          const now = fresh();
          if (now) return void (e.currentTarget.href = now);
          e.preventDefault();
          const tab = window.open('', '_blank');
          load().then(
            (to) => {
              if (tab && to) {
                tab.opener = null;
                tab.location.href = to;
              } else tab?.close();
            },
            (err: Error) => {
              tab?.close();
              setError(err.message);
            },
          );
        }}
      >
        <TypeIcon type={a.type} />
        <span>
          <b>{a.name}</b>
          {/* Isolated: "1.8 MB · PDF" keeps its order in a right-to-left widget. */}
          <small>
            <bdi>
              {formatBytes(a.size)} · {FILE_TYPES[a.type]?.label ?? a.type}
            </bdi>
          </small>
        </span>
      </a>
      {error && (
        <div class="er" role="alert">
          <bdi>{error}</bdi>
        </div>
      )}
    </div>
  );
}

/** One of the visitor's uploads: name, size and progress with a cancel button; or the failure with Retry and Remove. */
export function PendingUpload({ u, uploads }: { u: Upload; uploads: Uploads }) {
  const pct = Math.round(u.progress * 100);
  const failed = u.state === 'failed';
  return (
    <div class="row v" data-testid="upload" data-upload-state={u.state} data-client-id={u.clientId}>
      <div class="fa fc fu">
        <TypeIcon type={fileTypeOfName(u.name) ?? 'txt'} />
        <span>
          <b>{u.name}</b>
          <small>
            <bdi>{formatBytes(u.size)}</bdi>
          </small>
          {!failed && (
            <span class="pg" role="progressbar" aria-label={W().sending} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
              <i style={{ width: `${pct}%` }} />
            </span>
          )}
        </span>
        {!failed && (
          <button type="button" class="ib" aria-label={W().cancelUpload} onClick={() => uploads.cancel(u.clientId)}>
            {svg('M6 6l12 12M18 6L6 18', 16, 2)}
          </button>
        )}
      </div>
      {failed && (
        <div class="er" data-testid="error" role="alert">
          {/* The server's English words keep their punctuation in a right-to-left widget. */}
          <bdi>{u.error}</bdi>
          {u.retryable && (
            <button type="button" onClick={() => uploads.retry(u.clientId)}>
              {W().retry}
            </button>
          )}
          <button type="button" onClick={() => uploads.remove(u.clientId)}>
            {W().remove}
          </button>
        </div>
      )}
    </div>
  );
}

