import { useEffect, useRef, useState } from 'react';

interface Props {
  /** The first button, e.g. "Delete department". */
  label: string;
  /** What the second step asks, e.g. "Delete “Sales”?". */
  question: string;
  pending: boolean;
  onConfirm(): void;
  /** `testId` on the first button, `${testId}-confirm` on the final one. */
  testId: string;
}

/** A two-step delete at the end of a form's actions: no modal, and no deletion by a stray click. */
export function ConfirmDelete({ label, question, pending, onConfirm, testId }: Props) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // Keyboard users land on "Cancel" (the safe choice), and back on the first button after it.
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (wasAsking.current) first.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={first} type="button" className="btn btn--danger-ghost form__actions-end" onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm form__actions-end" role="group" aria-label={label}>
      <span className="confirm__text">{question}</span>
      <button ref={cancel} type="button" className="btn btn--secondary btn--sm" onClick={() => setAsking(false)}>
        Cancel
      </button>
      <button type="button" className="btn btn--danger btn--sm" onClick={onConfirm} disabled={pending} data-testid={`${testId}-confirm`}>
        {pending ? 'Deleting…' : 'Delete'}
      </button>
    </span>
  );
}
