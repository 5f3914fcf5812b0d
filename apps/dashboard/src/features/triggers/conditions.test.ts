import { describe, expect, it } from 'vitest';
import { TriggerCondition, type TriggerDto } from '@parley/protocol';
import { CONDITION_TYPES, conditionToRow, describeCondition, newConditionRow, rowToCondition } from './conditions';
import { draftToBody, newTriggerDraft, rowPath, triggerToDraft, validateTrigger } from './draft';

const every: TriggerCondition[] = [
  { type: 'time_on_page', seconds: 45 },
  { type: 'url', op: 'matches', value: '*/pricing*' },
  { type: 'exit_intent' },
  { type: 'pages_viewed', min: 3 },
  { type: 'returning_visitor', value: false },
  { type: 'cart_value', op: 'lte', value: 99.5 },
  { type: 'referrer', op: 'not_contains', value: 'google' },
  { type: 'utm_source', value: 'newsletter' },
];

describe('trigger condition rows', () => {
  it('every condition type survives row → condition → row', () => {
    for (const c of every) expect(rowToCondition(conditionToRow(c, 'u'))).toEqual(c);
  });

  it('a new row of each type is valid as soon as it has a value', () => {
    for (const meta of CONDITION_TYPES) {
      const row = newConditionRow(meta.type, 'u');
      const filled = meta.input === 'text' ? { ...row, value: 'x' } : row;
      expect(TriggerCondition.safeParse(rowToCondition(filled)).success).toBe(true);
    }
  });

  it('text that is not a number reaches the schema as missing', () => {
    expect(rowToCondition({ uid: 'u', type: 'time_on_page', op: '', value: 'soon' })).toEqual({ type: 'time_on_page', seconds: undefined });
    expect(rowToCondition({ uid: 'u', type: 'cart_value', op: 'gte', value: '' })).toEqual({ type: 'cart_value', op: 'gte', value: undefined });
  });

  it('describes conditions in words for the list', () => {
    expect(every.map(describeCondition)).toEqual([
      '45 s on the page',
      'URL matches “*/pricing*”',
      'About to leave',
      '3+ pages viewed',
      'New visitor',
      'Cart ≤ 99.5',
      'Referrer does not contain “google”',
      'UTM source “newsletter”',
    ]);
  });
});

describe('trigger editor form', () => {
  it('a stored trigger round-trips through the form', () => {
    const t: TriggerDto = {
      id: 't1',
      siteId: 's1',
      name: 'Pricing help',
      enabled: true,
      priority: 10,
      conditions: every,
      delaySeconds: 5,
      message: 'Need help choosing a plan?',
      frequency: { max: 2, per: 'day' },
      businessHoursOnly: true,
      onlyWhenAgentsOnline: false,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const v = validateTrigger(triggerToDraft(t));
    expect(v.ok && v.body).toEqual({
      name: t.name,
      enabled: true,
      priority: 10,
      conditions: every,
      delaySeconds: 5,
      message: t.message,
      frequency: { max: 2, per: 'day' },
      businessHoursOnly: true,
      onlyWhenAgentsOnline: false,
    });
  });

  it("reports a condition's errors on its row, and the other fields by name", () => {
    const draft = { ...newTriggerDraft(), name: '', priority: '200', conditions: [newConditionRow('time_on_page', 'a'), newConditionRow('url', 'b')] };
    const v = validateTrigger(draft);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(['conditions.1', 'message', 'name', 'priority']);
    expect(validateTrigger({ ...draft, conditions: [] }).ok).toBe(false);
    expect(draftToBody({ ...draft, frequencyMax: 'x' }).frequency).toEqual({ max: undefined, per: 'session' });
  });

  it('rowPath folds condition sub-paths onto the row', () => {
    expect(rowPath('conditions.3.seconds')).toBe('conditions.3');
    expect(rowPath('conditions')).toBe('conditions');
    expect(rowPath('frequency.max')).toBe('frequency.max');
  });
});
