import type { AvailabilityDto, PreChatForm, VisitorSelfDto } from '@parley/protocol';
import { lang } from '../../i18n';
import type { ActionResult, OfflineInput } from '../../state';
import { ClockIcon } from '../window-icons';
import { W } from '../../i18n/window';
import { Field, useFocusFirst, type FormItem } from './Fields';
import { useForm } from './useForm';
import { answers } from './validate';
import { formatWhen } from './when';

interface Props {
  /** The site's `offline.message`. */
  intro: string;
  availability: AvailabilityDto;
  /** The pre-chat form: its other fields are asked here too. */
  preChat: PreChatForm | undefined;
  visitor: VisitorSelfDto | null;
  onSubmit(input: OfflineInput): Promise<ActionResult>;
}

const OWN = ['name', 'email', 'message'];

/** "Leave us a message": name, email, the pre-chat form's other fields and the message, and when we are back. */
export function OfflineForm({ intro, availability, preChat, visitor, onSubmit }: Props) {
  const x = W();
  const ref = useFocusFirst<HTMLDivElement>();
  const extra = (preChat?.enabled ? preChat.fields : []).filter((f) => f.type !== 'name' && f.type !== 'email' && !OWN.includes(f.key));
  const fields: FormItem[] = [
    { key: 'name', type: 'name', label: x.name, required: true, labels: {}, options: [] },
    { key: 'email', type: 'email', label: x.email, required: true, labels: {}, options: [] },
    ...extra,
    { key: 'message', type: 'message', label: x.message, required: true },
  ];
  const { values, errors, general, busy, set, submit } = useForm('offline', fields, { name: visitor?.name ?? '', email: visitor?.email ?? '' });
  const back = availability.reason === 'closed' && availability.nextOpenAt ? x.backAt(formatWhen(availability.nextOpenAt, new Date(), lang, x.dayAt)) : x.asap;

  return (
    <div class="off" ref={ref} data-testid="offline">
      <h2>{x.leaveMessage}</h2>
      {intro && <p class="oi">{intro}</p>}
      <p class="when" data-testid="offline-when">
        <ClockIcon />
        {back}
      </p>
      <form
        class="card"
        data-testid="offline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const v = (k: string) => (values[k] ?? '').trim();
          void submit(e.currentTarget, () => onSubmit({ name: v('name'), email: v('email'), message: v('message'), fields: answers(extra, values) }));
        }}
      >
        {fields.map((f) => (
          <Field key={f.key} field={f} id={`offline-${f.key}`} value={values[f.key] ?? ''} error={errors[f.key]} onInput={(v) => set(f.key, v)} />
        ))}
        {general && (
          <p class="fe" role="alert" data-testid="offline-error">
            {general}
          </p>
        )}
        <button type="submit" class="btn wide" disabled={busy} data-testid="offline-submit">
          {busy ? x.sending : x.sendMessage}
        </button>
      </form>
    </div>
  );
}

/** After the offline message went out. */
export function OfflineSent({ email, onDone }: { email: string; onDone(): void }) {
  const x = W();
  return (
    <div class="done" role="status" data-testid="offline-sent">
      <svg viewBox="0 0 24 24" width="48" height="48" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d="M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM7.5 12.5l3 3 6-6.5" />
      </svg>
      <h2>{x.sentTitle}</h2>
      <p>{x.sentBody(email)}</p>
      <button type="button" class="btn" data-testid="offline-done" onClick={onDone}>
        {x.done}
      </button>
    </div>
  );
}
