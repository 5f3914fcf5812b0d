import { useId } from 'react';
import type { Priority } from '@parley/protocol';
import { PRIORITIES, PRIORITY_LABEL } from '../collaboration';

export function PrioritySelect({ value, onChange, disabled }: { value: Priority; onChange: (p: Priority) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className={`priority-select priority-select--${value}`}>
      <span className="priority-dot" aria-hidden="true" />
      <label htmlFor={id} className="visually-hidden">
        Priority
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Priority)} disabled={disabled} data-testid="priority-select">
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABEL[p]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A small coloured badge for the header; "normal" shows nothing. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  if (priority === 'normal') return null;
  return (
    <span className={`priority-badge priority-badge--${priority}`} data-testid="priority-badge" title={`${PRIORITY_LABEL[priority]} priority`}>
      {PRIORITY_LABEL[priority]}
    </span>
  );
}
