/** Values, errors and submission of one form; values survive closing the window (per page). */
import { useState } from 'preact/hooks';
import type { ActionResult } from '../../state';
import { W } from '../../i18n/window';
import { errorText, type FormItem } from './Fields';
import { checkField, checkForm, fieldOfError } from './validate';

const drafts = new Map<string, Record<string, string>>();

/** `draft` names the form: its values are kept under it until it is sent. */
export function useForm(draft: string, fields: readonly FormItem[], initial: Record<string, string>) {
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initial, ...drafts.get(draft) }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);

  const set = (key: string, value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    drafts.set(draft, next);
    // A corrected field loses its error as soon as it is valid.
    if (errors[key]) {
      const field = fields.find((f) => f.key === key);
      if (field && !checkField(field, value)) setErrors(({ [key]: _, ...rest }) => rest);
    }
  };

  /** Validates, then runs `send`; a refusal lands on its field (or above the button). */
  const submit = async (form: HTMLFormElement | null, send: () => Promise<ActionResult>) => {
    if (busy) return;
    const found = checkForm(fields, values);
    setErrors(Object.fromEntries(Object.entries(found).map(([k, e]) => [k, errorText(e)])));
    setGeneral('');
    const first = fields.find((f) => found[f.key]);
    if (first) {
      form?.querySelector<HTMLElement>(`[name="${first.key}"]`)?.focus();
      return;
    }
    setBusy(true);
    const r = await send();
    setBusy(false);
    if (r.ok) {
      drafts.delete(draft);
      return;
    }
    if (r.code === 'network') return setGeneral(W().errNetwork);
    const key = fieldOfError(r.message, fields.map((f) => f.key));
    if (key) {
      setErrors({ [key]: r.message.replace(/^[\w.]+:\s*/, '') });
      form?.querySelector<HTMLElement>(`[name="${key}"]`)?.focus();
    } else setGeneral(r.message);
  };

  return { values, errors, general, busy, set, submit };
}
