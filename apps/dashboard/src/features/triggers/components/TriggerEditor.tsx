import { useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { TriggerDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { showToast } from '../../../lib/toast';
import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { SaveActions } from '../../../ui/SaveActions';
import { ConfirmDelete } from '../../settings/components/ConfirmDelete';
import { ToggleField } from '../../settings/components/ToggleField';
import { usePermissions } from '../../settings/hooks/useSettings';
import { serverErrors, type PathErrors } from '../../settings/site/sectionForm';
import { newTriggerDraft, rowPath, triggerToDraft, validateTrigger, type TriggerDraft } from '../draft';
import { useDeleteTrigger, useSaveTrigger } from '../hooks';
import { ConditionRows } from './ConditionRows';

interface Props {
  siteId: string;
  trigger: TriggerDto | undefined;
  /** Where the list is (`/settings/sites/<id>/triggers`). */
  listUrl: string;
}

/** Create or edit one proactive trigger: message, conditions (AND), timing, caps. */
export function TriggerEditor({ siteId, trigger, listUrl }: Props) {
  const { canAdmin } = usePermissions();
  const save = useSaveTrigger(siteId);
  const remove = useDeleteTrigger(siteId);
  const navigate = useNavigate();
  const location = useLocation();
  const [draft, setDraft] = useState<TriggerDraft>(() => (trigger ? triggerToDraft(trigger) : newTriggerDraft()));
  const [live, setLive] = useState(false);
  const [serverFields, setServerFields] = useState<PathErrors>({});
  const [saved, setSaved] = useState(() => Boolean((location.state as { saved?: boolean } | null)?.saved));
  const readOnly = !canAdmin;
  // Once a save was refused, the messages follow the input as it is fixed.
  const errors = useMemo<PathErrors>(() => {
    const v = live ? validateTrigger(draft) : null;
    return { ...(v && !v.ok ? v.errors : {}), ...serverFields };
  }, [live, draft, serverFields]);
  const set = (change: Partial<TriggerDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setSaved(false);
    setServerFields({});
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validateTrigger(draft);
    setServerFields({});
    if (!v.ok) {
      setLive(true);
      return;
    }
    try {
      const result = await save.mutateAsync({ id: trigger?.id ?? null, body: v.body });
      setSaved(true);
      setLive(false);
      showToast(trigger ? 'Trigger saved' : 'Trigger created');
      if (!trigger) navigate(`${listUrl}/${result.id}`, { replace: true, state: { saved: true } });
    } catch (err) {
      const fields = serverErrors(err, '');
      if (fields) setServerFields(Object.fromEntries(Object.entries(fields).map(([p, m]) => [rowPath(p), m])));
    }
  }

  async function onDelete() {
    if (!trigger) return;
    try {
      await remove.mutateAsync(trigger.id);
      showToast('Trigger deleted');
      navigate(listUrl, { replace: true });
    } catch {
      // shown from remove.error
    }
  }

  const failed = save.error ?? remove.error;
  return (
    <div className="stack">
      <Link to={listUrl} className="back-link">
        <Icon name="back" size={16} /> All triggers
      </Link>
      <Panel title={trigger ? trigger.name : 'New trigger'} description={readOnly ? 'Read only: ask an admin to change triggers.' : 'A message that slides in above the chat button when a visitor matches every condition.'}>
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <Field label="Name" error={errors.name} hint="Only your team sees it, e.g. “Pricing page help”.">
              <input value={draft.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} data-testid="trigger-name" />
            </Field>
            <Field label="Message" error={errors.message} hint="Accepting the prompt opens the chat with this as your team’s first message.">
              <textarea rows={3} maxLength={1000} value={draft.message} placeholder="Questions about our plans? We’re happy to help." onChange={(e) => set({ message: e.target.value })} data-testid="trigger-message" />
            </Field>
            <div className="form__group" role="group" aria-labelledby="trigger-conditions">
              <span id="trigger-conditions" className="field-legend">
                Show when all of these are true
              </span>
              <ConditionRows rows={draft.conditions} errors={errors} onChange={(conditions) => set({ conditions })} />
            </div>
            <div className="form__row">
              <Field label="Delay (seconds)" error={errors.delaySeconds} hint="Wait this long after the conditions are met.">
                <input type="number" inputMode="numeric" min={0} max={600} className="input--short" value={draft.delaySeconds} onChange={(e) => set({ delaySeconds: e.target.value })} data-testid="trigger-delay" />
              </Field>
              <Field label="Priority" error={errors.priority} hint="0–100. When several triggers match, the highest wins.">
                <input type="number" inputMode="numeric" min={0} max={100} className="input--short" value={draft.priority} onChange={(e) => set({ priority: e.target.value })} data-testid="trigger-priority" />
              </Field>
            </div>
            <div className="form__group" role="group" aria-labelledby="trigger-frequency">
              <span id="trigger-frequency" className="field-legend">
                Frequency
              </span>
              <div className="frequency">
                <span>Show at most</span>
                <input type="number" inputMode="numeric" min={1} max={100} aria-label="Times" value={draft.frequencyMax} onChange={(e) => set({ frequencyMax: e.target.value })} data-testid="trigger-frequency-max" />
                <span>{draft.frequencyMax.trim() === '1' ? 'time per' : 'times per'}</span>
                <select aria-label="Per" value={draft.frequencyPer} onChange={(e) => set({ frequencyPer: e.target.value as TriggerDraft['frequencyPer'] })} data-testid="trigger-frequency-per">
                  <option value="session">visit</option>
                  <option value="day">day</option>
                  <option value="visitor">visitor, ever</option>
                </select>
              </div>
              {(errors.frequency || errors['frequency.max']) && <p className="field__error">{errors['frequency.max'] ?? errors.frequency}</p>}
              <p className="field__hint">A visitor who dismisses the prompt never sees it again.</p>
            </div>
            <ToggleField label="Only during business hours" checked={draft.businessHoursOnly} onChange={(businessHoursOnly) => set({ businessHoursOnly })} testId="trigger-hours-only" />
            <ToggleField
              label="Only when an agent is online"
              checked={draft.onlyWhenAgentsOnline}
              onChange={(onlyWhenAgentsOnline) => set({ onlyWhenAgentsOnline })}
              testId="trigger-agents-only"
              hint="Recommended: nobody is left waiting after accepting."
            />
            <ToggleField label="Enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} testId="trigger-enabled" />
          </fieldset>
          {failed && !Object.keys(errors).length && (
            <div className="alert alert--error" role="alert">
              {errorMessage(failed)}
            </div>
          )}
          {Object.keys(errors).length > 0 && (
            <div className="alert alert--error" role="alert" data-testid="trigger-error">
              Some settings need fixing: see the messages in red.
            </div>
          )}
          {canAdmin && (
            <SaveActions pending={save.isPending} saved={saved} label={trigger ? 'Save changes' : 'Create trigger'} testId="trigger-save">
              {trigger && <ConfirmDelete label="Delete trigger" question={`Delete “${trigger.name}”?`} pending={remove.isPending} onConfirm={onDelete} testId="trigger-delete" />}
            </SaveActions>
          )}
        </form>
      </Panel>
    </div>
  );
}
