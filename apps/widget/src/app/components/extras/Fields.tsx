/** Form fields of the pre-chat and offline forms, with required/optional marks and errors. */
import type { FormField } from '@parley/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { W, labelOf } from '../../i18n/window';
import type { FieldError } from './validate';

/** A field as the forms render it: the site's fields plus the offline form's own (`message`). */
export type FormItem = Pick<FormField, 'key' | 'type' | 'label' | 'labels' | 'required' | 'options'> | { key: string; type: 'message'; label: string; labels?: undefined; required: true; options?: undefined };

/**
 * A form that replaces the composer takes the focus when it appears (its first empty field),
 * unless the visitor is already busy elsewhere in the window.
 */
export function useFocusFirst<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    const active = (el?.getRootNode() as ShadowRoot | undefined)?.activeElement;
    if (!el || active?.closest('.win')) return;
    const fields = [...el.querySelectorAll<HTMLInputElement>('input,select,textarea')];
    (fields.find((f) => !f.value) ?? fields[0])?.focus();
  }, []);
  return ref;
}

/** The sentence for an error code. */
export function errorText(e: FieldError): string {
  const x = W();
  return { required: x.errRequired, email: x.errEmail, phone: x.errPhone, choose: x.errChoose, long: x.errTooLong }[e];
}

const INPUT: Partial<Record<FormItem['type'], { type: string; autocomplete: string; inputMode?: string }>> = {
  name: { type: 'text', autocomplete: 'name' },
  email: { type: 'email', autocomplete: 'email', inputMode: 'email' },
  phone: { type: 'tel', autocomplete: 'tel', inputMode: 'tel' },
  text: { type: 'text', autocomplete: 'off' },
};

interface Props {
  field: FormItem;
  /** Unique within the widget (`offline-email`): ids and test ids. */
  id: string;
  value: string;
  error?: string;
  onInput(value: string): void;
}

/** One labelled field. */
export function Field({ field, id, value, error, onInput }: Props) {
  const x = W();
  const label = field.labels ? labelOf(field) : field.label;
  const common = {
    id: `pw-${id}`,
    name: field.key,
    value,
    required: field.required,
    'aria-invalid': !!error,
    'aria-describedby': error ? `pw-${id}-e` : undefined,
    'data-testid': `field-${id}`,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
  };
  const input = INPUT[field.type];
  return (
    <label class="fl" for={`pw-${id}`}>
      <span>
        {label} {field.required ? <i aria-label={x.required}>*</i> : <small>({x.optional})</small>}
      </span>
      {field.type === 'select' ? (
        <select {...common}>
          <option value="">{x.choose}</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {labelOf(o)}
            </option>
          ))}
        </select>
      ) : input ? (
        <input {...common} type={input.type} autocomplete={input.autocomplete} inputMode={input.inputMode} />
      ) : (
        <textarea {...common} rows={field.type === 'message' ? 4 : 3} />
      )}
      {error && (
        <p class="fe" id={`pw-${id}-e`} data-testid={`error-${id}`}>
          {error}
        </p>
      )}
    </label>
  );
}
