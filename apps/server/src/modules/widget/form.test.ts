import { describe, expect, it } from 'vitest';
import { PreChatForm } from '@parley/protocol';
import { checkFormAnswers } from './form';

const form = PreChatForm.parse({
  enabled: true,
  fields: [
    { key: 'name', type: 'name', label: 'Name', required: true },
    { key: 'email', type: 'email', label: 'Email', required: true },
    { key: 'phone', type: 'phone', label: 'Phone' },
    { key: 'service', type: 'select', label: 'Service', options: [{ value: 'sales', label: 'Sales' }, { value: 'support', label: 'Support' }] },
    { key: 'order', type: 'text', label: 'Order number' },
    { key: 'notes', type: 'textarea', label: 'Notes' },
  ],
});
const ok = { name: 'Ada Lovelace', email: 'Ada@Example.com' };

describe('checkFormAnswers', () => {
  it('sorts answers into the visitor columns and attributes', () => {
    expect(checkFormAnswers(form, { ...ok, phone: '+33 6 12 34 56 78', service: 'sales', order: ' A-17 ', notes: '' })).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+33 6 12 34 56 78',
      attributes: { service: 'sales', order: 'A-17' },
    });
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    ['a missing required field', { name: 'Ada' }, /^email: Email is required$/],
    ['a blank required field', { ...ok, name: '   ' }, /^name: Name is required$/],
    ['a malformed email', { ...ok, email: 'not-an-email' }, /^email: /],
    ['letters in a phone number', { ...ok, phone: '06 12 AB' }, /^phone: Phone number can only contain/],
    ['too few digits', { ...ok, phone: '123' }, /^phone: Phone number must have 6 to 20 digits/],
    ['a value that is not an option', { ...ok, service: 'billing' }, /^service: choose one of the options of Service$/],
    ['a key the form does not have', { ...ok, age: '42' }, /^age: not a field of this form$/],
    ['a text longer than 200', { ...ok, order: 'x'.repeat(201) }, /^order: Order number must be at most 200 characters$/],
  ];
  it.each(refused)('refuses %s, naming the field', (_name, answers, message) => {
    expect(() => checkFormAnswers(form, answers)).toThrow(message);
  });
});
