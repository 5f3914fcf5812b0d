/** The trigger editor's form state and its mapping to the API's trigger body. */
import { CreateTriggerBody, type TriggerDto, type TriggerFrequency } from '@parley/protocol';
import { rowUid, type PathErrors, issuesToErrors } from '../settings/site/sectionForm';
import { intField } from '../settings/teams';
import { issueMessage } from '../../ui/formErrors';
import { conditionToRow, newConditionRow, rowToCondition, type ConditionRow } from './conditions';

export interface TriggerDraft {
  name: string;
  message: string;
  enabled: boolean;
  /** Number fields as typed. */
  priority: string;
  delaySeconds: string;
  frequencyMax: string;
  frequencyPer: TriggerFrequency['per'];
  businessHoursOnly: boolean;
  onlyWhenAgentsOnline: boolean;
  conditions: ConditionRow[];
}

/** A new trigger: 30 seconds on any page, once per session. */
export function newTriggerDraft(): TriggerDraft {
  return {
    name: '',
    message: '',
    enabled: true,
    priority: '0',
    delaySeconds: '0',
    frequencyMax: '1',
    frequencyPer: 'session',
    businessHoursOnly: false,
    onlyWhenAgentsOnline: true,
    conditions: [newConditionRow('time_on_page', rowUid())],
  };
}

export function triggerToDraft(t: TriggerDto): TriggerDraft {
  return {
    name: t.name,
    message: t.message,
    enabled: t.enabled,
    priority: String(t.priority),
    delaySeconds: String(t.delaySeconds),
    frequencyMax: String(t.frequency.max),
    frequencyPer: t.frequency.per,
    businessHoursOnly: t.businessHoursOnly,
    onlyWhenAgentsOnline: t.onlyWhenAgentsOnline,
    conditions: t.conditions.map((c) => conditionToRow(c, rowUid())),
  };
}

/** The body for `POST /api/sites/:id/triggers` (and, whole, for `PATCH /api/triggers/:id`), unvalidated. */
export function draftToBody(d: TriggerDraft): Record<string, unknown> {
  return {
    name: d.name,
    message: d.message,
    enabled: d.enabled,
    priority: intField(d.priority),
    delaySeconds: intField(d.delaySeconds),
    frequency: { max: intField(d.frequencyMax), per: d.frequencyPer },
    businessHoursOnly: d.businessHoursOnly,
    onlyWhenAgentsOnline: d.onlyWhenAgentsOnline,
    conditions: d.conditions.map(rowToCondition),
  };
}

/**
 * Validates the draft like the server: the body, or errors by path. A condition's errors are
 * reported on its row (`conditions.2`), whatever part of it is wrong.
 */
export function validateTrigger(d: TriggerDraft): { ok: true; body: CreateTriggerBody } | { ok: false; errors: PathErrors } {
  const parsed = CreateTriggerBody.safeParse(draftToBody(d));
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues.map((i) => ({ path: rowPath(i.path.join('.')), message: issueMessage(i) }))) };
}

/** `conditions.2.seconds` → `conditions.2`; other paths unchanged. */
export function rowPath(path: string): string {
  const m = /^(conditions\.\d+)\./.exec(path);
  return m ? m[1]! : path;
}
