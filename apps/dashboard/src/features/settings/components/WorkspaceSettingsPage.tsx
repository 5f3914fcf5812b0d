import { useState, type FormEvent } from 'react';
import { WorkspaceSettingsPatch, type WorkspaceSettings } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { Panel } from '../../../ui/Panel';
import { SaveActions } from '../../../ui/SaveActions';
import { usePermissions, useSaveWorkspaceSettings, useWorkspaceSettings } from '../hooks/useSettings';
import { intField } from '../teams';
import { ToggleField } from './ToggleField';

/** Presence rules for the whole team: auto-away, what happens to chats when an agent drops off. */
export function WorkspaceSettingsPage() {
  const settings = useWorkspaceSettings();
  if (settings.isPending) return <p className="muted">Loading…</p>;
  if (settings.isError) return <div className="alert alert--error">{errorMessage(settings.error)}</div>;
  return <WorkspaceForm settings={settings.data} />;
}

function WorkspaceForm({ settings }: { settings: WorkspaceSettings }) {
  const { canAdmin } = usePermissions();
  const save = useSaveWorkspaceSettings();
  const [autoAway, setAutoAway] = useState(String(settings.autoAwayMinutes));
  const [requeue, setRequeue] = useState(settings.requeueOnOffline);
  const [grace, setGrace] = useState(String(settings.offlineGraceSeconds));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const readOnly = !canAdmin;
  const edit = <T,>(set: (v: T) => void, v: T, field?: string) => {
    set(v);
    setSaved(false);
    if (field && errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { autoAwayMinutes: intField(autoAway), requeueOnOffline: requeue, offlineGraceSeconds: intField(grace) };
    const parsed = WorkspaceSettingsPatch.required().safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, input));
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync(parsed.data);
      setSaved(true);
    } catch {
      // shown from save.error
    }
  }

  const away = intField(autoAway);
  return (
    <Panel title="Workspace" description={readOnly ? 'Read only: ask an admin to change these settings.' : 'Presence rules for the whole team.'}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset disabled={readOnly} className="form__plain">
          <Field
            label="Auto-away after (minutes)"
            error={errors.autoAwayMinutes}
            hint={away === 0 ? 'Off: agents stay online until they change their status.' : 'An online agent with no activity in the dashboard for this long is set to Away and gets no new chats. 0 turns it off.'}
          >
            <input type="number" inputMode="numeric" min={0} max={1440} className="input--short" value={autoAway} onChange={(e) => edit(setAutoAway, e.target.value, 'autoAwayMinutes')} data-testid="workspace-auto-away" />
          </Field>
          <Field
            label="Offline grace period (seconds)"
            error={errors.offlineGraceSeconds}
            hint="How long an agent may be disconnected (closed tab, lost network) before counting as offline. 5 to 3600."
          >
            <input type="number" inputMode="numeric" min={5} max={3600} className="input--short" value={grace} onChange={(e) => edit(setGrace, e.target.value, 'offlineGraceSeconds')} data-testid="workspace-grace" />
          </Field>
          <ToggleField
            label="Requeue chats when an agent goes offline"
            checked={requeue}
            onChange={(v) => edit(setRequeue, v)}
            testId="workspace-requeue"
            hint={
              requeue
                ? 'Their active chats go back to Waiting (or to the next agent, with automatic routing), so no visitor is left without an answer.'
                : 'Their active chats stay assigned to them until they come back or someone takes them over.'
            }
          />
        </fieldset>
        {save.isError && (
          <div className="alert alert--error" role="alert">
            {errorMessage(save.error)}
          </div>
        )}
        {canAdmin && (
          <SaveActions pending={save.isPending} saved={saved} label='Save changes' testId="workspace-save" />
        )}
      </form>
    </Panel>
  );
}
