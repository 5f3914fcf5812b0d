import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { clockTime } from '../../../lib/time';
import { Icon } from '../../../ui/Icon';
import { fileMeta } from '../checks';
import { onUploadStored, useLocalPreview } from '../hooks';
import { uploads } from '../uploadStore';
import type { UploadItem } from '../uploads';
import { FileTile } from './FileTile';
import '../files.css';

/** The files picked for the next message, above the composer: preview, name, size, Remove. */
export function UploadTray({ items }: { items: readonly UploadItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="tray" aria-label="Files to send" data-testid="upload-tray">
      {items.map((item) => (
        <TrayItem key={item.id} item={item} />
      ))}
    </ul>
  );
}

function TrayItem({ item }: { item: UploadItem }) {
  const refused = item.state === 'refused';
  const preview = useLocalPreview(item.image && !refused ? item.file : null);
  return (
    <li className={`tray-item${refused ? ' tray-item--refused' : ''}`} data-testid="tray-item" data-state={item.state}>
      {preview.src ? <img className="tray-item__thumb" src={preview.src} alt={item.name} onError={preview.onError} /> : <FileTile type={item.type} />}
      <span className="tray-item__main">
        <span className="tray-item__name" title={item.name}>
          {item.name}
        </span>
        {refused ? (
          <span className="tray-item__error" role="alert" title={item.error}>
            {item.error}
          </span>
        ) : (
          <span className="tray-item__meta">{fileMeta(item)}</span>
        )}
      </span>
      <button type="button" className="icon-btn icon-btn--sm tray-item__remove" onClick={() => uploads.remove(item.id)} aria-label={`Remove ${item.name}`} title="Remove" data-testid="tray-remove">
        <Icon name="close" size={16} />
      </button>
    </li>
  );
}

/** An outgoing file on its way, in the thread: progress and Cancel, or the server's refusal with Retry / Remove. */
export function PendingUpload({ item }: { item: UploadItem }) {
  const qc = useQueryClient();
  const failed = item.state === 'failed';
  const isNote = item.kind === 'note';
  const preview = useLocalPreview(item.image ? item.file : null);
  const pct = Math.round(item.progress * 100);
  const row = useRef<HTMLDivElement>(null);
  // A refusal arrives after the list settled: keep it (and its Retry) in view.
  useEffect(() => {
    if (failed) row.current?.scrollIntoView({ block: 'nearest' });
  }, [failed]);
  const status = failed ? 'Not sent' : item.state === 'queued' ? 'Waiting…' : pct >= 100 ? 'Processing…' : `Uploading… ${pct}%`;
  return (
    <div
      ref={row}
      className={`msg msg--out msg--pending msg--upload${failed ? ' msg--failed' : ''}${isNote ? ' msg--note' : ''}`} data-testid="upload" data-kind={item.kind} data-state={item.state}>
      <div className="msg__row">
        <span className="msg__avatar" />
        <div className="bubble">
          {isNote && (
            <span className="bubble__name">
              <span className="bubble__sender">You</span>
              <span className="bubble__tag">
                <Icon name="lock" size={11} /> Only visible to your team
              </span>
            </span>
          )}
          <div className="upload">
            {preview.src ? <img className="upload__preview" src={preview.src} alt={item.name} onError={preview.onError} /> : <FileTile type={item.type} />}
            <div className="upload__main">
              <span className="file-card__name">{item.name}</span>
              <span className="file-card__meta">
                {fileMeta(item)} · {status}
              </span>
              {!failed && (
                <div
                  className={`progress${item.state === 'queued' ? ' progress--waiting' : pct >= 100 ? ' progress--busy' : ''}`}
                  role="progressbar"
                  aria-label={`Uploading ${item.name}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={pct}
                  data-testid="upload-progress"
                >
                  <span className="progress__bar" style={{ width: `${pct}%` }} />
                </div>
              )}
            </div>
          </div>
          {failed && (
            <p className="upload__error" role="alert">
              {item.error ?? 'Not sent.'}
            </p>
          )}
          {item.caption && <span className="bubble__text">{item.caption}</span>}
          <span className="bubble__meta">
            <time dateTime={item.createdAt}>{clockTime(item.createdAt)}</time>
          </span>
        </div>
      </div>
      <div className="msg__actions">
        {failed ? (
          <>
            {item.retryable !== false && (
              <button type="button" className="btn btn--link" onClick={() => uploads.retry(item.id, onUploadStored(qc))} data-testid="upload-retry">
                Retry
              </button>
            )}
            <button type="button" className="btn btn--link" onClick={() => uploads.remove(item.id)} data-testid="upload-remove">
              Remove
            </button>
          </>
        ) : (
          <button type="button" className="btn btn--link" onClick={() => uploads.remove(item.id)} aria-label={`Cancel upload of ${item.name}`} data-testid="upload-cancel">
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
