import type { ReactNode } from 'react';
import { SavedNote } from './SavedNote';

interface Props {
  /** The save mutation is running. */
  pending: boolean;
  /** Show the "✓ Saved" note. */
  saved: boolean;
  label: string;
  testId: string;
  /** Secondary actions after the note (delete, disable…). */
  children?: ReactNode;
}

/** A settings form's footer: the submit button ("Saving…" while pending), the saved note, extra actions. */
export function SaveActions({ pending, saved, label, testId, children }: Props) {
  return (
    <div className="form__actions">
      <button type="submit" className="btn btn--primary" disabled={pending} data-testid={testId}>
        {pending ? 'Saving…' : label}
      </button>
      <SavedNote show={saved} />
      {children}
    </div>
  );
}
