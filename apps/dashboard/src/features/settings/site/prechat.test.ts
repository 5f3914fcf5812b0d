import { describe, expect, it } from 'vitest';
import { newField, newOption, preChatModel, relabelField, relabelOption, slugKey, uniqueKey } from './prechat';
import { storedSettings, validatePatch } from './sectionForm';

describe('pre-chat form builder', () => {
  it('derives field keys the schema accepts from any label', () => {
    expect(slugKey('Service type')).toBe('service_type');
    expect(slugKey('Ärger & Öl')).toBe('arger_ol');
    expect(slugKey('2nd phone')).toBe('nd_phone');
    expect(slugKey('¿?')).toBe('field');
    expect(slugKey('x'.repeat(60))).toHaveLength(40);
    expect(uniqueKey('company', ['company', 'company_2'])).toBe('company_3');
    expect(uniqueKey('x'.repeat(40), ['x'.repeat(40)])).toBe(`${'x'.repeat(38)}_2`);
  });

  it('new name/email/phone fields are keyed by type and required; custom ones get a free key', () => {
    const email = newField('email', []);
    expect(email).toMatchObject({ key: 'email', type: 'email', required: true, autoKey: false });
    const a = newField('text', [email]);
    const b = newField('text', [email, a]);
    expect([a.key, b.key]).toEqual(['company', 'company_2']);
    expect(newField('select', []).options.map((o) => o.value)).toEqual(['sales', 'support']);
  });

  it("a new field's key follows its label; a saved field keeps its key", () => {
    const fresh = newField('select', []);
    expect(relabelField(fresh, 'Service type', [fresh]).key).toBe('service_type');
    const [saved] = preChatModel.toDraft(storedSettings({ preChatForm: { fields: [{ key: 'topic', type: 'text', label: 'Topic' }] } })).fields;
    expect(relabelField(saved!, 'Subject', [saved!])).toMatchObject({ key: 'topic', label: 'Subject' });
    const edited = { ...fresh, key: 'custom', autoKey: false };
    expect(relabelField(edited, 'Other', [edited]).key).toBe('custom');
  });

  it("a new choice's value follows its label, unique within the dropdown", () => {
    const first = relabelOption(newOption(), 'Sales', []);
    const second = relabelOption(newOption(), 'Sales!', [first]);
    expect([first.value, second.value]).toEqual(['sales', 'sales_2']);
    expect(relabelOption({ ...first, autoValue: false }, 'Billing', [first]).value).toBe('sales');
  });

  it('the draft round-trips to the stored form, without client ids and empty translations', () => {
    const form = {
      enabled: true,
      intro: 'Hi',
      fields: [
        { key: 'name', type: 'name', label: 'Name', labels: { fr: 'Nom' }, required: true, options: [] },
        { key: 'service', type: 'select', label: 'Service', labels: {}, required: true, options: [{ value: 'repair', label: 'Repair', labels: { de: 'Reparatur' } }] },
      ],
    } as const;
    const draft = preChatModel.toDraft(storedSettings({ preChatForm: form }));
    draft.fields[0]!.labels = { ...draft.fields[0]!.labels, es: '  ' };
    expect(preChatModel.toPatch(draft)).toEqual({ preChatForm: form });
  });

  it('a dropdown without choices and a duplicate email field are refused before saving', () => {
    const draft = preChatModel.toDraft(storedSettings({}));
    const select = { ...newField('select', draft.fields), options: [] };
    const dupe = { ...newField('email', []), key: 'email_2' };
    const v = validatePatch(preChatModel.toPatch({ ...draft, fields: [...draft.fields, select, dupe] }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors['preChatForm.fields.2.options']).toBe('A dropdown needs at least one option');
    const ok = validatePatch(preChatModel.toPatch({ ...draft, fields: [...draft.fields, newField('select', draft.fields)] }));
    expect(ok.ok).toBe(true);
    const twice = validatePatch(preChatModel.toPatch({ ...draft, fields: [...draft.fields, dupe] }));
    expect(twice.ok ? null : twice.errors['preChatForm.fields']).toBe('Name, email and phone fields can each appear only once');
  });
});
