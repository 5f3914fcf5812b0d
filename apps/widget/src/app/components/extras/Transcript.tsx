import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionResult } from '../../state';
import { W } from '../../i18n/window';
import { Field, type FormItem } from './Fields';
import { useForm } from './useForm';

interface Props {
  /** The visitor's known email: sent straight away; null asks for one first. */
  email: string | null;
  onSend(email?: string): Promise<ActionResult>;
  /** The flow is over (sent and announced, or cancelled). */
  onDone(): void;
}

const NOTICE_MS = 6_000;

/** "Email me this transcript": asks for an address when we have none, then says how it went. */
export function Transcript({ email, onSend, onDone }: Props) {
  const x = W();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [asking, setAsking] = useState(!email);
  const fields: FormItem[] = [{ key: 'email', type: 'email', label: x.transcriptAsk, required: true, labels: {}, options: [] }];
  const form = useForm('transcript', fields, {});
  const box = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const send = async (to?: string): Promise<ActionResult> => {
    if (!to) setNotice({ ok: true, text: x.sending });
    const r = await onSend(to);
    if (r.ok) {
      setAsking(false);
      setNotice({ ok: true, text: x.transcriptSent(r.email ?? to ?? email ?? '') });
      clearTimeout(timer.current);
      timer.current = setTimeout(onDone, NOTICE_MS);
    } else if (!to) {
      setNotice({ ok: false, text: r.code === 'network' ? x.errNetwork : x.transcriptFailed });
      timer.current = setTimeout(onDone, NOTICE_MS);
    }
    return r;
  };

  useEffect(() => {
    if (email) void send();
    else box.current?.querySelector('input')?.focus();
    return () => clearTimeout(timer.current);
  }, []);

  return (
    <div ref={box} style={{ display: 'contents' }}>
      {notice && (
        <div class={notice.ok ? 'bn ok' : 'bn bad'} role="status" data-testid="transcript-notice">
          {notice.text}
        </div>
      )}
      {asking && (
        <div class="sheet" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onDone())}>
          <form
            class="card"
            data-testid="transcript-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void form.submit(e.currentTarget, () => send((form.values.email ?? '').trim()));
            }}
          >
            <Field field={fields[0]} id="transcript-email" value={form.values.email ?? ''} error={form.errors.email} onInput={(v) => form.set('email', v)} />
            {form.general && (
              <p class="fe" role="alert">
                {form.general}
              </p>
            )}
            <div class="acts">
              <button type="button" class="lnk" onClick={onDone}>
                {x.cancel}
              </button>
              <button type="submit" class="btn" disabled={form.busy} data-testid="transcript-send">
                {form.busy ? x.sending : x.transcriptSend}
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
