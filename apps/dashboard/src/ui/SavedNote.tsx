import { Icon } from './Icon';

/** The quiet "✓ Saved" beside a form's submit button, announced to screen readers. */
export function SavedNote({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <span className="saved" role="status">
      <Icon name="check" size={16} /> Saved
    </span>
  );
}
