import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { AttachmentDto } from '@parley/protocol';
import { Icon } from '../../../ui/Icon';
import { fileMeta } from '../checks';
import { useDownloadFile, useFileLink } from '../hooks';
import { STATUS_TEXT, linkProblem, thumbBox } from '../links';
import { fileKeys } from '../queryKeys';
import { FileTile } from './FileTile';
import '../files.css';

/** Whether an attachment opens in the lightbox (a stored picture). */
export function isViewableImage(a: AttachmentDto): boolean {
  return a.status === 'ready' && (a.type === 'jpg' || a.type === 'png' || a.type === 'gif' || a.type === 'webp');
}

/** The files of one message: pictures as thumbnails, other files as cards, gone ones as a notice. */
export function MessageAttachments({ attachments, onOpenImage }: { attachments: readonly AttachmentDto[]; onOpenImage: (id: string) => void }) {
  return (
    <div className="atts">
      {attachments.map((a) =>
        a.status !== 'ready' ? <FileNotice key={a.id} file={a} problem={a.status} /> : isViewableImage(a) ? <ImageThumb key={a.id} file={a} onOpen={onOpenImage} /> : <FileCard key={a.id} file={a} />,
      )}
    </div>
  );
}

/** "File expired" / "File blocked: a virus was found", with the file's name. */
export function FileNotice({ file, problem }: { file: Pick<AttachmentDto, 'id' | 'name' | 'type'>; problem: 'expired' | 'infected' }) {
  return (
    <div className={`att att--notice att--${problem}`} data-attachment-id={file.id} data-testid="attachment" data-status={problem}>
      <span className="att__notice-icon" aria-hidden="true">
        <Icon name={problem === 'infected' ? 'shieldAlert' : 'clock'} size={18} />
      </span>
      <span className="file-card__main">
        <span className="att__notice-text">{STATUS_TEXT[problem]}</span>
        <span className="file-card__name file-card__name--muted">{file.name}</span>
      </span>
    </div>
  );
}

function ImageThumb({ file, onOpen }: { file: AttachmentDto; onOpen: (id: string) => void }) {
  const qc = useQueryClient();
  const link = useFileLink(file.id);
  const box = thumbBox(file.width, file.height);
  // An <img> that fails (its link ran out while the tab slept) asks for a new link, twice at most.
  const reloads = useRef(0);
  const [loaded, setLoaded] = useState(false);

  if (link.isError) {
    const problem = linkProblem(link.error);
    if (problem === 'expired' || problem === 'infected') return <FileNotice file={file} problem={problem} />;
  }
  const src = link.data ? (link.data.thumbUrl ?? link.data.url) : null;
  return (
    <div className="att att--image" data-attachment-id={file.id} data-testid="attachment" data-status="ready">
      <button
        type="button"
        className={`att-thumb${loaded ? ' att-thumb--loaded' : ''}`}
        style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
        onClick={() => onOpen(file.id)}
        title={`${file.name} (${fileMeta(file)})`}
        data-testid="attachment-thumb"
      >
        {src && (
          <img
            src={src}
            alt={file.name}
            width={box.width}
            height={box.height}
            decoding="async"
            onLoad={() => setLoaded(true)}
            onError={() => {
              setLoaded(false);
              if (reloads.current >= 2) return;
              reloads.current += 1;
              void qc.invalidateQueries({ queryKey: fileKeys.link(file.id) });
            }}
          />
        )}
        {link.isError && <span className="att-thumb__error">Could not load the picture</span>}
      </button>
    </div>
  );
}

function FileCard({ file }: { file: AttachmentDto }) {
  // Observes the link a download fetched: a refusal (410, blocked) turns the card into its notice.
  const link = useFileLink(file.id, false);
  const download = useDownloadFile();
  if (link.isError) {
    const problem = linkProblem(link.error);
    if (problem === 'expired' || problem === 'infected') return <FileNotice file={file} problem={problem} />;
  }
  return (
    <div className="att att--file" data-attachment-id={file.id} data-testid="attachment" data-status="ready">
      <button type="button" className="file-card" onClick={() => void download(file)} title={`Download ${file.name}`} data-testid="file-card">
        <FileTile type={file.type} />
        <span className="file-card__main">
          <span className="file-card__name">{file.name}</span>
          <span className="file-card__meta">{fileMeta(file)}</span>
        </span>
        <span className="file-card__action" aria-hidden="true">
          <Icon name="download" size={18} />
        </span>
      </button>
    </div>
  );
}
