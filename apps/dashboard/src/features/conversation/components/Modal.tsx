import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from '../../../ui/Icon';

interface Props {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  /** `sheet`: slides up from the bottom on phones. */
  variant?: 'dialog' | 'sheet';
  testId?: string;
}

/**
 * A modal on the native `<dialog>`: `showModal()` makes the page behind inert (so Tab stays
 * inside), Esc closes it, and the browser gives the focus back to the opener on close.
 * Mark the control that should get the focus first with `data-autofocus`.
 */
export function Modal({ open, onClose, title, children, footer, variant = 'dialog', testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first control (the close button); a form may name a better start.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`modal modal--${variant}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        // Esc: let React state decide, so the dialog and `open` never disagree.
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
          if (!inside) onClose();
        }
      }}
    >
      {open && (
        <div className="modal__box">
          <header className="modal__header">
            <h2 id={titleId} className="modal__title">
              {title}
            </h2>
            <button type="button" className="icon-btn" onClick={onClose} aria-label="Close" data-testid="modal-close">
              <Icon name="close" size={18} />
            </button>
          </header>
          <div className="modal__body">{children}</div>
          {footer && <footer className="modal__footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
