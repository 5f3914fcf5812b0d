import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AttachmentDto } from '@parley/protocol';
import { Icon } from '../../../ui/Icon';
import { fileMeta } from '../checks';
import { useFileLink } from '../hooks';
import { STATUS_TEXT, linkProblem } from '../links';
import '../files.css';

interface Props {
  /** The chat's pictures, oldest first; arrows move between them. */
  images: readonly AttachmentDto[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

/**
 * A picture at full size over the chat, on the native modal `<dialog>` (focus kept inside,
 * Esc closes, focus returns to the thumbnail). Left/right arrows go through the chat's pictures.
 */
export function Lightbox({ images, index, onIndex, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const file = images[index];
  const link = useFileLink(file?.id ?? '', Boolean(file));
  const [loadedUrl, setLoadedUrl] = useState<string | null>(null);
  const count = images.length;

  // Layout effect: the cleanup runs while the dialog is still in the page, so focus can go back.
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  if (!file) return null;
  const go = (step: number) => onIndex((index + step + count) % count);
  const onKeyDown = (e: KeyboardEvent) => {
    if (count < 2) return;
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      go(-1);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      go(1);
    }
  };
  const url = link.data?.url ?? null;
  const problem = link.isError ? linkProblem(link.error) : null;

  return (
    <dialog
      ref={ref}
      role="dialog"
      className="lightbox"
      aria-label={file.name}
      data-testid="lightbox"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the dark area around the picture closes it.
        if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains('lightbox__stage')) onClose();
      }}
    >
      <div className="lightbox__bar">
        <div className="lightbox__title">
          <span className="lightbox__name">{file.name}</span>
          <span className="lightbox__meta">
            {fileMeta(file)}
            {count > 1 && ` · ${index + 1} of ${count}`}
          </span>
        </div>
        {url && (
          <a className="icon-btn lightbox__btn" href={url} download={file.name} aria-label={`Download ${file.name}`} title="Download">
            <Icon name="download" />
          </a>
        )}
        <button type="button" className="icon-btn lightbox__btn" onClick={onClose} aria-label="Close" title="Close (Esc)" data-testid="lightbox-close">
          <Icon name="close" />
        </button>
      </div>
      <div className="lightbox__stage">
        {count > 1 && (
          <button type="button" className="lightbox__nav lightbox__nav--prev" onClick={() => go(-1)} aria-label="Previous picture" title="Previous (←)">
            <Icon name="back" size={26} />
          </button>
        )}
        {problem === 'expired' || problem === 'infected' ? (
          <p className="lightbox__note">{STATUS_TEXT[problem]}</p>
        ) : problem ? (
          <p className="lightbox__note">Could not load the picture.</p>
        ) : (
          <>
            {url && loadedUrl !== url && link.data?.thumbUrl && <img className="lightbox__img lightbox__img--preview" src={link.data.thumbUrl} alt="" aria-hidden="true" />}
            {url && (
              <img
                key={url}
                className={`lightbox__img${loadedUrl === url ? '' : ' lightbox__img--loading'}`}
                src={url}
                alt={file.name}
                onLoad={() => setLoadedUrl(url)}
                data-testid="lightbox-image"
              />
            )}
          </>
        )}
        {count > 1 && (
          <button type="button" className="lightbox__nav lightbox__nav--next" onClick={() => go(1)} aria-label="Next picture" title="Next (→)">
            <Icon name="forward" size={26} />
          </button>
        )}
      </div>
    </dialog>
  );
}
