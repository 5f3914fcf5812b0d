import type { PreChatForm as FormSettings, VisitorSelfDto } from '@parley/protocol';
import type { ActionResult } from '../../state';
import { W } from '../../i18n/window';
import { Field, useFocusFirst } from './Fields';
import { useForm } from './useForm';
import { answers } from './validate';

interface Props {
  form: FormSettings;
  /** What the server already knows (prefills name, email, phone). */
  visitor: VisitorSelfDto | null;
  onSubmit(fields: Record<string, string>): Promise<ActionResult>;
}

/** The site's pre-chat form, as a card under the team's messages; the composer appears once it is sent. */
export function PreChatForm({ form, visitor, onSubmit }: Props) {
  const x = W();
  const ref = useFocusFirst<HTMLFormElement>();
  const known: Record<string, string> = {};
  for (const f of form.fields) {
    const v = f.type === 'name' || f.type === 'email' || f.type === 'phone' ? visitor?.[f.type] : null;
    if (v) known[f.key] = v;
  }
  const { values, errors, general, busy, set, submit } = useForm('prechat', form.fields, known);

  return (
    <form
      class="card"
      ref={ref}
     
      data-testid="prechat-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget, () => onSubmit(answers(form.fields, values)));
      }}
    >
      {form.intro && <p class="ci">{form.intro}</p>}
      {form.fields.map((f) => (
        <Field key={f.key} field={f} id={`prechat-${f.key}`} value={values[f.key] ?? ''} error={errors[f.key]} onInput={(v) => set(f.key, v)} />
      ))}
      {general && (
        <p class="fe" role="alert" data-testid="prechat-error">
          {general}
        </p>
      )}
      <button type="submit" class="btn wide" disabled={busy} data-testid="prechat-submit">
        {busy ? x.sending : x.startChat}
      </button>
    </form>
  );
}
