import { useId, type ReactNode } from 'react';

interface Option<T extends string> {
  value: T;
  label: ReactNode;
  /** Tooltip and accessible description. */
  hint?: string;
}

interface Props<T extends string> {
  /** The group's visible name. */
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange(value: T): void;
  /** `${testId}-${value}` on each radio. */
  testId: string;
  hint?: ReactNode;
}

/** A small set of exclusive choices as one row of buttons (real radios: keyboard and forms work). */
export function Segmented<T extends string>({ label, value, options, onChange, testId, hint }: Props<T>) {
  const name = useId();
  return (
    <fieldset className="form__group">
      <legend className="field-legend">{label}</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.value} className={`segmented__item${o.value === value ? ' segmented__item--on' : ''}`} title={o.hint}>
            <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} data-testid={`${testId}-${o.value}`} />
            {o.label}
          </label>
        ))}
      </div>
      {hint && <p className="field__hint segmented__hint">{hint}</p>}
    </fieldset>
  );
}
