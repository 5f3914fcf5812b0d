import { useState, type FormEvent, useSyncExternalStore } from 'react';
import { UpdateAgentBody } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { isSoundEnabled, setSoundEnabled, subscribeSound } from '../../../lib/sound';
import { Avatar } from '../../../ui/Avatar';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { Panel } from '../../../ui/Panel';
import { STATUS_LABEL, StatusDot } from '../../../ui/StatusDot';
import { usePermissions, useSaveAgent } from '../hooks/useSettings';
import { SaveActions } from '../../../ui/SaveActions';

const ROLE_TEXT = { owner: 'Owner', admin: 'Admin', manager: 'Manager', agent: 'Agent' } as const;

export function ProfileSettings() {
  const { me } = usePermissions();
  const save = useSaveAgent();
  const sound = useSyncExternalStore(subscribeSound, isSoundEnabled);
  const [form, setForm] = useState({ name: me.name, pseudoName: me.pseudoName, avatarUrl: me.avatarUrl ?? '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { name: form.name, pseudoName: form.pseudoName.trim() || undefined, avatarUrl: form.avatarUrl.trim() || null, password: form.password || undefined };
    const parsed = UpdateAgentBody.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, input));
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync({ id: me.id, body: parsed.data });
      setForm((f) => ({ ...f, password: '' }));
      setSaved(true);
    } catch {
      // shown from save.error
    }
  }

  return (
    <div className="stack">
      <Panel title="My profile">
        <div className="profile-card">
          <Avatar name={me.pseudoName || me.name} seed={me.id} url={me.avatarUrl} size={56} />
          <div>
            <p className="profile-card__name">{me.name}</p>
            <p className="muted">
              {me.email} · {ROLE_TEXT[me.role]} · <StatusDot status={me.status} /> {STATUS_LABEL[me.status]}
            </p>
          </div>
        </div>
        <form className="form" onSubmit={onSubmit} noValidate>
          <div className="form__row">
            <Field label="Full name" error={errors.name}>
              <input value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="profile-name" />
            </Field>
            <Field label="Name shown to visitors" error={errors.pseudoName}>
              <input value={form.pseudoName} onChange={(e) => set('pseudoName', e.target.value)} data-testid="profile-pseudo-name" />
            </Field>
          </div>
          <Field label="Avatar URL" error={errors.avatarUrl} hint="Optional, an https:// image.">
            <input type="url" value={form.avatarUrl} onChange={(e) => set('avatarUrl', e.target.value)} placeholder="https://…" data-testid="profile-avatar-url" />
          </Field>
          <Field label="New password" error={errors.password} hint="Leave empty to keep your password.">
            <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)} data-testid="profile-password" />
          </Field>
          {save.isError && (
            <div className="alert alert--error" role="alert">
              {errorMessage(save.error)}
            </div>
          )}
          <SaveActions pending={save.isPending} saved={saved} label='Save profile' testId="profile-save" />
        </form>
      </Panel>
      <Panel title="Notifications">
        <label className="checkbox">
          <input type="checkbox" checked={sound} onChange={(e) => setSoundEnabled(e.target.checked)} data-testid="sound-setting" />
          Play a sound for new chats and visitor messages
        </label>
      </Panel>
    </div>
  );
}
