import type { ReactNode } from 'react';

interface Props {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  /** What the setting does; may change with `checked`. */
  hint?: ReactNode;
  testId?: string;
}

/** An on/off setting: a checkbox with its label, and a hint lined up under the label. */
export function ToggleField({ label, checked, onChange, hint, testId }: Props) {
  return (
    <div className="toggle-field">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        {label}
      </label>
      {hint && <p className="field__hint">{hint}</p>}
    </div>
  );
}
